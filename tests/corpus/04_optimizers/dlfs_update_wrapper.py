# Style: "Deep Learning from Scratch" optimizer classes with update(params, grads) on dicts of
# arrays and their own state names (v, h, iter), adapted to the contract by a thin base class:
# step() wraps w in a dict, and properties m/s/t expose the state under the contract's names.
# The update rules follow the assignment's docstrings (eps argument, eps inside/outside the sqrt
# as documented, Nesterov with the look-ahead gradient). Correct: 100.
import numpy as np


class _StepAdapter:
    """step(w, grad_fn) on top of update(params, grads)."""

    def step(self, w, grad_fn):
        params = {"W": np.array(w, dtype=np.float64)}
        self.update(params, grad_fn)
        return params["W"]

    def _get(self, store, default=0.0):
        table = getattr(self, store)
        return default if table is None else table["W"]

    def _set(self, store, value):
        setattr(self, store, {"W": value})


class SGD(_StepAdapter):
    def __init__(self, lr):
        self.lr = lr

    def update(self, params, grad_fn):
        for key in params.keys():
            params[key] -= self.lr * grad_fn(params[key])


class Momentum(_StepAdapter):
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.momentum = beta
        self.v = None

    m = property(lambda self: self._get("v"), lambda self, value: self._set("v", value))

    def update(self, params, grad_fn):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grad_fn(params[key])
            params[key] += self.v[key]


class Nesterov(_StepAdapter):
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.momentum = beta
        self.v = None

    m = property(lambda self: self._get("v"), lambda self, value: self._set("v", value))

    def update(self, params, grad_fn):
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            ahead = params[key] + self.momentum * self.v[key]
            self.v[key] = self.momentum * self.v[key] - self.lr * grad_fn(ahead)
            params[key] += self.v[key]


class AdaGrad(_StepAdapter):
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.h = None

    s = property(lambda self: self._get("h"), lambda self, value: self._set("h", value))

    def update(self, params, grad_fn):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            g = grad_fn(params[key])
            self.h[key] = self.h[key] + g * g
            params[key] -= self.lr * g / np.sqrt(self.h[key] + self.eps)


class RMSProp(_StepAdapter):
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.decay_rate = rho
        self.eps = eps
        self.h = None

    s = property(lambda self: self._get("h"), lambda self, value: self._set("h", value))

    def update(self, params, grad_fn):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            g = grad_fn(params[key])
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * g * g
            params[key] -= self.lr * g / np.sqrt(self.h[key] + self.eps)


class Adam(_StepAdapter):
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.iter = 0
        self.m_ = None
        self.v = None

    m = property(lambda self: self._get("m_"), lambda self, value: self._set("m_", value))
    s = property(lambda self: self._get("v"), lambda self, value: self._set("v", value))
    t = property(lambda self: self.iter, lambda self, value: setattr(self, "iter", value))

    def update(self, params, grad_fn):
        if self.m_ is None:
            self.m_ = {key: np.zeros_like(val) for key, val in params.items()}
        if self.v is None:
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        for key in params.keys():
            g = grad_fn(params[key])
            self.m_[key] = self.beta1 * self.m_[key] + (1 - self.beta1) * g
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g ** 2
            m_hat = self.m_[key] / (1 - self.beta1 ** self.iter)
            v_hat = self.v[key] / (1 - self.beta2 ** self.iter)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    history = [w.copy()]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        history.append(np.array(w, dtype=np.float64))
    return np.vstack(history)
