import numpy as np


def _arr(x):
    return np.asarray(x, dtype=np.float64)


def relu(x):
    x = _arr(x)
    return x * (x > 0)


def relu_derivative(x):
    return (_arr(x) > 0) * 1.0


def leaky_relu(x, a=0.01):
    x = _arr(x)
    return np.multiply(x, np.where(x > 0, 1.0, a))


def leaky_relu_derivative(x, a=0.01):
    x = _arr(x)
    d = np.full(x.shape, a, dtype=np.float64)
    d[x > 0] = 1.0
    return d


def prelu(x, alpha):
    return leaky_relu(x, alpha)


def prelu_gradients(x, alpha, upstream):
    x = _arr(x)
    up = _arr(upstream)
    dx = up * leaky_relu_derivative(x, alpha)
    dalpha = 0.0
    for xi, gi in zip(x.ravel(), up.ravel()):
        if xi < 0:
            dalpha += gi * xi
    return dx, dalpha


def elu(x, alpha=1.0):
    x = _arr(x)
    neg = np.minimum(x, 0.0)
    return np.maximum(x, 0.0) + alpha * np.expm1(neg)


def elu_derivative(x, alpha=1.0):
    x = _arr(x)
    return np.where(x < 0, alpha * np.exp(np.minimum(x, 0.0)), 1.0)


def tanh(x):
    return np.tanh(_arr(x))


def tanh_derivative(x):
    th = tanh(x)
    return (1 - th) * (1 + th)


def he_normal(fan_in, fan_out, rng):
    flat = rng.standard_normal(size=fan_in * fan_out)
    return flat.reshape(fan_in, fan_out) / np.sqrt(fan_in / 2)
