"""The documented Keras training procedures replayed in numpy (float64), in the grader.

The grader chooses the initial weights and the data; the child runs the student's code on them
and returns the final weights; `replay` computes here what the documented procedure (optimizer
and its hyperparameters, loss, epochs, batch size) gives from the same start, and `compare` says
whether the returned weights are those. No TensorFlow, nothing the child reports.

Probe data: one sample repeated n times (`repeated`). Every batch then holds copies of the same
sample, so its mean gradient is that sample's gradient whatever the shuffle and whatever the
batch's size; an epoch is ceil(n / batch_size) identical-form steps. With n > 32 the update
count reveals a wrong number of epochs or batch size (70: 3 updates per epoch at the default
batch 32; a second trial of 40, 2 updates, tells the two apart in a message:
keras_procedure.TRIAL_SIZES, ONE_TRIAL).

Keras 3 semantics replayed (keras/src/optimizers/sgd.py, adam.py; losses reduced by the mean over
the batch): SGD w -= lr g; Adam with t = step + 1, m += (g - m)(1 - b1), v += (g^2 - v)(1 - b2),
w -= lr sqrt(1 - b2^t) / (1 - b1^t) m / (sqrt(v) + eps), b1 0.9, b2 0.999, eps 1e-7; "mse" is the
mean of (pred - y)^2 over the outputs (y of shape (n,) is taken as (n, 1)); sparse categorical
crossentropy on a softmax output has the logit gradient softmax - onehot.
"""
import math

import numpy as np

from autograder.checks.keras_views import ACTIVATIONS

# Float32 Keras vs this float64 replay, as max |w_keras - w_replay| / max |w_replay - w_init| per
# weight array (the error relative to how far training moved that array), measured on the
# checks' own trials, 4 draws each (TF 2.21, CPU, `python bench/keras_spread.py --replay`;
# bench/README.md; Keras as the sandbox child runs it: one thread per TF pool, Grappler off,
# sandbox.limits.TF_ENVIRONMENT and probes.keras_models.seed_training; 2026-12-07):
#   07 SGD(0.1), 100 epochs (200 / 300 updates)      <= 1.21e-5  (2 threads, Grappler: 1.15e-5)
#   05 SGD(5.0), 3 epochs (6 / 9 updates)            <= 0.95e-5  (1.14e-5)
#   06 Adam(0.001), 3 epochs (6 / 9 updates)         <= 0.91e-5  (1.21e-5)
# The closest wrong procedure, one update more or fewer: 07 >= 5.4e-4 (the targets lie outside
# tanh's range, so every update keeps moving the weights), 05 >= 1.1e-2, 06 >= 8.8e-2; a wrong
# epoch count is 3 updates off.
# REL_TOL 1e-4: 8.3x the worst float32 error, 5.4x below the closest wrong procedure.
REL_TOL = 1e-4
# An array that moved less than ABS_FLOOR is judged against ABS_FLOOR (REL_TOL x 1e-2 = 1e-6
# absolute): float32 rounding of O(1) weights is ~1e-7 whatever the update, so a small update
# (a suspect procedure at a low rate: SGD(0.01) for 3 epochs moves weights ~1e-4) is not
# compared below float32's resolution. The documented procedures move every trained array by
# more (06's Adam, the smallest: ~lr x updates = 6e-3..9e-3, one update ~1e-3 = 0.1 of the floor).
ABS_FLOOR = 1e-2

