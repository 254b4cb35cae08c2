import numpy as np
from numpy import heaviside


def step(s):
    s = np.asarray(s, dtype=np.float64)
    return heaviside(s, 0.5) * 2.0 - 1.0


def sigmoid(s):
    s = np.asarray(s, dtype=np.float64)
    out = np.empty_like(s)
    m = s >= 0
    out[m] = 1.0 / (1.0 + np.exp(-s[m]))
    ex = np.exp(s[~m])
    out[~m] = ex / (1.0 + ex)
    return out


class Perceptron:
    def __init__(self, w, b, activation):
        self.w = np.asarray(w, dtype=np.float64)
        self.b = float(b)
        if activation == "step":
            self.act = step
        elif activation == "sigmoid":
            self.act = sigmoid
        else:
            raise ValueError(f"unsupported activation: {activation}")

    def forward(self, X):
        return self.act(np.einsum("...n,n->...", np.asarray(X, dtype=np.float64), self.w) + self.b)


def perceptron(X, w, b, activation="step"):
    return Perceptron(w, b, activation).forward(X)


def gate_weights(name):
    # 입력은 -1/+1 (바이폴라)
    if name == "AND":
        w, b = [1.0, 1.0], -1.0
    elif name == "OR":
        w, b = [1.0, 1.0], 1.0
    elif name == "NAND":
        w, b = [-1.0, -1.0], 1.0
    else:
        raise ValueError("모르는 게이트: " + str(name))
    return np.array(w, dtype=float), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w = np.zeros(X.shape[1])
    b = 0.0
    converged = False
    epochs = 0
    for epochs in range(1, max_epochs + 1):
        mistakes = 0
        for idx in range(len(X)):
            pred = step(X[idx] @ w + b)
            if pred != t[idx]:
                w += lr * t[idx] * X[idx]
                b += lr * t[idx]
                mistakes += 1
        if mistakes == 0:
            converged = True
            break
    return w, float(b), converged, epochs


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X.T
    return np.stack((x1 ** 2, x1, x1 * x2, x2 ** 2), axis=-1)
