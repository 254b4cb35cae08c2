"""Probes for 03_activations (stdlib + numpy only; runs where the student's code lives)."""
import numpy as np

from . import common


def mutations(ns, cases):
    """For each case {"func", "args"}: the argument positions the call changed in place.

    Returns one entry per case: a list of str (positions changed; empty = fine) or, when the call
    raised, {"error": type name, "message": text} so one broken function costs only its share.
    """
    out = []
    for case in cases:
        try:
            out.append(common.mutation(ns, case["func"], case.get("args", ()), case.get("kwargs")))
        except Exception as exc:  # the grader decides what an exception is worth
            out.append({"error": type(exc).__name__, "message": str(exc)[:300]})
    return out


def prelu_fd(ns, x, alpha, upstream, h):
    """The student's prelu_gradients next to central differences of their own prelu.

    L(x, alpha) = sum(upstream * prelu(x, alpha)); dL/dx_i and dL/dalpha by (L(+h) - L(-h)) / 2h.
    Inputs must keep |x_i| > h so no difference straddles the kink at 0.
    """
    prelu = ns["prelu"]

    def loss(xv, av):
        return float(np.sum(upstream * np.asarray(prelu(xv.copy(), av), dtype=np.float64)))

    result = ns["prelu_gradients"](x.copy(), alpha, upstream.copy())
    dx_fd = np.empty_like(x)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        dx_fd[i] = (loss(xp, alpha) - loss(xm, alpha)) / (2 * h)
    dalpha_fd = (loss(x, alpha + h) - loss(x, alpha - h)) / (2 * h)
    return {"result": result, "dx_fd": dx_fd, "dalpha_fd": dalpha_fd}


def he_normal_draws(ns, fan_in, fan_out, seeds):
    """he_normal(fan_in, fan_out, np.random.default_rng(seed)) for each seed (list of results).

    The grader cannot send a Generator; it sends seeds and the generator is built here.
    """
    return [ns["he_normal"](int(fan_in), int(fan_out), np.random.default_rng(int(seed)))
            for seed in seeds]


def he_normal_shapes(ns, sizes, seed):
    """np.shape and dtype name of he_normal(fan_in, fan_out, rng) for each (fan_in, fan_out)."""
    rng = np.random.default_rng(int(seed))
    out = []
    for fan_in, fan_out in sizes:
        w = ns["he_normal"](int(fan_in), int(fan_out), rng)
        kind = type(w).__name__ if type(w) is not np.ndarray else str(w.dtype)
        out.append({"shape": [int(n) for n in np.shape(w)], "dtype": kind})
    return out
