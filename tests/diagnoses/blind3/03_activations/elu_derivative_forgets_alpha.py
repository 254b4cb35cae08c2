import numpy as np


def relu(x):
    return np.maximum(0.0, np.asarray(x, dtype=np.float64))


def relu_derivative(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, 0.0)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, a)


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    upstream = np.asarray(upstream, dtype=np.float64)
    neg = x <= 0
    dx = np.where(neg, alpha * upstream, upstream)
    dalpha = np.sum(upstream[neg] * x[neg])
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, np.exp(np.minimum(x, 0)))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    th = np.tanh(np.asarray(x, dtype=np.float64))
    return 1.0 - th * th


def he_normal(fan_in, fan_out, rng):
    std = np.sqrt(2.0 / fan_in)
    return rng.standard_normal((fan_in, fan_out)) * std
