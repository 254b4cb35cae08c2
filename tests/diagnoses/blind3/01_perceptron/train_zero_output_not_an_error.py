import numpy as np


def step(s):
    s = np.asarray(s, dtype=float)
    return np.where(s > 0, 1.0, np.where(s < 0, -1.0, 0.0))


def sigmoid(s):
    s = np.array(s, dtype=np.float64)
    z = np.exp(-np.abs(s))
    out = np.empty_like(s)
    pos = s >= 0
    out[pos] = 1.0 / (1.0 + z[pos])
    out[~pos] = z[~pos] / (1.0 + z[~pos])
    return out


def perceptron(X, w, b, activation="step"):
    acts = {"step": step, "sigmoid": sigmoid}
    if activation not in acts:
        raise ValueError("activation must be 'step' or 'sigmoid'")
    net = np.dot(np.asarray(X, dtype=float), np.asarray(w, dtype=float)) + b
    return acts[activation](net)


GATES = {
    "AND": ([0.5, 0.5], -0.5),
    "OR": ([0.5, 0.5], 0.5),
    "NAND": ([-0.5, -0.5], 0.5),
}


def gate_weights(name):
    if name not in GATES:
        raise ValueError("unknown gate: " + str(name))
    w, b = GATES[name]
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=float)
    t = np.asarray(t, dtype=float)
    m, n = X.shape
    w = np.zeros(n)
    b = 0.0
    for epoch in range(1, max_epochs + 1):
        errors = 0
        for i in range(m):
            y = step(X[i] @ w + b)
            if y * t[i] < 0:  # wrong sign -> misclassified
                w = w + lr * t[i] * X[i]
                b = b + lr * t[i]
                errors += 1
        if errors == 0:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=float)
    x1 = X[:, 0]
    x2 = X[:, 1]
    return np.column_stack([x1 ** 2, x1, x1 * x2, x2 ** 2])
