"""step written for one number (`if s > 0`): fine inside train_perceptron's per-sample loop,
but it cannot take arrays, so step's own checks and perceptron's batch cases with the step
activation fail (perceptron uses step); sigmoid and everything else keep their points."""
import numpy as np


def step(s):
    if s > 0:
        return 1.0
    if s < 0:
        return -1.0
    return 0.0


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    e = np.exp(-np.abs(s))
    return np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def perceptron(X, w, b, activation="step"):
    if activation == "step":
        return step(np.asarray(X, dtype=np.float64) @ w + b)
    if activation == "sigmoid":
        return sigmoid(np.asarray(X, dtype=np.float64) @ w + b)
    raise ValueError(activation)


def gate_weights(name):
    return {"AND": (np.array([1.0, 1.0]), -1.0), "OR": (np.array([1.0, 1.0]), 1.0),
            "NAND": (np.array([-1.0, -1.0]), 1.0)}[name] if name in ("AND", "OR", "NAND") \
        else (_ for _ in ()).throw(ValueError(name))


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        updated = False
        for x_i, t_i in zip(X, t):
            if step(x_i @ w + b) != t_i:
                w, b, updated = w + lr * t_i * x_i, b + lr * t_i, True
        if not updated:
            return w, b, True, epoch
    return w, b, False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    return np.stack([X[:, 0] ** 2, X[:, 0], X[:, 0] * X[:, 1], X[:, 1] ** 2], axis=1)
