import numpy as np


step = lambda s: np.sign(np.asarray(s, dtype=np.float64))


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    e = np.exp(-np.abs(s))
    return np.where(s >= 0, 1 / (1 + e), e / (1 + e))


def perceptron(X, w, b, activation="step"):
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    s = X @ w + float(b)
    if activation == "step":
        return step(s)
    elif activation == "sigmoid":
        return sigmoid(s)
    else:
        raise ValueError(f"unknown activation: {activation}")


def gate_weights(name):
    if name == "AND":
        w, b = [1.0, 1.0], -1.5
    elif name == "OR":
        w, b = [1.0, 1.0], 1.5
    elif name == "NAND":
        w, b = [-1.0, -1.0], 1.5
    else:
        raise ValueError(f"no such gate: {name}")
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w = np.zeros(X.shape[1])
    b = 0.0
    epochs = 0
    converged = False
    while epochs < max_epochs and not converged:
        epochs += 1
        converged = True
        order = np.random.permutation(len(X))
        for xi, ti in zip(X[order], t[order]):
            if step(np.dot(xi, w) + b) != ti:
                w = w + lr * ti * xi
                b += lr * ti
                converged = False
    return w, float(b), converged, epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    out = np.zeros((X.shape[0], 4))
    out[:, 0] = X[:, 0] ** 2
    out[:, 1] = X[:, 0]
    out[:, 2] = X[:, 0] * X[:, 1]
    out[:, 3] = X[:, 1] ** 2
    return out
