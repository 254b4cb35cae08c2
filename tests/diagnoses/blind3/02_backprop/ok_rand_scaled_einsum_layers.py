import numpy as np


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


def sigmoid_derivative(x):
    phi = sigmoid(x)
    return phi - phi ** 2


def delta_rule_step(w, b, x, t, lr):
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    s = float(np.sum(w * x)) + b
    y = sigmoid(s)
    delta = (y - t) * sigmoid_derivative(s)
    return w - (lr * delta) * x, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = 2.0 * rng.random((n_in, n_hidden)) - 1.0
    W = 2.0 * rng.random((n_hidden, n_out)) - 1.0
    return dict(U=U, b1=np.zeros(n_hidden), W=W, b2=np.zeros(n_out))


def mlp_forward(X, params):
    out = {"X": np.asarray(X, dtype=np.float64)}
    a = out["X"]
    for name, (w_key, b_key) in (("H", ("U", "b1")), ("Y", ("W", "b2"))):
        a = sigmoid(a @ params[w_key] + params[b_key])
        out[name] = a
    return out["Y"], out


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    d2 = (Y - T) * Y * (1 - Y) / X.shape[0]
    d1 = np.einsum("mk,jk->mj", d2, params["W"]) * H * (1 - H)
    return {
        "U": np.einsum("mi,mj->ij", X, d1),
        "b1": d1.sum(axis=0),
        "W": np.einsum("mj,mk->jk", H, d2),
        "b2": d2.sum(axis=0),
    }


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs, dtype=np.float64)
    for epoch in range(epochs):
        Y, cache = mlp_forward(XOR_X, params)
        losses[epoch] = np.mean(np.sum(0.5 * (Y - XOR_T) ** 2, axis=1))
        grads = mlp_backward(XOR_X, XOR_T, params, cache)
        for key in ("U", "b1", "W", "b2"):
            params[key] = params[key] - lr * grads[key]
    return params, losses
