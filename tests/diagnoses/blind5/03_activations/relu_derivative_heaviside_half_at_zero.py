import math
import numpy as np

f64 = lambda v: np.asarray(v, dtype=np.float64)


def relu(x):
    x = f64(x)
    return x * (x > 0)


def relu_derivative(x):
    return np.heaviside(f64(x), 0.5)


def leaky_relu(x, a=0.01):
    x = f64(x)
    return np.maximum(a * x, x)


def leaky_relu_derivative(x, a=0.01):
    x = f64(x)
    return a + (1.0 - a) * (x > 0)


def prelu(x, alpha):
    # x>0: x, x<=0: alpha*x  ==  0.5(1+alpha)x + 0.5(1-alpha)|x|
    x = f64(x)
    return 0.5 * (1 + alpha) * x + 0.5 * (1 - alpha) * np.abs(x)


def prelu_gradients(x, alpha, upstream):
    x, up = f64(x), f64(upstream)
    pos = (x > 0).astype(np.float64)
    dx = up * (pos + alpha * (1 - pos))
    dalpha = float((up * np.minimum(x, 0)).sum())
    return dx, dalpha


def elu(x, alpha=1.0):
    x = f64(x)
    return np.maximum(x, 0) + alpha * np.expm1(np.minimum(x, 0))


def elu_derivative(x, alpha=1.0):
    # x<0 에서 d/dx alpha(e^x - 1) = alpha e^x = ELU(x) + alpha
    x = f64(x)
    return np.where(x >= 0, 1.0, elu(x, alpha) + alpha)


def tanh(x):
    x = f64(x)
    ax = np.abs(x)
    return np.sign(x) * (-np.expm1(-2.0 * ax)) / (1.0 + np.exp(-2.0 * ax))


def tanh_derivative(x):
    return 1.0 - tanh(x) * tanh(x)


def he_normal(fan_in, fan_out, rng):
    return rng.normal(0.0, math.sqrt(2.0 / fan_in), size=(fan_in, fan_out))
