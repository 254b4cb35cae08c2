# Style: ReLU and its derivative written for one number with `if`, the rest vectorized. The two
# scalar-only functions raise "truth value of an array ... is ambiguous" on arrays and lose
# exactly their own checks (the message asks for vectorized code); every other function keeps
# its points.
import numpy as np


def relu(x):
    if x > 0:
        return x
    return 0.0


def relu_derivative(x):
    return 1.0 if x > 0 else 0.0


def leaky_relu(x, a=0.01):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    return np.where(np.asarray(x) > 0, 1.0, a)


def prelu(x, alpha):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, upstream, alpha * upstream), float(np.sum(upstream[x < 0] * x[x < 0]))


def elu(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    return 1.0 - tanh(x) ** 2


def he_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
