# Style: state kept in private attributes and exposed through read-only properties
# (`@property def m`). The rules are right, but the contract's state is an attribute the grader
# may set (warm start: m/s/t set before the first step); setting a property without a setter
# raises AttributeError, so exactly the warm-start checks are lost (91).
import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return np.asarray(w, dtype=float) - self.lr * grad_fn(w)


class _Velocity:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self._velocity = lr, beta, 0.0

    @property
    def m(self):
        return self._velocity


class Momentum(_Velocity):
    def step(self, w, grad_fn):
        self._velocity = self.beta * self._velocity - self.lr * grad_fn(w)
        return w + self._velocity


class Nesterov(_Velocity):
    def step(self, w, grad_fn):
        look = w + self.beta * self._velocity
        self._velocity = self.beta * self._velocity - self.lr * grad_fn(look)
        return w + self._velocity


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self._cache = lr, eps, 0.0

    @property
    def s(self):
        return self._cache

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self._cache = self._cache + np.square(g)
        return w - self.lr * g / np.sqrt(self._cache + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self._cache = lr, rho, eps, 0.0

    @property
    def s(self):
        return self._cache

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self._cache = self.rho * self._cache + (1 - self.rho) * np.square(g)
        return w - self.lr * g / np.sqrt(self._cache + self.eps)


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self._moments = [0.0, 0.0, 0]

    m = property(lambda self: self._moments[0])
    s = property(lambda self: self._moments[1])
    t = property(lambda self: self._moments[2])

    def step(self, w, grad_fn):
        g = grad_fn(w)
        m, s, t = self._moments
        t += 1
        m = self.beta1 * m + (1 - self.beta1) * g
        s = self.beta2 * s + (1 - self.beta2) * np.square(g)
        self._moments = [m, s, t]
        step = self.lr * (m / (1 - self.beta1 ** t)) / (np.sqrt(s / (1 - self.beta2 ** t)) + self.eps)
        return w - step


def minimize(optimizer, grad_fn, w0, steps):
    points = [np.array(w0, dtype=float)]
    for _ in range(steps):
        points.append(optimizer.step(points[-1], grad_fn))
    return np.asarray(points)
