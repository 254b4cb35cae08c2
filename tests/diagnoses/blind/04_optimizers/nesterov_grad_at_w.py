"""Assignment 04: optimizers (base class, in-place updates on a private copy)."""
import numpy as np


class _Optimizer:
    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)  # private copy
        return self._update(w, grad_fn)


class SGD(_Optimizer):
    def __init__(self, lr):
        self.lr = lr

    def _update(self, w, grad_fn):
        w -= self.lr * grad_fn(w)
        return w


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    path = np.empty((steps + 1, w.size))
    path[0] = w
    for k in range(steps):
        w = optimizer.step(w, grad_fn)
        path[k + 1] = w
    return path


class Momentum(_Optimizer):
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def _update(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        w += self.m
        return w


class Nesterov(_Optimizer):
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def _update(self, w, grad_fn):
        lookahead = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        w += self.m
        return w


class AdaGrad(_Optimizer):
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def _update(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + g ** 2
        w -= self.lr * g / np.sqrt(self.s + self.eps)
        return w


class RMSProp(_Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def _update(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + (1.0 - self.rho) * g ** 2
        w -= self.lr * g / np.sqrt(self.s + self.eps)
        return w


class Adam(_Optimizer):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def _update(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * g ** 2
        m_hat = self.m / (1.0 - self.beta1 ** self.t)
        s_hat = self.s / (1.0 - self.beta2 ** self.t)
        w -= self.lr * m_hat / (np.sqrt(s_hat) + self.eps)
        return w
