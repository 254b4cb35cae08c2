"""Activations as methods of an object, exported as module-level aliases."""
import numpy as np


class Activations:
    def step(self, s):
        return np.sign(np.asarray(s, dtype=np.float64))

    def sigmoid(self, s):
        s = np.asarray(s, dtype=np.float64)
        out = np.empty_like(s)
        pos = s >= 0
        out[pos] = 1.0 / (1.0 + np.exp(-s[pos]))
        e = np.exp(s[~pos])
        out[~pos] = e / (1.0 + e)
        return out


_act = Activations()
step = _act.step
sigmoid = _act.sigmoid


def perceptron(X, w, b, activation="step"):
    if activation == "step":
        return step(np.asarray(X, dtype=float) @ w + b)
    if activation == "sigmoid":
        return sigmoid(np.asarray(X, dtype=float) @ w + b)
    raise ValueError(f"unknown activation: {activation}")


def gate_weights(name):
    if name == "AND":
        return np.array([1.0, 1.0]), -1.0
    if name == "OR":
        return np.array([1.0, 1.0]), 1.0
    if name == "NAND":
        return np.array([-1.0, -1.0]), 1.0
    raise ValueError(name)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        changed = False
        for i in range(len(X)):
            if step(X[i] @ w + b) != t[i]:
                w = w + lr * t[i] * X[i]
                b = b + lr * t[i]
                changed = True
        if not changed:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=float)
    return np.stack([X[:, 0] ** 2, X[:, 0], X[:, 0] * X[:, 1], X[:, 1] ** 2], axis=1)
