# 01_perceptron — student D (PyTorch / sklearn habits)


import numpy as np


def step(s):
    s = np.asarray(s, dtype=np.float64)
    return 2.0 * np.heaviside(s, 0.5) - 1.0


def sigmoid(s):
    # same as torch.sigmoid: 0.5 * (1 + tanh(s / 2)) is stable everywhere
    s = np.asarray(s, dtype=np.float64)
    return 0.5 * (1.0 + np.tanh(0.5 * s))


ACTIVATIONS = {"step": lambda z: step(z), "sigmoid": lambda z: sigmoid(z)}


def perceptron(X, w, b, activation="step"):
    if activation not in ACTIVATIONS:
        raise ValueError(f"unsupported activation: {activation}")
    x = np.asarray(X, dtype=np.float64)
    weight = np.asarray(w, dtype=np.float64)
    logits = np.matmul(x, weight) + float(b)
    return ACTIVATIONS[activation](logits)


def gate_weights(name):
    table = {
        "AND": (np.array([2.0, 2.0]), -2.0),
        "OR": (np.array([2.0, 2.0]), 2.0),
        "NAND": (np.array([-2.0, -2.0]), 2.0),
    }
    return table.get(name)


class Perceptron:
    def __init__(self, lr=0.01, max_epochs=100):
        self.lr, self.max_epochs = lr, max_epochs

    def fit(self, X, t):
        self.coef_ = np.zeros(X.shape[1])
        self.intercept_ = 0.0
        self.converged_ = False
        for self.n_iter_ in range(1, self.max_epochs + 1):
            n_updates = 0
            for xi, ti in zip(X, t):
                if step(xi @ self.coef_ + self.intercept_) != ti:
                    self.coef_ = self.coef_ + self.lr * ti * xi
                    self.intercept_ += self.lr * ti
                    n_updates += 1
            if n_updates == 0:
                self.converged_ = True
                break
        return self


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    clf = Perceptron(lr, max_epochs).fit(X, t)
    return clf.coef_, float(clf.intercept_), clf.converged_, clf.n_iter_


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X.T
    return np.column_stack((x1 * x1, x1, x1 * x2, x2 * x2))
