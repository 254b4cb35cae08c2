# 04_optimizers — 학생 C (강의 식과 정오표, 한국어 주석)


import numpy as np


class SGD:
    """w <- w - lr * grad J(w)"""

    def __init__(self, lr):
        self.lr = lr   # 학습률 eta

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        기울기 = grad_fn(w)
        return w - self.lr * 기울기


class Momentum:
    """m <- beta m - eta grad J(w),  w <- w + m  (강의의 grad J(m) 은 오타: grad J(w))"""

    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov:
    """w_temp = w + beta m,  m <- beta m - eta grad J(w_temp),  w <- w + m"""

    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        w_temp = w + self.beta * self.m          # 모멘텀만큼 미리 가 본 위치
        self.m = self.beta * self.m - self.lr * grad_fn(w_temp)
        return w + self.m                        # 정오표: w_temp 가 아니라 w 에 더함


class AdaGrad:
    """s <- s + ||g||^2,  w <- w - eta / sqrt(s + eps) * g"""

    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + np.sum(g * g)          # 기울기 제곱 누적
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class RMSProp:
    """s_i <- rho s_i + (1 - rho) g_i^2"""

    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g * g   # 쇠퇴 비율 rho
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class Adam:
    """모멘텀 + RMSProp, 편향 보정"""

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g * g
        m_보정 = self.m / (1 - self.beta1 ** self.t)
        s_보정 = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_보정 / (np.sqrt(s_보정) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    # 경로: w_0, w_1, ..., w_steps
    w = np.array(w0, dtype=np.float64)
    경로 = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        경로.append(w)
    return np.array(경로, dtype=np.float64)
