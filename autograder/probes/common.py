"""Generic probes: call a student function and report what happened, never judge it.

The child is hostile (docs/SECURITY.md, "The parent decides"): these return only what the
student's function returned, the inputs after the call and exceptions as data.
"""
import numpy as np


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def call(ns, func, args=(), kwargs=None):
    """Return ``ns[func](*args, **kwargs)``."""
    return ns[func](*[_copy(a) for a in args], **{k: _copy(v) for k, v in (kwargs or {}).items()})


# --- raw observations (the parent decides; see autograder/checks/observed.py) ------------------

def _exception(exc):
    """An exception as data: its class hierarchy (names) and message, nothing judged here."""
    try:
        message = str(exc)[:500]
    except Exception:  # a hostile __str__
        message = "<unprintable>"
    return {"types": [cls.__name__ for cls in type(exc).__mro__][:20], "message": message}


def observe(ns, func, args=(), kwargs=None):
    """Call ``ns[func]`` on copies of the inputs and report only what happened:

    {"returned": value, "raised": None, "after": [args after the call],
     "kwargs_after": {name: value after the call}}
    or, when the call raised, "returned" is None and "raised" is {"types": [...], "message": str}.
    The parent compares "after" with what it sent (mutation) and judges every value itself.
    """
    args = [_copy(a) for a in args]
    kwargs = {k: _copy(v) for k, v in (kwargs or {}).items()}
    try:
        returned, raised = ns[func](*args, **kwargs), None
    except Exception as exc:  # reported as data; the parent decides what it is worth
        returned, raised = None, _exception(exc)
    return {"returned": returned, "raised": raised,
            "after": [_copy(a) for a in args], "kwargs_after": {k: _copy(v) for k, v in
                                                                 kwargs.items()}}


def observe_many(ns, func, cases):
    """`observe` once per case ({"args": [...], "kwargs": {...}}): one record per case."""
    return [observe(ns, func, case.get("args", ()), case.get("kwargs")) for case in cases]


def observe_each(ns, calls):
    """`observe` once per call ({"func": name, "args": [...], "kwargs": {...}}), where the calls
    may name different functions: one record per call, in order (the parent relates them, e.g.
    the student's init_mlp output and the train_xor run that starts from it)."""
    return [observe(ns, c["func"], c.get("args", ()), c.get("kwargs")) for c in calls]


def observe_warnings(ns, func, args=(), kwargs=None):
    """`observe` plus the floating-point warnings raised during the call:
    {"call": record, "warnings": ["RuntimeWarning: overflow ...", ...]}.

    What only the child can see (docs/SECURITY.md): a rewritten child can hide warnings, which
    costs at most the points of the check that reads them. np.errstate(over/invalid/divide="warn")
    undoes a global np.seterr(all="ignore") in the student's code, so an exp() overflow shows up
    (underflow stays ignored, numpy's default: exp(-1000) = 0 is fine).
    """
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn"):
            rec = observe(ns, func, args, kwargs)
    names = []
    for w in caught[:20]:
        try:
            names.append(f"{type(w.message).__name__}: {w.message}"[:200])
        except Exception:  # a hostile warning class
            names.append("<unprintable warning>")
    return {"call": rec, "warnings": names}
