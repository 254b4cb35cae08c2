# Style: minimize returns the Python list of visited points instead of the documented float64
# array of shape (steps + 1, dim): the optimizers are correct, the minimize checks are lost
# (the message asks for an array).
import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return w - self.lr * grad_fn(w)


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        return w + self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        out.append(w)
    return out
