import numpy as np


class Optimizer:
    """Shared constructor: store the hyperparameters as attributes."""

    def __init__(self, lr, **hyper):
        self.lr = lr
        for name, value in hyper.items():
            setattr(self, name, value)

    def step(self, w, grad_fn):
        raise NotImplementedError


class SGD(Optimizer):
    def __init__(self, lr):
        super().__init__(lr)

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        return np.subtract(w, np.multiply(self.lr, grad_fn(w)))


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
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        w_ahead = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w_ahead)
        return w + self.m


class AdaGrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr, eps=eps)
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + np.square(g)
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g ** 2
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class Adam(Optimizer):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps)
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * np.square(g)
        c1 = 1 - self.beta1 ** self.t
        c2 = 1 - self.beta2 ** self.t
        return w - self.lr * (self.m / c1) / (np.sqrt(self.s / c2) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    path = np.zeros((steps + 1, w.size))
    path[0] = w
    for k in range(1, steps + 1):
        w = optimizer.step(w, grad_fn)
        path[k] = w
    return path
