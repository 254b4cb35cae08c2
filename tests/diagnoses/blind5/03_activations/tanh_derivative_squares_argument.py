import numpy as np


class ReLU:
    @staticmethod
    def forward(x):
        return np.maximum(np.asarray(x, dtype=np.float64), 0.0)

    @staticmethod
    def backward(x):
        return (np.asarray(x, dtype=np.float64) > 0) * 1.0


relu = ReLU.forward


relu_derivative = ReLU.backward


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    out = x.copy()
    out[x <= 0] *= a
    return out


def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    g = np.ones_like(x)
    g[x <= 0] = a
    return g


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.maximum(x, 0.0) + alpha * np.minimum(x, 0.0)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    grad_out = np.asarray(upstream, dtype=np.float64)
    mask = x > 0
    grad_in = np.where(mask, grad_out, alpha * grad_out)
    grad_alpha = np.sum(grad_out * x * (~mask))
    return grad_in, float(grad_alpha)


def elu(x, alpha=1.0):
    x = np.array(x, dtype=float)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_derivative(x, alpha=1.0):
    x = np.array(x, dtype=float)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0)))


def tanh(x):
    x = np.asarray(x, dtype=np.float64)
    return np.tanh(x)


def tanh_derivative(x):
    x = np.asarray(x, dtype=np.float64)
    return 1.0 - np.tanh(x ** 2)


def he_normal(fan_in, fan_out, rng):
    # kaiming normal, mode="fan_in", gain = sqrt(2)
    gain = np.sqrt(2.0)
    std = gain / np.sqrt(fan_in)
    return std * rng.standard_normal(size=(fan_in, fan_out))
