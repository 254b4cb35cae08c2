import numpy as np
import math


class Sig:
    @staticmethod
    def f(x):
        x = np.asarray(x, dtype=np.float64)
        z = np.exp(-np.abs(x))
        pos = 1.0 / (1.0 + z)
        return np.where(x >= 0, pos, 1.0 - pos)

    @classmethod
    def df(cls, x):
        y = cls.f(x)
        return y - y * y


sigmoid = Sig.f
sigmoid_derivative = Sig.df


def delta_rule_step(w, b, x, t, lr):
    w_new = np.array(w, dtype=np.float64)
    x = np.array(x, dtype=np.float64)
    s = sum(wi * xi for wi, xi in zip(w_new, x)) + b
    y = float(sigmoid(s))
    delta = (y - t) * y * (1.0 - y)
    for i in range(len(w_new)):
        w_new[i] -= lr * delta * x[i]
    return w_new, b - lr * delta


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    shapes = [("U", (n_in, n_hidden)), ("W", (n_hidden, n_out))]
    params = {name: rng.uniform(low=-1.0, high=1.0, size=shape) for name, shape in shapes}
    params["b1"] = np.zeros(n_hidden)
    params["b2"] = np.zeros(n_out)
    return params


class Layer:
    def __init__(self, weight, bias):
        self.weight, self.bias = weight, bias

    def __call__(self, inputs):
        return sigmoid(inputs @ self.weight + self.bias)


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    H = Layer(params["U"], params["b1"])(X)
    Y = Layer(params["W"], params["b2"])(H)
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    Y, H = cache["Y"], cache["H"]
    err = (Y - np.asarray(T, dtype=np.float64)) / X.shape[0]
    delta_out = err * Y * (1 - Y)
    delta_hid = np.dot(delta_out, params["W"].T) * (H * (1 - H))
    grads = {}
    grads["W"] = np.dot(H.T, delta_out)
    grads["b2"] = delta_out.sum(axis=0)
    grads["U"] = np.dot(X.T, delta_hid)
    grads["b1"] = delta_hid.sum(axis=0)
    return grads


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    T = np.array([[0.], [1.], [1.], [0.]])
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for i in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[i] = np.mean((Y - T) ** 2) / 2
        grads = mlp_backward(X, T, params, cache)
        for k in ("U", "b1", "W", "b2"):
            params[k] -= lr * grads[k]
    return params, losses
