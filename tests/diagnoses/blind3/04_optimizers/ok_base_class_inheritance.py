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


class Momentum(Optimizer):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr, beta=beta)
        self.m = 0.0

    def direction_point(self, w):
        return w

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(self.direction_point(w))
        self.m = self.beta * self.m - self.lr * g
        return w + self.m


class Nesterov(Momentum):
    def direction_point(self, w):
        return w + self.beta * self.m


class AdaGrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr, eps=eps)
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + np.square(g)
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr, rho=rho, eps=eps)
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * np.square(g)
        return w - self.lr * g / np.sqrt(self.s + self.eps)


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
    path = [np.array(w0, dtype=np.float64)]
    while len(path) <= steps:
        path.append(optimizer.step(path[-1], grad_fn))
    return np.vstack(path).astype(np.float64)
