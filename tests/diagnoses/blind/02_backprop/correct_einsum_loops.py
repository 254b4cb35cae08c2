import math

import numpy as np


def sigmoid(x):
    a = np.asarray(x, dtype=np.float64)
    flat = [(1.0 / (1.0 + math.exp(-v))) if v >= 0 else (math.exp(v) / (1.0 + math.exp(v)))
            for v in a.ravel().tolist()]
    return np.array(flat, dtype=np.float64).reshape(a.shape)


def sigmoid_derivative(x):
    p = sigmoid(x)
    return np.multiply(p, np.subtract(1.0, p))


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=np.float64)
    x = np.array(x, dtype=np.float64)
    s = b
    for wi, xi in zip(w, x):
        s += wi * xi
    y = float(sigmoid(s))
    delta = (y - t) * y * (1.0 - y)
    new_w = np.array([wi - lr * delta * xi for wi, xi in zip(w, x)], dtype=np.float64)
    return new_w, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    shapes = {"U": (n_in, n_hidden), "W": (n_hidden, n_out)}
    params = {k: rng.uniform(-1.0, 1.0, size=shp) for k, shp in shapes.items()}  # U then W
    params["b1"] = np.zeros(n_hidden)
    params["b2"] = np.zeros(n_out)
    return params


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    H = sigmoid(np.einsum("mi,ih->mh", X, params["U"]) + params["b1"])
    Y = sigmoid(np.einsum("mh,ho->mo", H, params["W"]) + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    m = np.float64(X.shape[0])
    d_out = np.einsum("mo,mo,mo->mo", Y - T, Y, 1.0 - Y) / m
    d_hid = np.einsum("mo,ho->mh", d_out, params["W"]) * H * (1.0 - H)
    return {
        "U": np.einsum("mi,mh->ih", X, d_hid),
        "b1": np.einsum("mh->h", d_hid),
        "W": np.einsum("mh,mo->ho", H, d_out),
        "b2": np.einsum("mo->o", d_out),
    }


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    p = init_mlp(2, hidden, 1, seed)
    history = []
    epoch = 0
    while epoch < epochs:
        Y, cache = mlp_forward(X, p)
        history.append(0.5 * np.mean(np.sum(np.square(Y - T), axis=1)))
        grads = mlp_backward(X, T, p, cache)
        p = {k: v - lr * grads[k] for k, v in p.items()}
        epoch += 1
    return p, np.asarray(history, dtype=np.float64)
