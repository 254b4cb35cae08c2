"""Returns numpy scalars for a single sample (np.float64), arrays for batches."""
import numpy as np


def step(s):
    return np.sign(s) * 1.0 if np.ndim(s) else np.float64(np.sign(s))


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    e = np.exp(-np.abs(s))
    out = np.where(s >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return out if out.ndim else np.float64(out)


def perceptron(X, w, b, activation="step"):
    if activation not in ("step", "sigmoid"):
        raise ValueError(activation)
    s = np.dot(X, w) + b  # np.float64 for one sample
    return step(s) if activation == "step" else sigmoid(s)


def gate_weights(name):
    weights = {"AND": (1.0, 1.0, -1.0), "OR": (1.0, 1.0, 1.0), "NAND": (-1.0, -1.0, 1.0)}
    if name not in weights:
        raise ValueError(name)
    w1, w2, b = weights[name]
    return np.array([w1, w2]), np.float64(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X, t = np.asarray(X, dtype=np.float64), np.asarray(t, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), np.float64(0.0)
    for epoch in range(1, max_epochs + 1):
        clean = True
        for x_i, t_i in zip(X, t):
            if perceptron(x_i, w, b) != t_i:
                w, b, clean = w + lr * t_i * x_i, b + lr * t_i, False
        if clean:
            return w, b, True, epoch
    return w, b, False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    return np.einsum("mi,mj->mij", X, X).reshape(-1, 4)[:, [0, 1, 1, 3]] * [1, 0, 1, 1] + \
        np.column_stack([np.zeros(len(X)), X[:, 0], np.zeros(len(X)), np.zeros(len(X))])
