"""Deep-Learning-from-Scratch style: Affine and Sigmoid layer classes with forward/backward,
adapted to the contract's functions (the cache holds the layer objects)."""
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)


class Affine:
    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class SigmoidLayer:
    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * self.out * (1.0 - self.out)


def delta_rule_step(w, b, x, t, lr):
    layer, act = Affine(np.asarray(w, dtype=float).reshape(-1, 1), np.array([b], dtype=float)), \
        SigmoidLayer()
    y = act.forward(layer.forward(np.asarray(x, dtype=float).reshape(1, -1)))
    layer.backward(act.backward(y - t))
    return w - lr * layer.dW.ravel(), float(b - lr * layer.db[0])


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    params = {}
    params["U"] = rng.uniform(-1.0, 1.0, size=(n_in, n_hidden))
    params["W"] = rng.uniform(-1.0, 1.0, size=(n_hidden, n_out))
    params["b1"], params["b2"] = np.zeros(n_hidden), np.zeros(n_out)
    return params


def mlp_forward(X, params):
    layers = [Affine(params["U"], params["b1"]), SigmoidLayer(),
              Affine(params["W"], params["b2"]), SigmoidLayer()]
    out = np.asarray(X, dtype=np.float64)
    for layer in layers:
        out = layer.forward(out)
    return out, {"layers": layers, "Y": out}


def mlp_backward(X, T, params, cache):
    layers = cache["layers"]
    dout = (cache["Y"] - T) / len(X)
    for layer in reversed(layers):
        dout = layer.backward(dout)
    return {"U": layers[0].dW, "b1": layers[0].db, "W": layers[2].dW, "b2": layers[2].db}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for i in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[i] = 0.5 * np.sum((Y - T) ** 2) / len(X)
        grads = mlp_backward(X, T, params, cache)
        for key in ("U", "b1", "W", "b2"):
            params[key] = params[key] - lr * grads[key]
    return params, losses
