import numpy as np


def as_f64(w):
    return np.array(w, dtype=np.float64, copy=True)


class SGD(object):
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return as_f64(w) - self.lr * np.asarray(grad_fn(as_f64(w)))


class Momentum(object):
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        w = as_f64(w)
        m = np.multiply(self.beta, self.m) - np.multiply(self.lr, grad_fn(w))
        self.m = m
        return np.add(w, m)


class Nesterov(Momentum):
    def step(self, w, grad_fn):
        w = as_f64(w)
        g = grad_fn(w + self.beta * self.m)
        self.m = self.beta * self.m - self.lr * g
        return w + self.m


class AdaGrad(object):
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def step(self, w, grad_fn):
        w = as_f64(w)
        g = grad_fn(w)
        self.s = self.s + g * g
        return w - self.lr * g / np.sqrt(self.s) + self.eps


class RMSProp(object):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, grad_fn):
        w = as_f64(w)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g * g
        return w - np.divide(self.lr * g, np.sqrt(self.s + self.eps))


class Adam(object):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, np.int64(0)

    def step(self, w, grad_fn):
        w = as_f64(w)
        g = grad_fn(w)
        self.t = self.t + 1
        b1, b2 = self.beta1, self.beta2
        self.m = b1 * self.m + (1 - b1) * g
        self.s = b2 * self.s + (1 - b2) * g * g
        corr1 = 1 - b1 ** self.t
        corr2 = 1 - b2 ** self.t
        return w - self.lr * (self.m / corr1) / (np.sqrt(self.s / corr2) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    path = np.empty((steps + 1, np.size(w0)), dtype=np.float64)
    path[0] = w0
    for k in range(steps):
        path[k + 1] = optimizer.step(path[k], grad_fn)
    return path
