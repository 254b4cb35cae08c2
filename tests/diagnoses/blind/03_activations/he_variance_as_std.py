"""Assignment 03: activations (mask-and-assign style)."""
import math

import numpy as np


def relu(x):
    out = np.array(x, dtype=np.float64)
    out[out < 0] = 0.0
    return out


def relu_derivative(x):
    x = np.array(x, dtype=np.float64)
    d = np.zeros_like(x)
    d[x > 0] = 1.0  # kink -> 0
    return d


def leaky_relu(x, a=0.01):
    x = np.array(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    x = np.array(x, dtype=np.float64)
    d = np.full_like(x, a)
    d[x > 0] = 1.0
    return d


def prelu(x, alpha):
    return leaky_relu(x, alpha)


def prelu_gradients(x, alpha, upstream):
    x = np.array(x, dtype=np.float64)
    up = np.array(upstream, dtype=np.float64)
    neg = x <= 0
    dx = up.copy()
    dx[neg] *= alpha
    dalpha = np.sum(up[neg] * x[neg])
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.array(x, dtype=np.float64)
    neg = x < 0
    out = x.copy()
    out[neg] = alpha * np.expm1(x[neg])
    return out


def elu_derivative(x, alpha=1.0):
    x = np.array(x, dtype=np.float64)
    d = np.ones_like(x)
    neg = x < 0
    d[neg] = alpha * np.exp(x[neg])
    return d


def tanh(x):
    x = np.array(x, dtype=np.float64)
    e2 = np.exp(-2.0 * np.abs(x))
    return np.sign(x) * (1.0 - e2) / (1.0 + e2)


def tanh_derivative(x):
    th = tanh(x)
    return 1.0 - th * th


def he_normal(fan_in, fan_out, rng):
    std = 2.0 / fan_in
    return std * rng.standard_normal(size=(fan_in, fan_out))
