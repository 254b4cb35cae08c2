import numpy as np

as64 = lambda a: np.array(a, dtype=np.float64)


class _Base:
    """Template method: subclasses return the displacement to add to w."""

    def step(self, w, grad_fn):
        w = as64(w)
        return w + self.delta(w, grad_fn)


class SGD(_Base):
    def __init__(self, lr):
        self.lr = lr

    def delta(self, w, grad_fn):
        return -self.lr * grad_fn(w)


class Momentum(_Base):
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def delta(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return self.m


class Nesterov(Momentum):
    def delta(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        return self.m


class AdaGrad(_Base):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.s = 0.0

    def _accumulate(self, g):
        self.s = self.s + g ** 2

    def delta(self, w, grad_fn):
        g = grad_fn(w)
        self._accumulate(g)
        return -(self.lr / np.sqrt(self.s + self.eps)) * g


class RMSProp(AdaGrad):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr, eps)
        self.rho = rho

    def _accumulate(self, g):
        self.s = self.rho * self.s + (1.0 - self.rho) * g ** 2


class Adam(_Base):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def delta(self, w, grad_fn):
        g = grad_fn(w)
        self.t = self.t + 1
        b1, b2 = self.beta1, self.beta2
        self.m = b1 * self.m + (1 - b1) * g
        self.s = b2 * self.s + (1 - b2) * g ** 2
        return -self.lr * (self.m / (1 - b1 ** self.t)) / (np.sqrt(self.s / (1 - b2 ** self.t)) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = as64(w0)
    rows = [w]
    for _ in range(steps):
        w = as64(optimizer.step(w, grad_fn))
        rows.append(w)
    return np.stack(rows)
