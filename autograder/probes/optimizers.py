"""Probes for 04_optimizers (stdlib + numpy only; runs where the student's code lives).

The loss is always the quadratic J(w) = 1/2 w^T A w + b^T w, so grad J(w) = A w + b; A and b
arrive as plain arrays and grad_fn is built here, recording where it was evaluated.

Raw observations only (the parent decides): what each step returned, a post-call copy of the
array step was given, the state attributes as the object holds them, and the evaluation points.
Mutation, look-ahead points, defaults, paths and every verdict are computed in the parent.
"""
import numpy as np

from . import common

MAX_EVALS = 1000  # per step; a runaway loop must not flood the reply


class _Grad:
    """grad_fn(w) = A w + b, a fresh float64 array per call; remembers every evaluation point."""

    def __init__(self, A, b):
        self.A = np.array(A, dtype=np.float64)
        self.b = np.array(b, dtype=np.float64)
        self.points = []

    def __call__(self, w):
        w = np.array(w, dtype=np.float64)  # a copy: later changes by the caller do not matter
        if len(self.points) < MAX_EVALS:
            self.points.append(w)
        return self.A @ w + self.b


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def _attribute(opt, name):
    """The attribute as the object holds it (a copy of an array), None when missing."""
    try:
        return _copy(getattr(opt, name, None))
    except Exception:  # a raising property reads as missing; the parent reports it
        return None


def run(ns, cls, kwargs, A, b, w0, steps, state=(), init=None):
    """Instantiate ns[cls](**kwargs), optionally set state attributes `init` (warm start), and
    call step `steps` times from w0, passing a fresh float64 copy of the last returned w.

    Returns {"returned": [what each step returned], "given_after": [the array given to each step,
    after the call], "evals": [[points grad_fn saw in that step]], "state0": {name: value before
    the first step}, "states": {name: [value after each step]}, "raised": None or the exception
    (stops the run)}. A return value that cannot be read as an array stops the run too; the
    parent sees fewer steps than it asked for and judges the last returned value.
    """
    out = {"returned": [], "given_after": [], "evals": [], "state0": {},
           "states": {name: [] for name in state}, "raised": None,
           # the problem as received: read by the parent only from the reference's (trusted) run,
           # to replay variants of the rule for messages (e.g. where eps sits)
           "problem": {"cls": cls, "kwargs": kwargs, "A": A, "b": b, "w0": w0,
                       "steps": steps, "init": init or {}}}
    try:
        grad = _Grad(A, b)
        opt = ns[cls](**kwargs)
        for name, value in (init or {}).items():
            setattr(opt, name, np.array(value, dtype=np.float64) if name != "t" else int(value))
        out["state0"] = {name: _attribute(opt, name) for name in state}
        w = np.array(w0, np.float64)  # (not the reference's spelling: see test_student_dist)
        for _ in range(int(steps)):
            given = w.copy()
            start = len(grad.points)
            new = opt.step(given, grad)
            out["returned"].append(_copy(new))
            out["given_after"].append(given)
            out["evals"].append(grad.points[start:])
            for name in state:
                out["states"][name].append(_attribute(opt, name))
            try:
                w = np.array(new, dtype=np.float64)
            except Exception:
                break
            if w.shape != given.shape:
                break
    except Exception as exc:  # reported as data; the parent decides what it is worth
        out["raised"] = common._exception(exc)
    return out


def runs(ns, cases):
    """`run` for each case (a dict of its keyword arguments): one record per case; a case that
    raises costs only itself."""
    return [run(ns, **case) for case in cases]


class _FixedStep:
    """A known optimizer for testing minimize alone: w <- w - lr * grad_fn(w)."""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return np.asarray(w, dtype=np.float64) - self.lr * grad_fn(w)


def minimize(ns, lr, A, b, w0, steps):
    """ns["minimize"](optimizer, grad_fn, w0, steps) with an optimizer defined here, so only
    minimize itself is under test: an `observe` record (returned, raised, w0 after the call)."""
    start = np.asarray(w0)  # an integer start stays integer (minimize_int_start)
    args = [_FixedStep(lr), _Grad(A, b),
            np.array(w0, dtype=start.dtype if start.dtype.kind == "i" else np.float64),
            int(steps)]
    try:
        returned, raised = ns["minimize"](*args), None
    except Exception as exc:
        returned, raised = None, common._exception(exc)
    return {"returned": returned, "raised": raised, "w0_after": _copy(args[2])}
