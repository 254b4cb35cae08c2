import numpy as np


def relu(x):
    x = np.array(x, dtype=np.float64)
    x[x < 0] = 0.0
    return x


def relu_derivative(x):
    return np.heaviside(np.asarray(x, dtype=np.float64), 0.5)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(a * x, x)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    d = np.ones_like(x)
    d[x <= 0] = a
    return d


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0) + alpha * np.minimum(x, 0)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(upstream, dtype=np.float64)
    local = np.where(x > 0, 1.0, alpha)
    dx = g * local
    dalpha = (g * np.minimum(x, 0)).sum()
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, x, alpha * (np.exp(neg) - 1.0))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    # for x < 0: d/dx alpha (e^x - 1) = alpha e^x = ELU(x) + alpha
    return np.where(x >= 0, 1.0, elu(x, alpha) + alpha)


tanh = lambda x: np.tanh(np.asarray(x, dtype=np.float64))


tanh_derivative = lambda x: 1.0 - tanh(x) ** 2


def he_normal(fan_in, fan_out, rng):
    W = rng.standard_normal(size=(fan_in, fan_out))
    return W * np.sqrt(2 / fan_in)
