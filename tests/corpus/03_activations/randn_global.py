# Style: CS231n-style initialisation with the global np.random.randn, ignoring the rng argument;
# everything else correct. Only he_normal_rng (the draw must come from the given rng) is lost:
# the statistics, shapes and normality are right.
import numpy as np


def relu(x):
    return np.maximum(0.0, np.asarray(x, dtype=np.float64))


def relu_derivative(x):
    return np.heaviside(np.asarray(x, dtype=np.float64), 0.0)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, a * x)


def leaky_relu_derivative(x, a=0.01):
    return np.where(np.asarray(x) > 0, 1.0, a)


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, alpha) * upstream, float(np.sum(upstream * np.minimum(x, 0)))


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    return 1.0 / np.cosh(np.asarray(x, dtype=np.float64)) ** 2


def he_normal(fan_in, fan_out, rng):
    return np.random.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)
