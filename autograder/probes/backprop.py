"""Probes for 02_backprop (stdlib + numpy only; see docs/CHECKS_GUIDE.md).

Raw observations only (the parent decides, docs/SECURITY.md). The other 02 checks use the
generic `common.observe*` probes; this one chains two student calls, because mlp_backward takes
the cache of the student's own mlp_forward (the contract: "cache: from mlp_forward(X, params)"),
whose structure is the student's business and never leaves the child as a judged value.
"""
import numpy as np

from . import common


def _deep(value):
    """A copy of nested dicts/lists/tuples of arrays, so each call gets its own inputs."""
    if type(value) is dict:  # exact types: a student's cache may hold anything (namedtuples...)
        return {k: _deep(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_deep(v) for v in value)
    return value.copy() if isinstance(value, np.ndarray) else value


def backward(ns, X, T, params):
    """{"forward": observe(mlp_forward(X, params)),
        "backward": observe(mlp_backward(X, T, params, cache)) or None}

    `cache` is a copy of the second item of what mlp_forward returned (so "forward" keeps the
    cache as it was sent, and a cache changed in place shows in "after"); "backward" is None when
    mlp_forward raised or did not return a pair (the parent reports that)."""
    forward = common.observe(ns, "mlp_forward", [X, _deep(params)])
    result = forward["returned"]
    if forward["raised"] is not None or not isinstance(result, (tuple, list)) or len(result) != 2:
        return {"forward": forward, "backward": None}
    return {"forward": forward,
            "backward": common.observe(ns, "mlp_backward",
                                             [X, T, _deep(params), _deep(result[1])])}
