# 04_optimizers — student B (compact, tuple assignment, TF-form Adam)


import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    step = lambda self, w, grad_fn: np.asarray(w, np.float64) - self.lr * grad_fn(np.asarray(w, np.float64))


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        return w + self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, np.float64)
        g = grad_fn(w)
        self.s = np.square(g)
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, np.float64)
        g = grad_fn(w)
        self.s = self.s + (1 - self.rho) * (np.square(g) - self.s)    # = rho s + (1 - rho) g^2
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def step(self, w, grad_fn):
        w = np.asarray(w, np.float64)
        g = grad_fn(w)
        self.t += 1
        b1, b2, t = self.beta1, self.beta2, self.t
        self.m = b1 * self.m + (1 - b1) * g
        self.s = b2 * self.s + (1 - b2) * g * g
        # TF form: lr_t = lr sqrt(1 - b2^t) / (1 - b1^t), eps scaled the same way (exactly the same update)
        lr_t = self.lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        return w - lr_t * self.m / (np.sqrt(self.s) + self.eps * np.sqrt(1 - b2 ** t))


def minimize(optimizer, grad_fn, w0, steps):
    path = [np.asarray(w0, np.float64)]
    for _ in range(steps):
        path += [optimizer.step(path[-1], grad_fn)]
    return np.vstack(path).astype(np.float64)
