# Style: "memory-efficient" in-place updates. relu writes into its argument with out=x and
# leaky_relu scales the negative entries of the caller's array: the values are right, but the
# caller's input changes, so exactly relu_no_mutation and leaky_relu_no_mutation are lost (99).
import numpy as np


def relu(x):
    return np.maximum(x, 0.0, out=x)


def relu_derivative(x):
    return (x > 0).astype(np.float64)


def leaky_relu(x, a=0.01):
    x[x <= 0] *= a
    return x


def leaky_relu_derivative(x, a=0.01):
    d = np.ones_like(x, dtype=np.float64)
    d[x <= 0] = a
    return d


def prelu(x, alpha):
    y = np.array(x, dtype=np.float64)
    y[y <= 0] *= alpha
    return y


def prelu_gradients(x, alpha, upstream):
    neg = x <= 0
    dx = upstream.copy()
    dx[neg] *= alpha
    return dx, float((upstream[neg] * x[neg]).sum())


def elu(x, alpha=1.0):
    y = np.array(x, dtype=np.float64)
    neg = y < 0
    y[neg] = alpha * np.expm1(y[neg])
    return y


def elu_derivative(x, alpha=1.0):
    d = np.ones_like(x, dtype=np.float64)
    neg = x < 0
    d[neg] = alpha * np.exp(x[neg])
    return d


def tanh(x):
    return np.tanh(x)


def tanh_derivative(x):
    t = np.tanh(x)
    return 1.0 - t * t


def he_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * (2.0 / fan_in) ** 0.5
