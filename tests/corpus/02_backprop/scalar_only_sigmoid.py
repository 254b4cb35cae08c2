"""sigmoid written for one number (`if x >= 0` with math.exp): delta_rule_step (scalar net input)
still works, but sigmoid's own checks and everything that applies it to arrays fail."""
import math

import numpy as np


def sigmoid(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    return math.exp(x) / (1.0 + math.exp(x))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


def delta_rule_step(w, b, x, t, lr):
    y = sigmoid(float(np.dot(w, x) + b))
    delta = (y - t) * y * (1 - y)
    return np.asarray(w, dtype=float) - lr * delta * np.asarray(x, dtype=float), b - lr * delta


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    return {"U": rng.uniform(-1, 1, (n_in, n_hidden)), "b1": np.zeros(n_hidden),
            "W": rng.uniform(-1, 1, (n_hidden, n_out)), "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    H = sigmoid(X @ params["U"] + params["b1"])
    Y = sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    H, Y = cache["H"], cache["Y"]
    d2 = (Y - T) * Y * (1 - Y) / len(X)
    d1 = d2 @ params["W"].T * H * (1 - H)
    return {"U": X.T @ d1, "b1": d1.sum(0), "W": H.T @ d2, "b2": d2.sum(0)}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([[0], [1], [1], [0]], dtype=float)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for e in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[e] = 0.5 * np.sum((Y - T) ** 2) / 4
        grads = mlp_backward(X, T, params, cache)
        params = {k: params[k] - lr * grads[k] for k in params}
    return params, losses
