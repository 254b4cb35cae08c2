# 04 optimizers: 공통 부모 클래스 + property (setter 있음)
import numpy as np
from itertools import repeat


class Optimizer:
    state_names = ()

    def __init__(self, lr, **hyper):
        self.lr = lr
        for k, v in hyper.items():
            setattr(self, k, v)
        self._state = {name: 0.0 for name in self.state_names}

    def _as_w(self, w):
        return np.array(w, dtype=np.float64)

    def step(self, w, grad_fn):
        w = self._as_w(w)
        return w + self.delta(w, grad_fn)


def _state_property(name):
    return property(lambda self: self._state[name],
                    lambda self, value: self._state.__setitem__(name, value))


class SGD(Optimizer):
    def __init__(self, lr):
        super().__init__(lr)

    def delta(self, w, grad_fn):
        return -self.lr * grad_fn(w)


class Momentum(Optimizer):
    state_names = ("m",)
    m = _state_property("m")

    def __init__(self, lr, beta=0.9):
        super().__init__(lr, beta=beta)

    def delta(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return self.m


class Nesterov(Momentum):
    def delta(self, w, grad_fn):
        look_ahead = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(look_ahead)
        return self.m


class AdaGrad(Optimizer):
    state_names = ("s",)
    s = _state_property("s")

    def __init__(self, lr, eps=1e-8):
        super().__init__(lr, eps=eps)

    def delta(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + np.square(g)
        return -self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp(AdaGrad):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        Optimizer.__init__(self, lr, rho=rho, eps=eps)

    def delta(self, w, grad_fn):
        g = grad_fn(w)
        self.s = (1.0 - self.rho) * self.s + self.rho * np.square(g)
        return -self.lr * g / np.sqrt(self.s + self.eps)


class Adam(Optimizer):
    state_names = ("m", "s", "t")
    m = _state_property("m")
    s = _state_property("s")
    t = _state_property("t")

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(lr, beta1=beta1, beta2=beta2, eps=eps)
        self.t = 0

    def delta(self, w, grad_fn):
        g = grad_fn(w)
        self.t = self.t + 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * np.square(g)
        m_hat = self.m / (1 - np.power(self.beta1, self.t))
        s_hat = self.s / (1 - np.power(self.beta2, self.t))
        return -self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    path = [np.array(w0, dtype=np.float64)]
    for _ in repeat(None, steps):
        path.append(optimizer.step(path[-1], grad_fn))
    return np.vstack(path)
