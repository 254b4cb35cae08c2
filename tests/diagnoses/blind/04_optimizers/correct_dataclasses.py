from dataclasses import dataclass

import numpy as np


@dataclass
class SGD:
    lr: float

    def step(self, w, grad_fn):
        return np.subtract(w, self.lr * grad_fn(w), dtype=np.float64)


@dataclass
class Momentum:
    lr: float
    beta: float = 0.9
    m: object = 0.0

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return np.add(w, self.m, dtype=np.float64)


@dataclass
class Nesterov:
    lr: float
    beta: float = 0.9
    m: object = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(np.add(w, self.beta * self.m, dtype=np.float64))
        self.m = self.beta * self.m - self.lr * g
        return np.add(w, self.m, dtype=np.float64)


@dataclass
class AdaGrad:
    lr: float
    eps: float = 1e-8
    s: object = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + np.square(g)
        return np.asarray(w, dtype=np.float64) - self.lr / np.sqrt(self.s + self.eps) * g


@dataclass
class RMSProp:
    lr: float
    rho: float = 0.9
    eps: float = 1e-8
    s: object = 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * np.square(g)
        return np.asarray(w, dtype=np.float64) - self.lr / np.sqrt(self.s + self.eps) * g


@dataclass
class Adam:
    lr: float
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    m: object = 0.0
    s: object = 0.0
    t: int = 0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return np.asarray(w, dtype=np.float64) - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    path = [np.array(w0, dtype=np.float64)]
    for _ in range(steps):
        path.append(np.asarray(optimizer.step(path[-1], grad_fn), dtype=np.float64))
    return np.vstack(path)
