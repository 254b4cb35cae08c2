# Style: plain Python loops over a flattened copy with the math module, results collected in a
# list and reshaped at the end; he_normal fills the matrix one entry at a time from the rng.
# Correct: 100.
import math

import numpy as np


def _apply(x, f):
    arr = np.asarray(x, dtype=np.float64)
    values = [f(float(v)) for v in arr.ravel()]
    return np.array(values, dtype=np.float64).reshape(arr.shape)


def relu(x):
    return _apply(x, lambda v: max(0.0, v))


def relu_derivative(x):
    return _apply(x, lambda v: 1.0 if v > 0 else 0.0)


def leaky_relu(x, a=0.01):
    return _apply(x, lambda v: v if v > 0 else a * v)


def leaky_relu_derivative(x, a=0.01):
    return _apply(x, lambda v: 1.0 if v > 0 else a)


def prelu(x, alpha):
    return _apply(x, lambda v: v if v > 0 else alpha * v)


def prelu_gradients(x, alpha, upstream):
    xs = np.asarray(x, dtype=np.float64)
    ups = np.asarray(upstream, dtype=np.float64)
    dx = np.empty_like(xs)
    dalpha = 0.0
    for idx in np.ndindex(xs.shape):
        if xs[idx] > 0:
            dx[idx] = ups[idx]
        else:
            dx[idx] = alpha * ups[idx]
            dalpha += ups[idx] * xs[idx]
    return dx, dalpha


def elu(x, alpha=1.0):
    # math.exp(v) for v < 0 never overflows; v >= 0 takes the other branch
    return _apply(x, lambda v: v if v >= 0 else alpha * (math.exp(v) - 1.0))


def elu_derivative(x, alpha=1.0):
    return _apply(x, lambda v: 1.0 if v >= 0 else alpha * math.exp(v))


def tanh(x):
    return _apply(x, math.tanh)


def tanh_derivative(x):
    return _apply(x, lambda v: 1.0 - math.tanh(v) ** 2)


def he_normal(fan_in, fan_out, rng):
    scale = math.sqrt(2.0 / fan_in)
    W = np.zeros((fan_in, fan_out))
    draws = rng.standard_normal(fan_in * fan_out)
    for k in range(fan_in * fan_out):
        W[k // fan_out, k % fan_out] = draws[k] * scale
    return W
