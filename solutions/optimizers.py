"""04_optimizers: gradient-descent update rules (lecture 4.2).

Every optimizer has step(w, grad_fn) -> w_new, where grad_fn(w) returns the
gradient of the loss J at w. step never modifies w; the optimizer's state lives
in plain, assignable attributes (m, s, t) and starts at 0.0 (it becomes an
array shaped like w after the first step). Setting them before a step resumes
from that state (warm start), so a read-only property is not enough.

Precision: compute in float64. step returns a float64 array and array state
(m, s) is float64; take w as np.asarray(w, dtype=np.float64) and keep the
hyperparameters as the Python floats you were given. The values of the
update rules are graded with room for float32 rounding (5e-4 of how far w
moves); float32 arithmetic (dtype=np.float32, np.float32(lr)) costs only
the float64 checks.

Lecture errata: the momentum rule's grad J(m) means grad J(w); the last Nesterov
line is w <- w + m, written here without the w_temp variable.
"""
import numpy as np


class SGD:
    """Plain gradient descent.

    w <- w - lr * g,  g = grad J(w)

    State: none.
    """

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        return w - self.lr * g


class Momentum:
    """Gradient descent with momentum.

    m <- beta * m - lr * grad J(w)
    w <- w + m

    State: m (velocity), starts at 0.0.
    """

    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class Nesterov:
    """Nesterov accelerated gradient: the gradient is taken at the look-ahead point.

    m <- beta * m - lr * grad J(w + beta * m)
    w <- w + m

    State: m (velocity), starts at 0.0.
    """

    def __init__(self, lr, beta=0.9):
        self.lr = lr
        self.beta = beta
        self.m = 0.0

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        return w + self.m


class AdaGrad:
    """AdaGrad: per-coordinate step size shrinks with the accumulated squared gradient.

    s <- s + g^2
    w <- w - lr * g / sqrt(s + eps)

    State: s (sum of squared gradients), starts at 0.0.
    """

    def __init__(self, lr, eps=1e-8):
        self.lr = lr
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.s + g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSProp:
    """RMSProp: AdaGrad with an exponentially decaying average of g^2.

    s <- rho * s + (1 - rho) * g^2
    w <- w - lr * g / sqrt(s + eps)

    State: s (running average of squared gradients), starts at 0.0.
    """

    def __init__(self, lr, rho=0.9, eps=1e-8):
        self.lr = lr
        self.rho = rho
        self.eps = eps
        self.s = 0.0

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1.0 - self.rho) * g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class Adam:
    """Adam: momentum (first moment) + RMSProp (second moment) with bias correction.

    t <- t + 1
    m <- beta1 * m + (1 - beta1) * g
    s <- beta2 * s + (1 - beta2) * g^2
    m_hat = m / (1 - beta1^t),  s_hat = s / (1 - beta2^t)
    w <- w - lr * m_hat / (sqrt(s_hat) + eps)

    State: m, s (start at 0.0) and t (int step count, starts at 0).
    """

    def __init__(self, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = 0.0
        self.s = 0.0
        self.t = 0

    def step(self, w, grad_fn):
        """Return the updated weights (a new float64 array); w is not modified."""
        w = np.asarray(w, dtype=np.float64)
        g = grad_fn(w)
        self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * g * g
        m_hat = self.m / (1.0 - self.beta1 ** self.t)
        s_hat = self.s / (1.0 - self.beta2 ** self.t)
        return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)


def minimize(optimizer, grad_fn, w0, steps):
    """Run `steps` optimizer steps from w0 and return the path.

    w_0 = w0,  w_{k+1} = optimizer.step(w_k, grad_fn)

    Inputs: optimizer: an object with step(w, grad_fn); grad_fn: w -> grad J(w);
    w0: start point, shape (dim,); steps: number of steps.
    Returns: float64 array of shape (steps + 1, dim); row 0 is w0.
    """
    w = np.array(w0, dtype=np.float64)
    path = [w]
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        path.append(w)
    return np.array(path, dtype=np.float64)
