import numpy as np


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        # w <- w - eta * grad J(w)
        w = np.asarray(w, dtype=np.float64)
        grad = grad_fn(w)
        w_new = w - self.lr * grad
        return w_new


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        m = np.zeros_like(w)
        m = self.beta * m - self.lr * grad_fn(w)
        self.m = m
        return w + m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.m = lr, beta, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        w_temp = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w_temp)
        # 정오표: 마지막 줄은 w <- w + m
        return w + self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr, self.eps, self.s = lr, eps, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        grad = grad_fn(w)
        self.s = self.s + grad * grad
        eta_i = self.lr / np.sqrt(self.s + self.eps)
        return w - eta_i * grad


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps, self.s = lr, rho, eps, 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        grad = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * grad * grad
        eta_i = self.lr / np.sqrt(self.s + self.eps)
        return w - eta_i * grad


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.s, self.t = 0.0, 0.0, 0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        grad = grad_fn(w)
        self.t = self.t + 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grad
        self.s = self.beta2 * self.s + (1 - self.beta2) * grad * grad
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    ws = [np.array(w0, dtype=np.float64)]
    for _ in range(steps):
        ws.append(optimizer.step(ws[-1], grad_fn))
    return np.vstack(ws).astype(np.float64)
