import numpy as np


relu = lambda x: np.clip(np.asarray(x, dtype=np.float64), 0.0, None)


relu_derivative = lambda x: np.greater(np.asarray(x, dtype=np.float64), 0).astype(np.float64)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return x * np.where(x > 0, 1.0, a)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.piecewise(x, [x > 0, x <= 0], [1.0, a])


def prelu(x, alpha):
    return leaky_relu(x, alpha)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    upstream = np.asarray(upstream, dtype=np.float64)
    dx = upstream * leaky_relu_derivative(x, alpha)
    dalpha = 0.0
    for xi, gi in zip(x.ravel(), upstream.ravel()):
        if xi < 0:
            dalpha += gi * xi
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    out = x.copy()
    neg = x < 0
    out[neg] = alpha * np.expm1(x[neg])
    return out


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


def tanh_derivative(x):
    y = np.tanh(np.asarray(x, dtype=np.float64))
    return (1.0 - y) * (1.0 + y)


def he_normal(fan_in, fan_out, rng):
    return rng.normal(loc=0.0, scale=np.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
