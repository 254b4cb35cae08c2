# Style: Deep-Learning-from-Scratch state names used directly as attributes: velocity for the
# momentum methods, h for AdaGrad/RMSProp, and m/v/iter for Adam. The update rules are right, so
# every path check pays; the contract's state attributes m/s/t are missing (Adam's m has the
# contract's name and pays), so the state checks, the state parts of the hidden checks, the
# Nesterov look-ahead check (it needs m) and the warm starts (m/s/t set before the first step are
# ignored) are lost.
import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return w - self.lr * grad_fn(w)


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.momentum = beta
        self.velocity = 0.0

    def step(self, w, grad_fn):
        self.velocity = self.momentum * self.velocity - self.lr * grad_fn(w)
        return w + self.velocity


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.momentum = beta
        self.velocity = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w + self.momentum * self.velocity)
        self.velocity = self.momentum * self.velocity - self.lr * g
        return w + self.velocity


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.h = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.h = self.h + g * g
        return w - self.lr * g / np.sqrt(self.h + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.decay_rate = rho
        self.eps = eps
        self.h = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.h = self.decay_rate * self.h + (1 - self.decay_rate) * g * g
        return w - self.lr * g / np.sqrt(self.h + self.eps)


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.iter = 0
        self.m = 0.0
        self.v = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.iter += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.v = self.beta2 * self.v + (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1 ** self.iter)
        v_hat = self.v / (1 - self.beta2 ** self.iter)
        return w - self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.asarray(w0, dtype=np.float64)
    path = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        path.append(w)
    return np.array(path)
