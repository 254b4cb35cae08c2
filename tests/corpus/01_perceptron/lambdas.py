"""Activations as lambdas (a common one-liner style), the rest as plain functions."""
import numpy as np

step = lambda s: np.where(s > 0, 1.0, np.where(s < 0, -1.0, 0.0))  # noqa: E731
_e = lambda s: np.exp(-np.abs(np.asarray(s, dtype=float)))  # noqa: E731
sigmoid = lambda s: np.where(np.asarray(s) >= 0, 1 / (1 + _e(s)), _e(s) / (1 + _e(s)))  # noqa: E731


def perceptron(X, w, b, activation="step"):
    acts = {"step": step, "sigmoid": sigmoid}
    if activation not in acts:
        raise ValueError("activation must be 'step' or 'sigmoid'")
    return acts[activation](np.dot(np.asarray(X, dtype=float), w) + b)


def gate_weights(name):
    gates = {"AND": ([1, 1], -1), "OR": ([1, 1], 1), "NAND": ([-1, -1], 1)}
    if name not in gates:
        raise ValueError(name)
    w, b = gates[name]
    return np.array(w, dtype=float), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    w, b = np.zeros(np.shape(X)[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for x, target in zip(X, t):
            if step(np.dot(x, w) + b) != target:
                w, b = w + lr * target * x, b + lr * target
                mistakes += 1
        if mistakes == 0:
            return w, b, True, epoch
    return w, b, False, max_epochs


def poly_features(X):
    x1, x2 = np.asarray(X, dtype=float).T
    return np.column_stack([x1 * x1, x1, x1 * x2, x2 * x2])
