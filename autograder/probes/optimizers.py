"""Probes for 04_optimizers (stdlib + numpy only; runs where the student's code lives).

The loss is always the quadratic J(w) = 1/2 w^T A w + b^T w, so grad J(w) = A w + b; A and b
arrive as plain arrays and grad_fn is built here, counting its calls and recording where it was
evaluated.
"""
import numpy as np


class _Grad:
    """grad_fn(w) = A w + b, a fresh float64 array per call; remembers every evaluation point."""

    def __init__(self, A, b):
        self.A = np.array(A, dtype=np.float64)
        self.b = np.array(b, dtype=np.float64)
        self.points = []

    def __call__(self, w):
        w = np.array(w, dtype=np.float64)  # a copy: later changes by the caller do not matter
        self.points.append(w)
        return self.A @ w + self.b


def _state(opt, name, shape):
    """Current value of state attribute `name` as a float64 array shaped like w (scalars are
    broadcast, so the initial scalar 0 compares equal to zeros); None when missing/None."""
    value = getattr(opt, name, None)
    if value is None:
        return None
    arr = np.array(value, dtype=np.float64)
    if name != "t" and arr.ndim == 0:
        arr = np.full(shape, float(arr))
    return arr


def _stack(items):
    if any(item is None for item in items):
        return None
    try:
        return np.stack(items)
    except ValueError:  # inconsistent shapes: let the comparison report the first one
        return list(items)


def run(ns, cls, kwargs, A, b, w0, steps, state=(), init=None, want=("path",)):
    """Instantiate ns[cls](**kwargs), optionally set state attributes `init` (warm start), and
    call step `steps` times from w0, passing a fresh copy of the current w each time.

    Returns a dict with the keys in `want`:
      path     (steps+1, dim) array, row 0 = w0, row k = what step k returned
      state0   {name: value before the first step}                (see _state)
      states   {name: (steps, dim) array of the value after each step, t: (steps,)}
      evals    list over steps of (calls, dim) arrays: the points grad_fn saw in that step
      lookahead list over steps of w_k + beta * m_k (the student's own w and m before step k)
      mutated  list over steps of bool: step changed the array it was given
    """
    w0 = np.array(w0, dtype=np.float64)
    grad = _Grad(A, b)
    opt = ns[cls](**kwargs)
    for name, value in (init or {}).items():
        setattr(opt, name, np.array(value, dtype=np.float64) if name != "t" else int(value))
    state0 = {name: _state(opt, name, w0.shape) for name in state}
    w = w0
    path, evals, lookahead, mutated = [w0.copy()], [], [], []
    states = {name: [] for name in state}
    for _ in range(int(steps)):
        if "lookahead" in want:
            m = _state(opt, "m", w.shape)
            lookahead.append(None if m is None else w + float(kwargs.get("beta", 0.9)) * m)
        given = w.copy()
        start = len(grad.points)
        new = opt.step(given, grad)
        mutated.append(not np.array_equal(given, w, equal_nan=True))
        points = grad.points[start:]
        evals.append(np.stack(points) if points else np.zeros((0,) + w.shape))
        new = np.array(new, dtype=np.float64)
        if new.shape != w.shape:
            raise ValueError(f"step returned shape {new.shape}; expected {w.shape} (like w)")
        for name in state:
            states[name].append(_state(opt, name, w.shape))
        path.append(new.copy())
        w = new
    out = {"path": np.stack(path), "state0": state0,
           "states": {name: _stack(values) for name, values in states.items()},
           "evals": evals, "lookahead": _stack(lookahead) if lookahead else None,
           "mutated": mutated}
    return {key: out[key] for key in want}


def runs(ns, cases):
    """`run` for each case (a dict of its keyword arguments); a case that raises gives
    {"error": type name, "message": text} so the other cases still count."""
    out = []
    for case in cases:
        try:
            out.append(run(ns, **case))
        except Exception as exc:  # the grader decides what an exception is worth
            out.append({"error": type(exc).__name__, "message": str(exc)[:300]})
    return out


def defaults(ns, cls, lr, explicit, A, b, w0, steps):
    """Paths of ns[cls](lr) and ns[cls](lr, **explicit) (the documented defaults spelled out)."""
    short = run(ns, cls, {"lr": lr}, A, b, w0, steps)["path"]
    spelled = run(ns, cls, dict(explicit, lr=lr), A, b, w0, steps)["path"]
    return {"default": short, "explicit": spelled}


def defaults_many(ns, cases):
    out = []
    for case in cases:
        try:
            out.append(defaults(ns, **case))
        except Exception as exc:
            out.append({"error": type(exc).__name__, "message": str(exc)[:300]})
    return out


class _FixedStep:
    """A known optimizer for testing minimize alone: w <- w - lr * grad_fn(w)."""

    def __init__(self, lr):
        self.lr = lr

    def step(self, w, grad_fn):
        return np.asarray(w, dtype=np.float64) - self.lr * grad_fn(w)


def minimize(ns, lr, A, b, w0, steps):
    """ns["minimize"](optimizer, grad_fn, w0, steps) with an optimizer defined here, so only
    minimize itself is under test. Returns {"path": result, "w0_changed": bool}."""
    w0 = np.array(w0, dtype=np.float64)
    given = w0.copy()
    path = ns["minimize"](_FixedStep(lr), _Grad(A, b), given, int(steps))
    return {"path": path, "w0_changed": not np.array_equal(given, w0)}
