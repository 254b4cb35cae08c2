"""Probes for 01_perceptron (stdlib + numpy only; see docs/CHECKS_GUIDE.md)."""
import warnings

import numpy as np

from . import common


def _names(items):
    return [f"{type(w.message).__name__}: {w.message}"[:200] for w in items]


def sigmoid_warnings(ns, s, func="sigmoid"):
    """{"value": func(s), "warnings": [messages of warnings raised during the call]}.

    np.errstate(over/invalid/divide="warn") undoes a global np.seterr(all="ignore") in the
    student's code, so an exp() overflow shows up as a RuntimeWarning (underflow stays ignored,
    numpy's default: exp(-1000) = 0 is fine).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn"):
            value = ns[func](np.array(s, dtype=np.float64))
    return {"value": value, "warnings": _names(caught)}


def gate_outputs(ns, names, X):
    """Per gate: the returned (w, b) as float64 and the truth table sign(X w + b), computed here
    (not with the student's step/perceptron, so a bug there does not cost these points)."""
    X = np.array(X, dtype=float)
    out = {}
    for name in names:
        result = ns["gate_weights"](name)
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError(f"gate_weights({name!r}) must return a tuple (w, b), "
                            f"got {type(result).__name__}")
        w = np.asarray(result[0], dtype=np.float64)
        b = np.asarray(result[1], dtype=np.float64)
        if w.shape != (X.shape[1],) or b.size != 1:
            raise ValueError(f"gate_weights({name!r}): w must have shape ({X.shape[1]},) and b "
                             f"be a number; got w of shape {w.shape}, b of shape {b.shape}")
        b = float(b.reshape(()))
        out[name] = {"w": w, "b": b, "out": np.sign(X @ w + b)}
    return out


def xor_poly(ns, X, t, kwargs=None):
    """Train on poly_features(X) with the student's functions; classify here with
    sign(Phi w + b)."""
    phi = ns["poly_features"](np.array(X, dtype=np.float64))
    result = ns["train_perceptron"](np.array(phi, dtype=np.float64), np.array(t), **(kwargs or {}))
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        raise TypeError("train_perceptron must return a tuple (w, b, converged, epochs)")
    w, b, converged, epochs = result
    pred = np.sign(np.asarray(phi, dtype=np.float64) @ np.asarray(w, dtype=np.float64)
                   + float(np.asarray(b, dtype=np.float64).reshape(())))
    return {"converged": converged, "epochs": epochs, "pred": pred}


def mutations(ns, cases):
    """For each case {"func", "args", "kwargs"}: list of changed arguments, or
    {"type": ..., "error": message} when the call raised (so one failing function costs only
    its part)."""
    out = []
    for case in cases:
        try:
            out.append(common.mutation(ns, case["func"], case.get("args", ()), case.get("kwargs")))
        except Exception as exc:  # reported per function by the check
            out.append({"type": type(exc).__name__, "error": str(exc)[:300]})
    return out


def elementwise(ns, calls):
    """Per call {"func", "s"}: {"value": func(s), "input": s} (the input rides along so the
    message can show x at the first wrong index)."""
    return [{"value": ns[c["func"]](np.array(c["s"])), "input": np.array(c["s"])} for c in calls]
