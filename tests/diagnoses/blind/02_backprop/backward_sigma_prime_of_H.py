"""Assignment 02: backprop (step-by-step style)."""
import numpy as np


def sigmoid(x):
    x = np.array(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1 + ex)
    return out


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s - s * s


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    s = float(np.dot(w, x)) + b
    y = float(sigmoid(s))
    delta = (y - t) * y * (1 - y)
    w -= lr * delta * x
    b = b - lr * delta
    return w, float(b)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    params = {}
    params["U"] = rng.uniform(low=-1, high=1, size=(n_in, n_hidden))
    params["b1"] = np.zeros(n_hidden)
    params["W"] = rng.uniform(low=-1, high=1, size=(n_hidden, n_out))
    params["b2"] = np.zeros(n_out)
    return params


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    S1 = np.dot(X, params["U"]) + params["b1"]
    H = sigmoid(S1)
    S2 = np.dot(H, params["W"]) + params["b2"]
    Y = sigmoid(S2)
    cache = dict(X=X, H=H, Y=Y)
    return Y, cache


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H = cache["H"]
    Y = cache["Y"]
    m = len(X)
    d_out = (Y - T) * (Y * (1 - Y)) / m
    grads = {
        "W": np.dot(H.T, d_out),
        "b2": np.sum(d_out, axis=0),
    }
    d_hid = np.dot(d_out, params["W"].T) * sigmoid_derivative(H)
    grads["U"] = np.dot(X.T, d_hid)
    grads["b1"] = np.sum(d_hid, axis=0)
    return grads


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def loss_fn(Y, T):
    return 0.5 * np.sum((Y - T) ** 2) / Y.shape[0]


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = init_mlp(2, hidden, 1, seed)
    losses = []
    for _ in range(epochs):
        Y, cache = mlp_forward(XOR_X, params)
        losses.append(loss_fn(Y, XOR_T))
        grads = mlp_backward(XOR_X, XOR_T, params, cache)
        for name in ("U", "b1", "W", "b2"):
            params[name] -= lr * grads[name]
    return params, np.array(losses, dtype=np.float64)
