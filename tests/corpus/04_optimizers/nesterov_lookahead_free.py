# Style: Nesterov in the "look-ahead-free" reformulation (Bengio et al. 2012; also Deep Learning
# from Scratch): the parameter kept is the look-ahead point theta = w + beta m and the gradient is
# taken where step was called. The docstring's step returns w (w <- w + m), not theta, so this
# is not the contract: the path differs from step 1 (nesterov_path, the warm-start paths, the
# hidden path) and the gradient is not at w + beta m; the velocity m itself follows the
# documented recurrence, so nesterov_state and the state parts still pay. Everything else is
# correct.
import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return w - self.lr * grad_fn(w)


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        m_prev = self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w - self.beta * m_prev + (1 + self.beta) * self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.s + g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def step(self, w, grad_fn):
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g * g
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=float)
    out = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        out.append(w)
    return np.stack(out)
