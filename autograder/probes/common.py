"""Generic probes: call a student function and report what it returned."""
import numpy as np


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def call(ns, func, args=(), kwargs=None):
    """Return ``ns[func](*args, **kwargs)``."""
    return ns[func](*[_copy(a) for a in args], **{k: _copy(v) for k, v in (kwargs or {}).items()})


def call_many(ns, func, cases):
    """Call ``func`` once per case ({"args": [...], "kwargs": {...}}); list of results."""
    return [call(ns, func, case.get("args", ()), case.get("kwargs")) for case in cases]


def mutation(ns, func, args=(), kwargs=None):
    """Names/positions of array arguments that ``func`` changed in place (list of str)."""
    args = [_copy(a) for a in args]
    kwargs = {k: _copy(v) for k, v in (kwargs or {}).items()}
    before = [_copy(a) for a in args], {k: _copy(v) for k, v in kwargs.items()}
    ns[func](*args, **kwargs)
    changed = [str(i) for i, (a, b) in enumerate(zip(args, before[0]))
               if isinstance(a, np.ndarray) and not np.array_equal(a, b, equal_nan=True)]
    changed += [k for k, v in kwargs.items()
                if isinstance(v, np.ndarray) and not np.array_equal(v, before[1][k], equal_nan=True)]
    return changed


def raises(ns, func, args=(), kwargs=None):
    """Name of the exception type raised by the call, or None when it returned."""
    try:
        ns[func](*args, **(kwargs or {}))
    except Exception as exc:  # the probe reports; the grader decides
        return [cls.__name__ for cls in type(exc).__mro__]
    return None
