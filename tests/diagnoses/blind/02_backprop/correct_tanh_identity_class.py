import numpy as np


def sigmoid(x):
    # 1 / (1 + e^-x) == (1 + tanh(x / 2)) / 2 : no overflow anywhere
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


sigmoid_derivative = lambda x: (lambda y: y * (1 - y))(sigmoid(x))


def delta_rule_step(w, b, x, t, lr):
    w, x = np.asarray(w, dtype=np.float64), np.asarray(x, dtype=np.float64)
    y = sigmoid(np.sum(w * x) + b)
    delta = (y - t) * sigmoid_derivative(np.sum(w * x) + b)
    return w - lr * delta * x, float(b - lr * delta)


class _MLP:
    KEYS = ("U", "b1", "W", "b2")

    def __init__(self, params):
        self.p = params

    def forward(self, X):
        X = np.asarray(X, dtype=np.float64)
        H = sigmoid(X @ self.p["U"] + self.p["b1"])
        Y = sigmoid(H @ self.p["W"] + self.p["b2"])
        return Y, {"X": X, "H": H, "Y": Y}

    def backward(self, X, T, cache):
        X, T = np.asarray(X, dtype=np.float64), np.asarray(T, dtype=np.float64)
        H, Y = cache["H"], cache["Y"]
        d2 = (Y - T) * Y * (1 - Y) / X.shape[0]
        d1 = d2 @ self.p["W"].T * H * (1 - H)
        return dict(zip(self.KEYS, (X.T @ d1, d1.sum(0), H.T @ d2, d2.sum(0))))


def init_mlp(n_in, n_hidden, n_out, seed):
    g = np.random.default_rng(seed)
    U = g.uniform(-1, 1, (n_in, n_hidden))
    W = g.uniform(-1, 1, (n_hidden, n_out))
    return dict(U=U, b1=np.zeros(n_hidden), W=W, b2=np.zeros(n_out))


mlp_forward = lambda X, params: _MLP(params).forward(X)
mlp_backward = lambda X, T, params, cache: _MLP(params).backward(X, T, cache)


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    T = np.array([[0.0], [1.0], [1.0], [0.0]])
    net = _MLP(init_mlp(2, hidden, 1, seed))
    losses = np.zeros(epochs, dtype=np.float64)
    for k in range(epochs):
        Y, cache = net.forward(X)
        losses[k] = ((Y - T) ** 2).sum() / (2 * len(X))
        g = net.backward(X, T, cache)
        net.p = {key: net.p[key] - lr * g[key] for key in _MLP.KEYS}
    return net.p, losses