ADAM = {"beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7}


def repeated(x, y, n):
    """The sample (x, y) repeated n times: x of shape (n, *x.shape), y of shape (n,)."""
    x = np.asarray(x)
    return np.repeat(x[None], n, axis=0), np.repeat(np.asarray([y]), n, axis=0)


def updates_per_epoch(n, batch_size=32):
    return math.ceil(n / batch_size)


def _forward(weights, acts, x):
    """Activations of each layer (h[0] = x flattened)."""
    hs = [np.asarray(x, dtype=np.float64).reshape(len(x), -1)]
    for i, act in enumerate(acts):
        z = hs[-1] @ weights[2 * i] + weights[2 * i + 1]
        hs.append(ACTIVATIONS[act](z))
    return hs


def _dz_out(act, loss, out, y):
    """d loss / d z of the output layer for one sample repeated (mean over a batch of copies)."""
    if loss == "mse":
        dout = 2.0 * (out - y.reshape(out.shape)) / out.shape[1]
        return dout * _dact(act, out)
    if loss == "mae":
        return np.sign(out - y.reshape(out.shape)) / out.shape[1] * _dact(act, out)
    if loss == "sparse_categorical_crossentropy" and act == "softmax":
        onehot = np.zeros_like(out)
        onehot[np.arange(len(out)), y.astype(int)] = 1.0
        return out - onehot
    raise ValueError(f"no replay for loss {loss} with {act} output")


def _dact(act, h):
    if act == "tanh":
        return 1.0 - h * h
    if act == "sigmoid":
        return h * (1.0 - h)
    if act == "relu":
        return (h > 0).astype(np.float64)
    if act in ("linear", None):
        return np.ones_like(h)
    raise ValueError(f"no replay for activation {act}")


def gradient(weights, acts, x1, y1, loss):
    """Gradient of the loss, averaged over a batch (x1 of shape (k, ...), y1 of shape (k,); one
    sample in the trials), as Keras reduces a loss: the mean over the batch."""
    hs = _forward(weights, acts, x1)
    dz = _dz_out(acts[-1], loss, hs[-1], y1) / len(hs[-1])
    grads = [None] * len(weights)
    for i in range(len(acts) - 1, -1, -1):
        grads[2 * i] = hs[i].T @ dz
        grads[2 * i + 1] = dz.sum(axis=0)
        if i:
            dz = (dz @ weights[2 * i].T) * _dact(acts[i - 1], hs[i])
    return grads


class _Stepper:
    """One optimizer's updates (Keras 3 semantics, module docstring), state kept across steps."""

    def __init__(self, init, optimizer, learning_rate):
        if optimizer not in ("SGD", "Adam"):
            raise ValueError(f"no replay for optimizer {optimizer}")
        self.optimizer, self.lr, self.t = optimizer, learning_rate, 0
        self.w = [np.asarray(a, dtype=np.float64).copy() for a in init]
        self.m = [np.zeros_like(a) for a in self.w]
        self.v = [np.zeros_like(a) for a in self.w]

    def step(self, g):
        self.t += 1
        if self.optimizer == "SGD":
            self.w = [a - self.lr * ga for a, ga in zip(self.w, g)]
            return
        b1, b2, eps = ADAM["beta_1"], ADAM["beta_2"], ADAM["epsilon"]
        alpha = self.lr * math.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
        for k in range(len(self.w)):
            self.m[k] = self.m[k] + (g[k] - self.m[k]) * (1.0 - b1)
            self.v[k] = self.v[k] + (g[k] * g[k] - self.v[k]) * (1.0 - b2)
            self.w[k] = self.w[k] - alpha * self.m[k] / (np.sqrt(self.v[k]) + eps)


def trajectory(init, acts, x1, y1, loss, optimizer, learning_rate, steps):
    """Weights after each of `steps` updates on the one sample (x1, y1): a list of length
    steps + 1 (index 0: the initial weights)."""
    run = _Stepper(init, optimizer, learning_rate)
    out = [[a.copy() for a in run.w]]
    for _ in range(steps):
        run.step(gradient(run.w, acts, x1, y1, loss))
        out.append([a.copy() for a in run.w])
    return out


def in_order(init, acts, X, y, loss, optimizer, learning_rate, epochs, batch_size=32):
    """The weights after `epochs` epochs of model.fit(X, y, batch_size, shuffle=False): the
    batches X[0:32], X[32:64], ... in that order every epoch (the last one shorter), each update
    the batch's mean gradient. Used where the grader makes the fit call itself (05's
    fit_nonlinear), so it can fix the order."""
    run = _Stepper(init, optimizer, learning_rate)
    y = np.asarray(y, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            for start in range(0, len(X), batch_size):
                run.step(gradient(run.w, acts, X[start:start + batch_size],
                                  y[start:start + batch_size], loss))
    return run.w


def distance(got, want, init):
    """max over weight arrays of max |got - want| / max(max |want - init|, ABS_FLOOR): the error
    relative to how far the procedure moved each array; inf when shapes differ or got is not
    finite."""
    if len(got) != len(want):
        return math.inf
    worst = 0.0
    for g, w, i in zip(got, want, init):
        g = np.asarray(g, dtype=np.float64)
        if g.shape != w.shape or not np.all(np.isfinite(g)):
            return math.inf
        moved = max(float(np.max(np.abs(w - i), initial=0.0)), ABS_FLOOR)
        worst = max(worst, float(np.max(np.abs(g - w), initial=0.0)) / moved)
    return worst


def matches(got, want, init):
    return distance(got, want, init) <= REL_TOL


def closest_step(got, path, init):
    """(step, distance) of the trajectory point nearest the returned weights."""
    best = (None, math.inf)
    for step, w in enumerate(path):
        d = distance(got, w, init)
        if d < best[1]:
            best = (step, d)
    return best
