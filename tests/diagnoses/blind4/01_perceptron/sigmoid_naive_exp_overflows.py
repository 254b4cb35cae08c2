# 01_perceptron — 학생 A (loops, masks, a small class)


import numpy as np


def step(s):
    s = np.array(s, dtype=float)
    out = np.zeros_like(s)
    out[s > 0] = 1.0
    out[s < 0] = -1.0
    return out


def sigmoid(s):
    s = np.array(s, dtype=float)
    return 1.0 / (1.0 + np.exp(-s))


def perceptron(X, w, b, activation="step"):
    funcs = {"step": step, "sigmoid": sigmoid}
    if activation not in funcs:
        raise ValueError("activation must be 'step' or 'sigmoid'")
    X = np.asarray(X, dtype=float)
    w = np.asarray(w, dtype=float)
    s = np.dot(X, w) + b
    return funcs[activation](s)


def gate_weights(name):
    if name == "AND":
        w, b = [0.5, 0.5], -0.5
    elif name == "OR":
        w, b = [0.5, 0.5], 0.5
    elif name == "NAND":
        w, b = [-0.5, -0.5], 0.5
    else:
        raise ValueError("unknown gate: " + str(name))
    return np.array(w, dtype=float), float(b)


class _Rosenblatt:
    def __init__(self, n, lr):
        self.w = np.zeros(n)
        self.b = 0.0
        self.lr = lr

    def predict(self, x):
        return step(np.dot(x, self.w) + self.b)

    def update(self, x, target):
        if self.predict(x) != target:
            self.w = self.w + self.lr * target * x
            self.b = self.b + self.lr * target
            return True
        return False


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.array(X, dtype=float)
    t = np.array(t, dtype=float)
    model = _Rosenblatt(X.shape[1], lr)
    for epoch in range(1, max_epochs + 1):
        errors = 0
        for i in range(len(X)):
            if model.update(X[i], t[i]):
                errors += 1
        if errors == 0:
            return model.w, float(model.b), True, epoch
    return model.w, float(model.b), False, max_epochs


def poly_features(X):
    X = np.asarray(X, dtype=float)
    out = np.zeros((X.shape[0], 4))
    for i in range(X.shape[0]):
        a, c = X[i, 0], X[i, 1]
        out[i] = [a * a, a, a * c, c * c]
    return out
