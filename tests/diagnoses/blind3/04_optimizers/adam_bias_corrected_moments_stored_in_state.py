import numpy as np


class SGD:
    """w <- w - lr * grad"""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        w_arr = np.array(w, dtype=np.float64)
        grad = grad_fn(w_arr)
        w_new = w_arr - self.lr * grad
        return w_new


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta = lr, beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        m = self.beta * self.m - self.lr * grad_fn(w)
        self.m = m
        return w + m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta = lr, beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        w_temp = w + self.beta * self.m
        grad = grad_fn(w_temp)
        self.m = self.beta * self.m - self.lr * grad
        w_new = w + self.m
        return w_new


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps = lr, eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        grad = grad_fn(w)
        self.s = self.s + grad * grad
        return w - self.lr * grad / np.sqrt(self.s + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps = lr, rho, eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        grad = grad_fn(w)
        self.s = self.rho * self.s + (1.0 - self.rho) * grad * grad
        return w - self.lr * grad / np.sqrt(self.s + self.eps)


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        grad = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * grad
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * grad * grad
        self.m = self.m / (1.0 - self.beta1 ** self.t)
        self.s = self.s / (1.0 - self.beta2 ** self.t)
        return w - self.lr * self.m / (np.sqrt(self.s) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    path = np.zeros((steps + 1, w.size))
    path[0] = w
    for k in range(1, steps + 1):
        w = optimizer.step(w, grad_fn)
        path[k] = w
    return path
