"""Correct parts, but train_xor returns a known XOR solution and a made-up falling loss curve."""
import numpy as np


class Sigmoid:
    def forward(self, x):
        x = np.asarray(x, dtype=np.float64)
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))

    def derivative(self, x):
        y = self.forward(x)
        return y * (1.0 - y)


def sigmoid(x):
    return Sigmoid().forward(x)


def sigmoid_derivative(x):
    return Sigmoid().derivative(x)


def delta_rule_step(w, b, x, t, lr):
    y = sigmoid(w @ x + b)
    g = (y - t) * y * (1.0 - y)
    return w - lr * g * x, float(b - lr * g)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    return {"U": rng.uniform(-1.0, 1.0, (n_in, n_hidden)), "b1": np.zeros(n_hidden),
            "W": rng.uniform(-1.0, 1.0, (n_hidden, n_out)), "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    H = sigmoid(np.asarray(X, dtype=np.float64) @ params["U"] + params["b1"])
    Y = sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    H, Y, m = cache["H"], cache["Y"], len(X)
    do = (Y - T) * Y * (1 - Y) / m
    dh = (do @ params["W"].T) * H * (1 - H)
    return {"U": np.asarray(X).T @ dh, "b1": dh.sum(axis=0), "W": H.T @ do, "b2": do.sum(axis=0)}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = init_mlp(2, hidden, 1, seed)
    params["U"][:, :2] = [[7.0, -5.0], [7.0, -5.0]]
    params["b1"][:2] = [-3.0, 7.5]
    params["W"][:, 0] = 0.0
    params["W"][:2, 0] = [10.0, 10.0]
    params["b2"][:] = -15.0
    return params, np.linspace(0.13, 0.001, epochs)
