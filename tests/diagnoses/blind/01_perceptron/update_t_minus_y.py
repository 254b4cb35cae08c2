"""Assignment 01: perceptron (vectorised numpy style)."""
import numpy as np


def step(s):
    s = np.asarray(s, dtype=np.float64)
    return np.where(s > 0, 1.0, np.where(s < 0, -1.0, 0.0))


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    e = np.exp(-np.abs(s))
    return np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def perceptron(X, w, b, activation="step"):
    if activation == "step":
        phi = step
    elif activation == "sigmoid":
        phi = sigmoid
    else:
        raise ValueError(f"unknown activation: {activation!r}")
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return phi(X @ w + b)


def gate_weights(name):
    table = {"AND": ([1, 1], -1), "OR": ([1, 1], 1), "NAND": ([-1, -1], 1)}
    if name not in table:
        raise ValueError(f"unknown gate: {name!r}")
    w, b = table[name]
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w = np.zeros(X.shape[1])
    b = 0.0
    converged = False
    epochs = 0
    for epoch in range(max_epochs):
        epochs += 1
        updated = False
        for x_i, t_i in zip(X, t):
            y_i = step(x_i @ w + b)
            if y_i != t_i:
                w = w + lr * (t_i - y_i) * x_i
                b = b + lr * (t_i - y_i)
                updated = True
        if not updated:
            converged = True
            break
    return w, float(b), converged, epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[:, 0], X[:, 1]
    return np.column_stack([x1 ** 2, x1, x1 * x2, x2 ** 2])
