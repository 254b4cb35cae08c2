import numpy as np

# 04 최적화 기법 과제


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        return w - self.lr * grad_fn(w)


class Momentum:
    # torch.optim.SGD(momentum=beta) 방식: v <- beta v + g, w <- w - lr v
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m + grad_fn(w)
        return w - self.lr * self.m


class Nesterov:
    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w + self.beta * self.m)   # 미리 가 본 위치의 기울기
        self.m = self.beta * self.m - self.lr * g
        return w + self.m


class AdaGrad:
    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + g ** 2
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class RMSProp:
    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1 - self.rho) * g ** 2
        return w - self.lr / np.sqrt(self.s + self.eps) * g


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.s = self.beta2 * self.s + (1 - self.beta2) * g ** 2
        m_hat = self.m / (1 - self.beta1 ** self.t)
        s_hat = self.s / (1 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    w = np.array(w0, dtype=np.float64)
    path = [w.copy()]
    for k in range(steps):
        w = optimizer.step(w, grad_fn)
        path.append(w.copy())
    return np.array(path)
