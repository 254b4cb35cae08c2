import math
import numpy as np


def step(s):
    s = np.asarray(s, dtype=np.float64)
    return (s > 0).astype(np.float64) - (s < 0).astype(np.float64)


def _sig1(v):
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    ev = math.exp(v)
    return ev / (1.0 + ev)


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    flat = [_sig1(v) for v in s.ravel()]
    return np.array(flat, dtype=np.float64).reshape(s.shape)


def perceptron(X, w, b, activation="step"):
    if activation not in ("step", "sigmoid"):
        raise ValueError(f"bad activation {activation}")
    f = step if activation == "step" else sigmoid
    X = np.asarray(X, dtype=np.float64)
    return f(X @ np.asarray(w, dtype=np.float64) + float(b))


GATES = {
    "AND": ((2.0, 2.0), -2.0),
    "OR": ((0.5, 0.5), 0.5),
    "NAND": ((-3.0, -3.0), 4.0),
}


def gate_weights(name):
    if name not in GATES:
        raise ValueError(name)
    w, b = GATES[name]
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    epoch = 0
    while epoch < max_epochs:
        epoch += 1
        changed = False
        for xi, ti in zip(X, t):
            if step(xi @ w + b) != ti:
                w, b = w + lr * ti * xi, b + lr * ti
                changed = True
        if not changed:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[0], X[1]
    return np.stack([x1 ** 2, x1, x1 * x2, x2 ** 2], axis=1)
