"""Assignment 02: backprop (vectorised)."""
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(x):
    x = np.asarray(x, dtype=np.float64)
    return x * (1.0 - x)


def delta_rule_step(w, b, x, t, lr):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = sigmoid(w @ x + b)
    delta = (y - t) * y * (1.0 - y)
    w_new = w - lr * delta * x
    b_new = b - lr * delta
    return w_new, float(b_new)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1.0, 1.0, size=(n_in, n_hidden))
    W = rng.uniform(-1.0, 1.0, size=(n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    H = sigmoid(X @ params["U"] + params["b1"])
    Y = sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    m = X.shape[0]
    delta_out = (Y - T) * Y * (1.0 - Y) / m
    dW = H.T @ delta_out
    db2 = delta_out.sum(axis=0)
    delta_hid = (delta_out @ params["W"].T) * H * (1.0 - H)
    dU = X.T @ delta_hid
    db1 = delta_hid.sum(axis=0)
    return {"U": dU, "b1": db1, "W": dW, "b2": db2}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs)
    for epoch in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[epoch] = np.mean(0.5 * np.sum((Y - T) ** 2, axis=1))
        grads = mlp_backward(X, T, params, cache)
        for key in params:
            params[key] = params[key] - lr * grads[key]
    return params, losses
