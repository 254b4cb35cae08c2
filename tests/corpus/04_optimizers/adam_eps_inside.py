# Style: compact classes sharing a base; Adam puts eps inside the square root
# (sqrt(s_hat + eps), as some blog posts do). The path/state checks pass eps=0, so only the two
# Adam eps checks see it, and their message says eps belongs outside the root (97).
import numpy as np


class _Base:
    def __init__(self, lr, **hyper):
        self.lr = lr
        self.__dict__.update(hyper)


class SGD(_Base):
    def step(self, w, grad_fn):
        return w - self.lr * grad_fn(w)


class Momentum(_Base):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr, beta=beta, m=0.0)

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov(_Base):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr, beta=beta, m=0.0)

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        return w + self.m


class AdaGrad(_Base):
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr, eps=eps, s=0.0)

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + g ** 2
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp(_Base):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(lr, rho=rho, eps=eps, s=0.0)

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g ** 2
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam(_Base):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps, m=0.0, s=0.0, t=0)

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g ** 2
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / np.sqrt(s_hat + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    ws = [np.asarray(w0, dtype=float)]
    for _ in range(steps):
        ws.append(optimizer.step(ws[-1], grad_fn))
    return np.array(ws)
