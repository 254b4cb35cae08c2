# 02_backprop — student D (PyTorch-style names)


import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def sigmoid_derivative(x):
    y = sigmoid(x)
    return y * (1.0 - y)


def delta_rule_step(w, b, x, t, lr):
    weight = np.asarray(w, dtype=np.float64).copy()
    x = np.asarray(x, dtype=np.float64)
    y = sigmoid(x @ weight + b)
    grad_s = (y - t) * y * (1.0 - y)     # dE/ds
    weight -= lr * grad_s * x            # in-place on our own copy
    return weight, float(b - lr * grad_s)


def init_mlp(n_in, n_hidden, n_out, seed):
    g = np.random.default_rng(seed)
    layers = [("U", "b1", n_in, n_hidden), ("W", "b2", n_hidden, n_out)]
    params = {}
    for wname, bname, fan_in, fan_out in layers:
        params[wname] = g.uniform(low=-1.0, high=1.0, size=(fan_in, fan_out))
        params[bname] = np.zeros((fan_out,))
    return params


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    z1 = np.matmul(X, params["U"]) + params["b1"]
    h = sigmoid(z1)
    out = sigmoid(np.matmul(h, params["W"]) + params["b2"])
    return out, {"X": X, "H": z1, "Y": out}     # keep z for backward, like autograd


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    h, out = cache["H"], cache["Y"]
    batch = X.shape[0]
    grad_out = (out - T) * out * (1.0 - out) / batch
    grad_h = np.matmul(grad_out, params["W"].T) * h * (1.0 - h)
    return {
        "W": np.matmul(h.T, grad_out),
        "b2": grad_out.sum(axis=0),
        "U": np.matmul(X.T, grad_h),
        "b1": grad_h.sum(axis=0),
    }


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    history = np.zeros(epochs, dtype=np.float64)
    for epoch in range(epochs):
        out, cache = mlp_forward(X, params)          # forward
        history[epoch] = 0.5 * np.mean((out - T) ** 2)  # loss (n_out = 1)
        grads = mlp_backward(X, T, params, cache)    # backward
        params = {name: p - lr * grads[name] for name, p in params.items()}  # optimizer.step()
    return params, history
