import numpy as np


def step(s):
    return np.sign(s).astype(np.float64) * 1.0


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -s))


def perceptron(X, w, b, activation="step"):
    acts = {"step": step, "sigmoid": sigmoid}
    if activation not in acts:
        raise ValueError("unknown activation " + repr(activation))
    return acts[activation](np.matmul(np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)) + b)


def gate_weights(name):
    table = {"AND": ([1, 1], -1.5), "OR": ([1, 1], 1.5), "NAND": ([-1, -1], 1.5)}
    if name not in table:
        raise ValueError("gate?")
    w, b = table[name]
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.array(X, dtype=np.float64, copy=True)
    t = np.array(t, dtype=np.float64, copy=True)
    m, n = X.shape
    w = np.zeros(n)
    b = 0.0
    converged = False
    epochs = 0
    for ep in range(max_epochs):
        epochs = ep + 1
        errors = 0
        for i in range(m):
            out = step(X[i] @ w + b)
            if out != t[i]:
                w += lr * t[i] * X[i]
                errors += 1
        if errors == 0:
            converged = True
            break
    return w, b, converged, epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    feats = np.empty((X.shape[0], 4))
    for k, (x1, x2) in enumerate(X):
        feats[k] = [x1 * x1, x1, x1 * x2, x2 * x2]
    return feats
