import numpy as np


relu = lambda x: np.clip(np.asarray(x, dtype=np.float64), 0.0, None)


def relu_derivative(x):
    return (np.asarray(x, dtype=np.float64) > 0) * 1.0


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.piecewise(x, [x > 0, x <= 0], [1.0, a])


def prelu(x, alpha):
    return leaky_relu(x, alpha)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    upstream = np.asarray(upstream, dtype=np.float64)
    neg = x <= 0
    dx = np.where(neg, alpha * upstream, upstream)
    dalpha = np.sum(upstream[neg] * x[neg])
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, x, alpha * (np.exp(neg) - 1.0))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    d = np.ones_like(x)
    neg = x < 0
    d[neg] = alpha * np.exp(x[neg])
    return d


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def tanh(x):
    # tanh(x) = 2 sigmoid(2x) - 1
    return 2.0 * _sigmoid(2.0 * np.asarray(x, dtype=np.float64)) - 1.0


tanh_derivative = lambda x: 1.0 - tanh(x) ** 2


def he_normal(fan_in, fan_out, rng):
    W = rng.standard_normal(size=(fan_in, fan_out))
    return W * np.sqrt(2 / fan_in)
