import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def sigmoid_derivative(x):
    y = sigmoid(x)
    return y * (1.0 - y)


def delta_rule_step(w, b, x, t, lr):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    s = np.dot(w, x) + b
    y = sigmoid(s)
    delta = (y - t) * y * (1.0 - y)
    w_new = w - lr * delta * x
    b_new = b - lr * delta
    return w_new, float(b_new)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1, 1, (n_in, n_hidden))
    W = rng.uniform(-1, 1, (n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    s1 = X @ params["U"] + params["b1"]
    H = sigmoid(s1)
    s2 = H @ params["W"] + params["b2"]
    Y = sigmoid(s2)
    cache = {"X": X, "H": H, "Y": Y}
    return Y, cache


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H = cache["H"]
    Y = cache["Y"]
    m = len(X)
    d_out = (Y - T) * Y * (1 - Y) / m
    d_hid = d_out @ params["W"].T * H * (1 - H)
    grads = {}
    grads["W"] = H.T @ d_out
    grads["b2"] = np.sum(d_out, axis=0)
    grads["U"] = X.T @ d_hid
    grads["b1"] = np.sum(d_hid, axis=0)
    return grads


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = []
    for _ in range(epochs):
        Y, cache = mlp_forward(X, params)
        grads = mlp_backward(X, T, params, cache)
        for k in params:
            params[k] = params[k] - lr * grads[k]
        Y_new, _ = mlp_forward(X, params)
        losses.append(np.mean(0.5 * (Y_new - T) ** 2))
    return params, np.array(losses)
