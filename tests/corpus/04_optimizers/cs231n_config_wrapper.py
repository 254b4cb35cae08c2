# Style: CS231n `optim.py` update functions `rule(w, dw, config) -> (next_w, config)` with
# config.setdefault(...) for the hyperparameters and the state kept in the config dict, behind
# a thin wrapper class; properties m/s/t read and write the state in config. Faithful to
# CS231n's rmsprop, which adds eps OUTSIDE the square root: that loses exactly the two RMSProp
# eps checks (the docstring puts eps inside); everything else is correct (97).
import numpy as np


def sgd(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    return w - config["learning_rate"] * dw, config


def sgd_momentum(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("momentum", 0.9)
    v = config.get("velocity", np.zeros_like(w))
    v = config["momentum"] * v - config["learning_rate"] * dw
    config["velocity"] = v
    return w + v, config


def adagrad(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("epsilon", 1e-8)
    cache = config.get("cache", np.zeros_like(w)) + dw ** 2
    config["cache"] = cache
    return w - config["learning_rate"] * dw / np.sqrt(cache + config["epsilon"]), config


def rmsprop(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-2)
    config.setdefault("decay_rate", 0.99)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("cache", np.zeros_like(w))
    cache = config["decay_rate"] * config["cache"] + (1 - config["decay_rate"]) * dw ** 2
    config["cache"] = cache
    next_w = w - config["learning_rate"] * dw / (np.sqrt(cache) + config["epsilon"])
    return next_w, config


def adam(w, dw, config=None):
    config = {} if config is None else config
    config.setdefault("learning_rate", 1e-3)
    config.setdefault("beta1", 0.9)
    config.setdefault("beta2", 0.999)
    config.setdefault("epsilon", 1e-8)
    config.setdefault("m", np.zeros_like(w))
    config.setdefault("v", np.zeros_like(w))
    config.setdefault("t", 0)
    config["t"] += 1
    b1, b2, t = config["beta1"], config["beta2"], config["t"]
    config["m"] = b1 * config["m"] + (1 - b1) * dw
    config["v"] = b2 * config["v"] + (1 - b2) * dw * dw
    mt = config["m"] / (1 - b1 ** t)
    vt = config["v"] / (1 - b2 ** t)
    return w - config["learning_rate"] * mt / (np.sqrt(vt) + config["epsilon"]), config


def _state(key, default):
    return property(lambda self: self.config.get(key, default),
                    lambda self, value: self.config.__setitem__(key, value))


class _Wrapper:
    rule = None

    def __init__(self, **config):
        self.config = config

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        next_w, self.config = type(self).rule(w, grad_fn(w), self.config)
        return next_w


class SGD(_Wrapper):
    rule = staticmethod(sgd)

    def __init__(self, lr):
        super().__init__(learning_rate=lr)


class Momentum(_Wrapper):
    rule = staticmethod(sgd_momentum)
    m = _state("velocity", 0.0)

    def __init__(self, lr, beta=0.9):
        super().__init__(learning_rate=lr, momentum=beta)


class Nesterov(_Wrapper):
    m = _state("velocity", 0.0)

    def __init__(self, lr, beta=0.9):
        super().__init__(learning_rate=lr, momentum=beta)

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        v = self.config.get("velocity", np.zeros_like(w))
        dw = grad_fn(w + self.config["momentum"] * v)
        self.config["velocity"] = self.config["momentum"] * v - self.config["learning_rate"] * dw
        return w + self.config["velocity"]


class AdaGrad(_Wrapper):
    rule = staticmethod(adagrad)
    s = _state("cache", 0.0)

    def __init__(self, lr, eps=1e-8):
        super().__init__(learning_rate=lr, epsilon=eps)


class RMSProp(_Wrapper):
    rule = staticmethod(rmsprop)
    s = _state("cache", 0.0)

    def __init__(self, lr, rho=0.9, eps=1e-8):
        super().__init__(learning_rate=lr, decay_rate=rho, epsilon=eps)


class Adam(_Wrapper):
    rule = staticmethod(adam)
    m = _state("m", 0.0)
    s = _state("v", 0.0)
    t = _state("t", 0)

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(learning_rate=lr, beta1=beta1, beta2=beta2, epsilon=eps)


def minimize(optimizer, grad_fn, w0, steps):
    path = np.empty((steps + 1, len(w0)))
    path[0] = w0
    for k in range(steps):
        path[k + 1] = optimizer.step(path[k], grad_fn)
    return path
