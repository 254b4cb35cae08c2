import numpy as np

# 03 활성화 함수 과제


def relu(x):
    x = np.array(x, dtype=float)
    return np.where(x > 0, x, 0.0)


def relu_derivative(x):
    x = np.array(x, dtype=float)
    return np.where(x > 0, 1.0, 0.0)   # x = 0 에서는 0


def leaky_relu(x, a=0.01):
    x = np.array(x, dtype=float)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    x = np.array(x, dtype=float)
    return np.where(x > 0, 1.0, a)


def prelu(x, alpha):
    x = np.array(x, dtype=float)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    x = np.array(x, dtype=float)
    upstream = np.array(upstream, dtype=float)
    local = np.where(x > 0, 1.0, alpha)
    dx = upstream * local
    neg = x < 0
    dalpha = np.sum(upstream[neg] * x[neg])
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    x = np.array(x, dtype=float)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_derivative(x, alpha=1.0):
    x = np.array(x, dtype=float)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0)))


def tanh(x):
    # 강의 식 그대로 (e^x - e^-x) / (e^x + e^-x)
    x = np.array(x, dtype=float)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_derivative(x):
    th = np.tanh(np.array(x, dtype=float))
    return 1.0 - th ** 2


def he_normal(fan_in, fan_out, rng):
    std = np.sqrt(2.0 / fan_in)
    return rng.standard_normal((fan_in, fan_out)) * std
