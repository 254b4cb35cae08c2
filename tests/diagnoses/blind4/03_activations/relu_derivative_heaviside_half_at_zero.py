# 03_activations — student B (lambdas and identities)


import numpy as np


relu = lambda x: np.maximum(0.0, np.asarray(x, dtype=np.float64))


relu_derivative = lambda x: np.heaviside(np.asarray(x, dtype=np.float64), 0.5)


def leaky_relu(x, a=0.01):
    # max(a x, x) for 0 < a < 1
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(a * x, x)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return a + (1.0 - a) * (x > 0)


def prelu(x, alpha):
    # x for x > 0, alpha x otherwise  ==  relu(x) - alpha relu(-x)
    x = np.asarray(x, dtype=np.float64)
    return relu(x) - alpha * relu(-x)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    g = np.asarray(upstream, dtype=np.float64)
    dx = g * np.where(x > 0, 1.0, alpha)
    dalpha = float(np.sum(g * np.minimum(x, 0.0)))
    return dx, dalpha


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0))


def elu_derivative(x, alpha=1.0):
    # for x < 0: d/dx alpha (e^x - 1) = alpha e^x = ELU(x) + alpha
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, elu(x, alpha) + alpha)


def tanh(x):
    # tanh(x) = sign(x) (1 - e^-2|x|) / (1 + e^-2|x|), never overflows
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * -np.expm1(-2.0 * np.abs(x)) / (1.0 + z)


tanh_derivative = lambda x: 1.0 - tanh(x) ** 2


he_normal = lambda fan_in, fan_out, rng: rng.standard_normal((fan_in, fan_out)) * (2.0 / fan_in) ** 0.5
