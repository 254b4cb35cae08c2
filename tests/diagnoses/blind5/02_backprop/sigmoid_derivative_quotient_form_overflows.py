import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def sigmoid_derivative(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-x)
    return e / (1.0 + e) ** 2


def delta_rule_step(w, b, x, t, lr):
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    z = x @ w + b
    y = sigmoid(z)
    grad_z = (y - t) * sigmoid_derivative(z)
    return w - lr * grad_z * x, float(b - lr * grad_z)


def init_mlp(n_in, n_hidden, n_out, seed):
    gen = np.random.default_rng(seed)
    params = {}
    params["U"] = 2.0 * gen.random((n_in, n_hidden)) - 1.0
    params["b1"] = np.zeros(n_hidden)
    params["W"] = 2.0 * gen.random((n_hidden, n_out)) - 1.0
    params["b2"] = np.zeros(n_out)
    return params


class TwoLayerNet:
    def __init__(self, params):
        self.p = params

    def forward(self, X):
        X = np.asarray(X, dtype=np.float64)
        H = sigmoid(X.dot(self.p["U"]) + self.p["b1"])
        Y = sigmoid(H.dot(self.p["W"]) + self.p["b2"])
        return Y, dict(X=X, H=H, Y=Y)


def mlp_forward(X, params):
    return TwoLayerNet(params).forward(X)


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    n = X.shape[0]
    g_out = (Y - T) * Y * (1.0 - Y) / n
    g_hid = g_out.dot(params["W"].T) * H * (1.0 - H)
    grads = {}
    grads["W"] = np.einsum("mh,mo->ho", H, g_out)
    grads["b2"] = g_out.sum(0)
    grads["U"] = np.einsum("mi,mh->ih", X, g_hid)
    grads["b1"] = g_hid.sum(0)
    return grads


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs)
    for i in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[i] = ((Y - T) ** 2).sum() / (2 * len(X))
        grads = mlp_backward(X, T, params, cache)
        for k, g in grads.items():
            params[k] -= lr * g
    return params, losses
