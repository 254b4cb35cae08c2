"""03_activations: ReLU and its variants, tanh, He initialization (lecture 4.1)."""
import numpy as np


def relu(x):
    """ReLU(x) = max(0, x), elementwise.

    Inputs: x: scalar or array. Returns: float64 array of the same shape.
    """
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def relu_derivative(x):
    """dReLU/dx = 1 for x > 0, 0 for x <= 0 (the value at the kink is 0).

    Inputs: x: scalar or array. Returns: float64 array of the same shape.
    """
    return (np.asarray(x, dtype=np.float64) > 0).astype(np.float64)


def leaky_relu(x, a=0.01):
    """LeakyReLU_a(x) = max(a x, x) for 0 < a < 1: x for x > 0, a x for x <= 0.

    Inputs: x: scalar or array; a: negative slope.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    """dLeakyReLU_a/dx = 1 for x > 0, a for x <= 0.

    Inputs: x: scalar or array; a: negative slope.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, a)


def prelu(x, alpha):
    """PReLU(x) = x for x > 0, alpha x for x <= 0; alpha is a learned parameter.

    Inputs: x: scalar or array; alpha: scalar slope.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    """Backward pass of PReLU with a scalar alpha.

    y = prelu(x, alpha), upstream = dL/dy (same shape as x):
    dx     = upstream * (1 if x > 0 else alpha)
    dalpha = sum of upstream * x over the entries with x < 0
             (entries with x == 0 would add 0, so x <= 0 gives the same sum)

    Returns: the tuple (dx, dalpha): float64 array shaped like x, and a float.
    """
    x = np.asarray(x, dtype=np.float64)
    upstream = np.asarray(upstream, dtype=np.float64)
    dx = upstream * np.where(x > 0, 1.0, alpha)
    dalpha = float(np.sum(np.where(x < 0, upstream * x, 0.0)))
    return dx, dalpha


def elu(x, alpha=1.0):
    """ELU(x) = x for x >= 0, alpha (e^x - 1) for x < 0.

    Computed with expm1(min(x, 0)) so large positive x does not overflow.

    Inputs: x: scalar or array; alpha: scale of the negative part.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_derivative(x, alpha=1.0):
    """dELU/dx = 1 for x >= 0, alpha e^x for x < 0.

    Inputs: x: scalar or array; alpha: scale of the negative part.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def tanh(x):
    """tanh(x) = (e^x - e^-x) / (e^x + e^-x), elementwise.

    Inputs: x: scalar or array. Returns: float64 array of the same shape.
    """
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    """dtanh/dx = 1 - tanh(x)^2.

    Inputs: x: scalar or array. Returns: float64 array of the same shape.
    """
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def he_normal(fan_in, fan_out, rng):
    """He (Kaiming) normal initialization for ReLU layers.

    W ~ N(0, 2 / fan_in), drawn as
    rng.standard_normal((fan_in, fan_out)) * sqrt(2 / fan_in).

    Inputs: fan_in, fan_out: ints; rng: a np.random.Generator, the only source
    of randomness (the same seed gives the same matrix).
    Returns: float64 array of shape (fan_in, fan_out).
    """
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
