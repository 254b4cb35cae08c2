# 03_activations — student D (PyTorch-like modules)


import numpy as np


class ReLU:
    @staticmethod
    def forward(x):
        return np.clip(np.asarray(x, dtype=np.float64), 0.0, None)

    @staticmethod
    def backward(x):
        return (np.asarray(x, dtype=np.float64) > 0).astype(np.float64)


relu = ReLU.forward


def _relu_grad(x):
    return np.asarray(x, dtype=np.float64) > 0


relu_derivative = _relu_grad


class LeakyReLU:
    def __init__(self, negative_slope=0.01):
        self.negative_slope = negative_slope

    def __call__(self, x):
        x = np.asarray(x, dtype=np.float64)
        return np.where(x > 0, x, self.negative_slope * x)

    def grad(self, x):
        x = np.asarray(x, dtype=np.float64)
        return np.where(x > 0, 1.0, self.negative_slope)


def leaky_relu(x, a=0.01):
    return LeakyReLU(a)(x)


def leaky_relu_derivative(x, a=0.01):
    return LeakyReLU(a).grad(x)


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, x * alpha)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    grad_output = np.asarray(upstream, dtype=np.float64)
    mask = (x > 0).astype(np.float64)
    grad_input = grad_output * (mask + alpha * (1.0 - mask))
    grad_weight = (grad_output * x * (1.0 - mask)).sum()   # alpha is shared (num_parameters=1)
    return grad_input, float(grad_weight)


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    neg = np.minimum(x, 0.0)
    return np.where(x >= 0, x, alpha * (np.exp(neg) - 1.0))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


tanh = np.tanh


def tanh_derivative(x):
    return 1.0 / np.cosh(np.clip(np.asarray(x, dtype=np.float64), -300, 300)) ** 2


def he_normal(fan_in, fan_out, rng):
    # torch.nn.init.kaiming_normal_(mode="fan_in", nonlinearity="relu"): gain sqrt(2)
    gain = np.sqrt(2.0)
    std = gain / np.sqrt(fan_in)
    return rng.standard_normal((fan_in, fan_out)) * std
