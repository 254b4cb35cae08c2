# 03_activations — 학생 C (np.where, 한국어 주석)


import numpy as np


def relu(x):
    # ReLU(x) = max(0, x)
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, 0.0)


def relu_derivative(x):
    # x > 0 이면 1, 아니면 0 (0 에서는 0)
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, 0.0)


def leaky_relu(x, a=0.01):
    # 음수 구간에서 기울기 a
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, a * x)


def leaky_relu_derivative(x, a=0.01):
    # 음수 구간의 미분은 a
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, 1.0, a)


def prelu(x, alpha):
    # alpha 는 학습되는 파라미터
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * x)


def prelu_gradients(x, alpha, upstream):
    # dx = upstream * (1 또는 alpha), dalpha = 음수 구간의 upstream * x 합
    x = np.asarray(x, dtype=np.float64)
    upstream = np.asarray(upstream, dtype=np.float64)
    음수 = x < 0
    dx = upstream * np.where(x > 0, 1.0, alpha)
    dalpha = np.sum(upstream[음수] * x[음수])
    return dx, float(dalpha)


def elu(x, alpha=1.0):
    # x >= 0: x,  x < 0: alpha (e^x - 1); 큰 양수에서 overflow 방지
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_derivative(x, alpha=1.0):
    # x >= 0: 1,  x < 0: alpha e^x
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def tanh(x):
    return np.tanh(np.asarray(x, dtype=np.float64))


def tanh_derivative(x):
    # 1 - tanh(x)^2
    return 1.0 - np.tanh(np.asarray(x, dtype=np.float64)) ** 2


def he_normal(fan_in, fan_out, rng):
    # 허 초기화: 분산 2 / fan_in
    분산 = 2.0 / fan_in
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(분산)
