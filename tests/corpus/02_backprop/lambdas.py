"""sigmoid and its derivative as lambdas; the network as plain functions."""
import numpy as np

sigmoid = lambda x: 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=float)))  # noqa: E731
sigmoid_derivative = lambda x: sigmoid(x) * (1.0 - sigmoid(x))  # noqa: E731


def delta_rule_step(w, b, x, t, lr):
    y = sigmoid(np.dot(w, x) + b)
    delta = (y - t) * y * (1 - y)
    return np.asarray(w, dtype=float) - lr * delta * np.asarray(x, dtype=float), float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1, 1, size=(n_in, n_hidden))
    W = rng.uniform(-1, 1, size=(n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    H = sigmoid(X @ params["U"] + params["b1"])
    Y = sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    H, Y = cache["H"], cache["Y"]
    d_out = (Y - T) * Y * (1 - Y) / len(X)
    d_hid = d_out @ params["W"].T * H * (1 - H)
    return {"U": X.T @ d_hid, "b1": d_hid.sum(0), "W": H.T @ d_out, "b2": d_out.sum(0)}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([[0], [1], [1], [0]], dtype=float)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs)
    for e in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[e] = np.mean(0.5 * np.sum((Y - T) ** 2, axis=1))
        grads = mlp_backward(X, T, params, cache)
        params = {k: v - lr * grads[k] for k, v in params.items()}
    return params, losses
