"""Assignment 01: perceptron (explicit loops and masks)."""
import numpy as np


def step(s):
    arr = np.array(s, dtype=np.float64)
    out = np.zeros_like(arr)
    out[arr > 0] = 1.0
    out[arr < 0] = -1.0
    return out


def sigmoid(s):
    arr = np.array(s, dtype=np.float64)
    out = np.empty_like(arr)
    pos = arr >= 0
    e = np.exp(-np.abs(arr))
    out[pos] = 1.0 / (1.0 + e[pos])
    out[~pos] = e[~pos] / (1.0 + e[~pos])
    return out


ACTIVATIONS = {"step": step, "sigmoid": sigmoid}


def perceptron(X, w, b, activation="step"):
    if activation not in ACTIVATIONS:
        raise ValueError("activation must be 'step' or 'sigmoid'")
    s = np.dot(np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)) + b
    return ACTIVATIONS[activation](s)


def gate_weights(name):
    if name == "AND":
        return np.array([1.0, 1.0]), -1.0
    if name == "OR":
        return np.array([1.0, 1.0]), 1.0
    if name == "NAND":
        return np.array([-1.0, -1.0]), 1.0
    raise ValueError("unknown gate " + str(name))


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    m, n = X.shape
    w = np.zeros(n)
    b = 0.0
    epoch = 0
    converged = False
    while epoch < max_epochs and not converged:
        epoch += 1
        errors = 0
        for i in range(m):
            y = step(np.dot(X[i], w) + b)
            if y != t[i]:
                w += lr * t[i] * X[i]
                errors += 1
        converged = errors == 0
    return w, float(b), bool(converged), epoch


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    out = np.empty((X.shape[0], 4))
    out[:, 0] = X[:, 0] ** 2
    out[:, 1] = X[:, 0]
    out[:, 2] = X[:, 0] * X[:, 1]
    out[:, 3] = X[:, 1] ** 2
    return out
