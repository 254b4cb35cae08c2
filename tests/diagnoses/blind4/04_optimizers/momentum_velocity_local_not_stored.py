# 04_optimizers — student A (a common base class)


import numpy as np


class Optimizer:
    """Common base: every optimizer keeps lr and returns a new array from step."""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        raise NotImplementedError


class SGD(Optimizer):
    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        return w - self.lr * grad_fn(w)


class Momentum(Optimizer):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr)
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        m = self.beta * self.m - self.lr * grad_fn(w)
        return w + m


class Nesterov(Optimizer):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr)
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        lookahead = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(lookahead)
        return w + self.m


class AdaGrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr)
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + g ** 2
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g ** 2
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam(Optimizer):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        g = grad_fn(w)
        self.t = self.t + 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g ** 2
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    path = np.zeros((steps + 1, len(w0)))
    path[0] = w0
    w = np.array(w0, dtype=np.float64)
    for k in range(steps):
        w = optimizer.step(w, grad_fn)
        path[k + 1] = w
    return path
