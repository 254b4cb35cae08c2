# 02_backprop — student A (careful, np.dot, loops)


import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=float)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1.0 - s)


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=float)
    x = np.array(x, dtype=float)
    y = sigmoid(np.dot(w, x) + b)
    delta = (y - t) * y * (1.0 - y)
    new_w = w - lr * delta * x
    new_b = b - lr * delta
    return new_w, float(new_b)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    params = {}
    params["U"] = rng.uniform(-1.0, 1.0, size=(n_in, n_hidden))
    params["b1"] = np.zeros(n_hidden)
    params["W"] = rng.uniform(-1.0, 1.0, size=(n_hidden, n_out))
    params["b2"] = np.zeros(n_out)
    return params


def mlp_forward(X, params):
    X = np.array(X, dtype=float)
    H = sigmoid(np.dot(X, params["U"]) + params["b1"])
    Y = sigmoid(np.dot(H, params["W"]) + params["b2"])
    cache = {"X": X, "H": H, "Y": Y}
    return Y, cache


def mlp_backward(X, T, params, cache):
    X = np.array(X, dtype=float)
    T = np.array(T, dtype=float)
    H = cache["H"]
    Y = cache["Y"]
    d_out = (Y - T) * Y * (1.0 - Y)
    d_hid = np.dot(d_out, params["W"].T) * H * (1.0 - H)
    grads = {}
    grads["W"] = np.dot(H.T, d_out)
    grads["b2"] = np.sum(d_out, axis=0)
    grads["U"] = np.dot(X.T, d_hid)
    grads["b1"] = np.sum(d_hid, axis=0)
    return grads


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([[0], [1], [1], [0]], dtype=float)
    params = init_mlp(2, hidden, 1, seed)
    losses = []
    for epoch in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses.append(np.mean(0.5 * np.sum((Y - T) ** 2, axis=1)))
        grads = mlp_backward(X, T, params, cache)
        for key in params:
            params[key] = params[key] - lr * grads[key]
    return params, np.array(losses)
