import numpy as np


def step(s):
    s = np.asarray(s, dtype=float)
    out = np.zeros_like(s)
    out[s > 0] = 1.0
    out[s < 0] = -1.0
    return out


def sigmoid(s):
    s = np.asarray(s, dtype=float)
    z = np.exp(-np.abs(s))
    return np.where(s >= 0, z / (1 + z), 1 / (1 + z))


def perceptron(X, w, b, activation="step"):
    if activation not in ("step", "sigmoid"):
        raise ValueError("activation must be step or sigmoid")
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    net = X @ w + b
    if activation == "step":
        return step(net)
    return sigmoid(net)


def gate_weights(name):
    if name == "AND":
        return np.array([1.0, 1.0]), -1.0
    elif name == "OR":
        return np.array([1.0, 1.0]), 1.0
    elif name == "NAND":
        return np.array([-1.0, -1.0]), 1.0
    else:
        raise ValueError("unknown gate: " + str(name))


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    w = np.zeros(X.shape[1])
    b = 0.0
    for epoch in range(1, max_epochs + 1):
        n_updates = 0
        for i in range(len(X)):
            y = step(np.dot(X[i], w) + b)
            if y != t[i]:
                w = w + lr * t[i] * X[i]
                b = b + lr * t[i]
                n_updates += 1
        if n_updates == 0:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=float)
    x1 = X[:, 0]
    x2 = X[:, 1]
    return np.column_stack([x1 ** 2, x1, x1 * x2, x2 ** 2])
