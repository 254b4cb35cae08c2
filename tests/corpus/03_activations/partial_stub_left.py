# Style: a submission handed in half-done, from the distributed stub: ELU, its derivative and
# he_normal still raise NotImplementedError. The unfinished functions cost only their own checks.
import numpy as np


def relu(x):
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def relu_derivative(x):
    return np.where(np.asarray(x, dtype=np.float64) > 0, 1.0, 0.0)


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    return np.where(np.asarray(x, dtype=np.float64) > 0, 1.0, a)


def prelu(x, alpha):
    return leaky_relu(x, alpha)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    dx = np.where(x > 0, upstream, alpha * upstream)
    return dx, float(np.sum(np.where(x < 0, x * upstream, 0.0)))


def elu(x, alpha=1.0):
    # YOUR CODE HERE
    raise NotImplementedError()


def elu_derivative(x, alpha=1.0):
    # YOUR CODE HERE
    raise NotImplementedError()


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def he_normal(fan_in, fan_out, rng):
    # YOUR CODE HERE
    raise NotImplementedError()
