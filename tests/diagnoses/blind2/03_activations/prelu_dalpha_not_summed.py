# 03 활성화 함수: piecewise / clip 으로
import numpy as np

f64 = lambda x: np.array(x, dtype=np.float64)

relu = lambda x: np.clip(f64(x), 0.0, None)
relu_derivative = lambda x: np.heaviside(f64(x), 0.0)


def leaky_relu(x, a=0.01):
    x = f64(x)
    return np.maximum(a * x, x)  # 0 < a < 1 이라서 max 로 충분 (강의 식)


def leaky_relu_derivative(x, a=0.01):
    x = f64(x)
    return np.piecewise(x, [x > 0, x <= 0], [1.0, a])


def prelu(x, alpha):
    x = f64(x)
    return np.piecewise(x, [x > 0, x <= 0], [lambda v: v, lambda v: alpha * v])


def prelu_gradients(x, alpha, upstream):
    x, g = f64(x), f64(upstream)
    neg = x < 0
    local = np.ones_like(x)
    local[x <= 0] = alpha
    dalpha = g * x * neg
    return g * local, dalpha


def elu(x, alpha=1.0):
    x = f64(x)
    return np.where(x >= 0, x, alpha * np.expm1(np.clip(x, None, 0.0)))


def elu_derivative(x, alpha=1.0):
    # ELU'(x) = ELU(x) + alpha  (x < 0)
    x = f64(x)
    return np.where(x >= 0, 1.0, elu(x, alpha) + alpha)


def tanh(x):
    x = f64(x)
    # tanh(x) = 2 sigmoid(2x) - 1, sigmoid 를 안정적으로
    return 2.0 * np.exp(-np.logaddexp(0.0, -2.0 * x)) - 1.0


def tanh_derivative(x):
    c = np.cosh(np.clip(f64(x), -300, 300))
    return 1.0 / c ** 2


def he_normal(fan_in, fan_out, rng):
    return rng.normal(loc=0.0, scale=(2.0 / fan_in) ** 0.5, size=(fan_in, fan_out))
