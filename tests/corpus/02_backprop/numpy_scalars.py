"""numpy scalar returns (np.float64 b, 0-d results) and an alternative initialiser within the
contract (2 * rng.random(...) - 1: U(-1, 1), U first, then W)."""
import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    y = np.exp(np.minimum(x, 0)) / (1.0 + np.exp(-np.abs(x)))
    return y if y.ndim else np.float64(y)


def sigmoid_derivative(x):
    y = sigmoid(x)
    return y - y ** 2


def delta_rule_step(w, b, x, t, lr):
    y = sigmoid(np.dot(w, x) + b)  # np.float64
    delta = (y - t) * y * (1 - y)
    return w - lr * delta * x, b - lr * delta  # b: np.float64


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = 2.0 * rng.random((n_in, n_hidden)) - 1.0
    W = 2.0 * rng.random((n_hidden, n_out)) - 1.0
    return dict(U=U, b1=np.zeros((n_hidden,)), W=W, b2=np.zeros((n_out,)))


def mlp_forward(X, params):
    H = sigmoid(np.matmul(X, params["U"]) + params["b1"])
    Y = sigmoid(np.matmul(H, params["W"]) + params["b2"])
    return Y, dict(X=X, H=H, Y=Y)


def mlp_backward(X, T, params, cache):
    m = np.float64(X.shape[0])
    dY = (cache["Y"] - T) * sigmoid_derivative_from_output(cache["Y"]) / m
    dH = np.matmul(dY, params["W"].T) * sigmoid_derivative_from_output(cache["H"])
    return dict(U=np.matmul(cache["X"].T, dH), b1=np.sum(dH, axis=0),
                W=np.matmul(cache["H"].T, dY), b2=np.sum(dY, axis=0))


def sigmoid_derivative_from_output(y):
    return y * (1 - y)


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0., 0.], [0., 1.], [1., 0.], [1., 1.]])
    T = np.array([[0.], [1.], [1.], [0.]])
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[epoch] = np.float64(0.5) * np.sum(np.square(Y - T)) / np.float64(4)
        grads = mlp_backward(X, T, params, cache)
        for k in params:
            params[k] -= lr * grads[k]
    return params, losses
