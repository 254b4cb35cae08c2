# Style: masks multiplied in (x * (x > 0)), np.sum for dalpha (a numpy float64 scalar, not a
# Python float), np.power/np.square spellings, he_normal via rng.normal with a tuple size.
# Correct: 100.
import numpy as np


def relu(x):
    x = np.asarray(x, dtype=np.float64)
    return x * (x > 0)


def relu_derivative(x):
    return np.where(np.asarray(x) > 0, 1.0, 0.0)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return x * (x > 0) + a * x * (x <= 0)


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return (x > 0) * 1.0 + (x <= 0) * a


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0) + alpha * np.minimum(x, 0)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    mask = x > 0
    dx = upstream * mask + alpha * upstream * ~mask
    dalpha = np.sum(upstream * x * (x < 0))      # numpy.float64
    return dx, dalpha


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, elu(x, alpha) + alpha)


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    return 1 - np.square(np.tanh(x))


def he_normal(fan_in, fan_out, rng):
    return rng.normal(loc=0.0, scale=np.power(2.0 / fan_in, 0.5), size=(fan_in, fan_out))
