import numpy as np


class Optimizer:
    """공통 부분"""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        return self.update(w, grad_fn(w), grad_fn)


class SGD(Optimizer):
    def update(self, w, g, grad_fn):
        return w - self.lr * g


class Momentum(Optimizer):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr)
        self.beta = beta
        self.m = 0.0

    def update(self, w, g, grad_fn):
        self.m = self.beta * self.m - self.lr * g
        return w + self.m


class Nesterov(Momentum):
    def step(self, w, grad_fn):
        w = np.array(w, dtype=np.float64)
        ahead = w + np.asarray(self.m, dtype=np.float64)   # 이전 모멘텀만큼 이동한 곳
        return self.update(w, grad_fn(ahead), grad_fn)


class AdaGrad(Optimizer):
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr)
        self.eps = eps
        self.s = 0.0

    def update(self, w, g, grad_fn):
        self.s = self.s + np.square(g)
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp(Optimizer):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr)
        self.rho, self.eps = rho, eps
        self.s = 0.0

    def update(self, w, g, grad_fn):
        self.s = self.rho * self.s + (1.0 - self.rho) * np.square(g)
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam(Optimizer):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def update(self, w, g, grad_fn):
        self.t = self.t + 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * np.square(g)
        mhat = self.m / (1.0 - self.beta1 ** self.t)
        shat = self.s / (1.0 - self.beta2 ** self.t)
        return w - self.lr * mhat / (np.sqrt(shat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w0 = np.array(w0, dtype=np.float64)
    path = np.zeros((steps + 1, w0.size))
    path[0] = w0
    for k in range(1, steps + 1):
        path[k] = optimizer.step(path[k - 1], grad_fn)
    return path
