"""Everything in loops with the math module (how many students start)."""
import math

import numpy as np


def step(s):
    s = np.asarray(s, dtype=np.float64)
    out = np.zeros(s.shape)
    for i in np.ndindex(s.shape):
        if s[i] > 0:
            out[i] = 1.0
        elif s[i] < 0:
            out[i] = -1.0
    return out


def _sig(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    e = math.exp(v)
    return e / (1.0 + e)


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    out = np.zeros(s.shape)
    for i in np.ndindex(s.shape):
        out[i] = _sig(float(s[i]))
    return out


def perceptron(X, w, b, activation="step"):
    if activation == "step":
        f = step
    elif activation == "sigmoid":
        f = sigmoid
    else:
        raise ValueError("bad activation " + str(activation))
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        return f(sum(x * wj for x, wj in zip(X, w)) + b)
    return f(np.array([sum(x * wj for x, wj in zip(row, w)) + b for row in X]))


def gate_weights(name):
    if name not in ("AND", "OR", "NAND"):
        raise ValueError(name)
    sign = -1.0 if name == "NAND" else 1.0
    return np.array([sign, sign]), (-1.0 if name == "AND" else 1.0)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    n = len(X[0])
    w = [0.0] * n
    b = 0.0
    for epoch in range(1, max_epochs + 1):
        updated = False
        for x, target in zip(X, t):
            s = b
            for j in range(n):
                s += w[j] * x[j]
            y = 1.0 if s > 0 else (-1.0 if s < 0 else 0.0)
            if y != target:
                for j in range(n):
                    w[j] = w[j] + lr * target * x[j]
                b = b + lr * target
                updated = True
        if not updated:
            return np.array(w), float(b), True, epoch
    return np.array(w), float(b), False, max_epochs


def poly_features(X):
    rows = [[x1 * x1, x1, x1 * x2, x2 * x2] for x1, x2 in np.asarray(X, dtype=np.float64)]
    return np.array(rows, dtype=np.float64).reshape(len(rows), 4)
