# 03_activations — student A (boolean masks on copies)


import numpy as np


def relu(x):
    x = np.asarray(x, dtype=float)
    x[x < 0] = 0.0
    return x


def relu_derivative(x):
    x = np.array(x, dtype=float)
    d = np.zeros_like(x)
    d[x > 0] = 1.0
    return d


def leaky_relu(x, a=0.01):
    x = np.array(x, dtype=float)
    out = x.copy()
    neg = x <= 0
    out[neg] = a * x[neg]
    return out


def leaky_relu_derivative(x, a=0.01):
    x = np.array(x, dtype=float)
    d = np.full_like(x, a)
    d[x > 0] = 1.0
    return d


def prelu(x, alpha):
    x = np.array(x, dtype=float)
    out = x.copy()
    neg = x <= 0
    out[neg] = alpha * x[neg]
    return out


def prelu_gradients(x, alpha, upstream):
    x = np.array(x, dtype=float)
    upstream = np.array(upstream, dtype=float)
    local = np.ones_like(x)
    local[x <= 0] = alpha
    dx = upstream * local
    dalpha = 0.0
    for xi, gi in zip(x.ravel(), upstream.ravel()):
        if xi < 0:
            dalpha += gi * xi
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.array(x, dtype=float)
    out = x.copy()
    neg = x < 0
    out[neg] = alpha * (np.exp(x[neg]) - 1.0)
    return out


def elu_derivative(x, alpha=1.0):
    x = np.array(x, dtype=float)
    d = np.ones_like(x)
    neg = x < 0
    d[neg] = alpha * np.exp(x[neg])
    return d


def tanh(x):
    return np.tanh(np.array(x, dtype=float))


def tanh_derivative(x):
    th = np.tanh(np.array(x, dtype=float))
    return 1.0 - th * th


def he_normal(fan_in, fan_out, rng):
    std = np.sqrt(2.0 / fan_in)
    return std * rng.standard_normal(size=(fan_in, fan_out))
