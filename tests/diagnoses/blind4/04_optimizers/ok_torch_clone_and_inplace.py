# 04_optimizers — student D (torch.optim habits)


import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param)
        param -= self.lr * grad          # param.add_(grad, alpha=-lr) on a clone
        return param


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param)
        if np.ndim(self.m) == 0 and self.m == 0.0:
            self.m = np.zeros_like(param)
        self.m = self.beta * self.m - self.lr * grad
        return param + self.m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param + self.beta * self.m)
        self.m = self.beta * self.m - self.lr * grad
        return param + self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param)
        self.s = self.s + grad * grad
        param -= self.lr * grad / np.sqrt(self.s + self.eps)
        return param


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param)
        self.s = self.rho * self.s + (1.0 - self.rho) * grad * grad
        param -= self.lr * grad / np.sqrt(self.s + self.eps)
        return param


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2 = beta1, beta2
        self.eps = eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        param = np.array(w, dtype=np.float64, copy=True)
        grad = grad_fn(param)
        self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * grad
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * grad * grad
        bias_correction1 = 1.0 - self.beta1 ** self.t
        bias_correction2 = 1.0 - self.beta2 ** self.t
        denom = np.sqrt(self.s) / np.sqrt(bias_correction2) + self.eps
        param -= (self.lr / bias_correction1) * self.m / denom
        return param


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    trajectory = np.empty((steps + 1, w.size), dtype=np.float64)
    trajectory[0] = w
    for i in range(1, steps + 1):
        w = optimizer.step(w, grad_fn)
        trajectory[i] = w
    return trajectory
