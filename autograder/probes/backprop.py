"""Probes for 02_backprop (stdlib + numpy only; see docs/CHECKS_GUIDE.md).

The probe-side forward pass and numerical gradient below implement the assignment's formulas
directly: H = phi(X U + b1), Y = phi(H W + b2), E = (1/m) sum_samples 1/2 sum_outputs (Y - T)^2.
They never call the student's code, so a broken mlp_forward does not spoil these measurements.
"""
import numpy as np

KEYS = ("U", "b1", "W", "b2")
X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)


def _phi(x):
    with np.errstate(over="ignore"):  # exp(1000) = inf gives the right limit 0
        return 1.0 / (1.0 + np.exp(-x))


def forward_here(X, params):
    """Probe-side forward pass on any params mapping with keys U, b1, W, b2 (array-likes)."""
    p = {k: np.asarray(params[k], dtype=np.float64) for k in KEYS}
    H = _phi(np.asarray(X, dtype=np.float64) @ p["U"] + p["b1"])
    return _phi(H @ p["W"] + p["b2"])


def loss_here(X, T, params):
    Y = forward_here(X, params)
    return 0.5 * float(np.sum((Y - T) ** 2)) / X.shape[0]


def numeric_grads(X, T, params, eps=1e-6):
    """Central differences (E(p + eps) - E(p - eps)) / (2 eps), element by element."""
    X, T = np.array(X, dtype=float), np.array(T, dtype=float)
    p = {k: np.array(params[k], dtype=np.float64) for k in KEYS}
    grads = {}
    for k in KEYS:
        g = np.zeros_like(p[k])
        for index in np.ndindex(p[k].shape):
            old = p[k][index]
            p[k][index] = old + eps
            up = loss_here(X, T, p)
            p[k][index] = old - eps
            down = loss_here(X, T, p)
            p[k][index] = old
            g[index] = (up - down) / (2 * eps)
        grads[k] = g
    return grads


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_copy(v) for v in value)
    return value.copy() if isinstance(value, np.ndarray) else value


def _forward_pair(ns, X, params):
    result = ns["mlp_forward"](_copy(X), _copy(params))
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        got = type(result).__name__
        if isinstance(result, (tuple, list)):
            got += f" of length {len(result)}"
        raise TypeError(f"mlp_forward must return a tuple (Y, cache), got {got}")
    return result


def forward(ns, cases):
    """Per case {"X", "params"}: Y from the student's mlp_forward (the cache is the student's
    own business)."""
    return [_forward_pair(ns, c["X"], c["params"])[0] for c in cases]


def backward(ns, X, T, params, eps=1e-6):
    """{"grads": student's mlp_backward with the student's own cache, "numeric": central
    differences computed here}. The grader compares against the "numeric" part of the value this
    probe returns when run on the reference in the trusted grader process, never the student's."""
    _, cache = _forward_pair(ns, X, params)
    grads = ns["mlp_backward"](_copy(X), _copy(T), _copy(params), cache)
    return {"grads": grads, "numeric": numeric_grads(X, T, params, eps)}


def init_calls(ns, calls):
    """init_mlp(*call) for each call (n_in, n_hidden, n_out, seed); the returned dicts as-is."""
    return [ns["init_mlp"](*call) for call in calls]


def xor_runs(ns, seeds, kwargs=None):
    """Per seed: Y of the returned params on the XOR inputs (forward pass computed here) and the
    losses as a float64 vector."""
    runs = []
    for seed in seeds:
        result = ns["train_xor"](seed=seed, **(kwargs or {}))
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            raise TypeError("train_xor must return a tuple (params, losses)")
        params, losses = result
        if not isinstance(params, dict):
            raise TypeError("train_xor(...)[0] must be the params dict, got "
                            f"{type(params).__name__}")
        missing = [k for k in KEYS if k not in params]
        if missing:
            raise KeyError(f"train_xor(...)[0] has no key {missing[0]!r}")
        runs.append({"Y": forward_here(X_XOR, params),
                     "losses": np.asarray(losses, dtype=np.float64)})
    return runs


def _changed(before, after):
    """Paths of arrays inside `after` that differ from `before` (dicts/lists walked)."""
    if isinstance(before, np.ndarray):
        same = (isinstance(after, np.ndarray) and before.shape == after.shape
                and np.array_equal(before, after, equal_nan=True))
        return [] if same else [""]
    if isinstance(before, dict):
        return [f"[{k!r}]{p}" for k in before for p in _changed(before[k], after.get(k))]
    return []


def mutations(ns, cases):
    """Per case {"func", "args", "cache"}: the arguments (with dict paths) changed in place, or
    {"type": ..., "error": message} when the call raised. "cache": true appends the cache of the
    student's mlp_forward(args[0], args[2]) as the last argument (for mlp_backward)."""
    out = []
    for case in cases:
        args = [_copy(a) for a in case.get("args", ())]
        before = [_copy(a) for a in args]
        try:
            extra = [_forward_pair(ns, args[0], args[2])[1]] if case.get("cache") else []
            ns[case["func"]](*args, *extra)
        except Exception as exc:  # reported per function by the check
            out.append({"type": type(exc).__name__, "error": str(exc)[:300]})
            continue
        out.append([f"{i}{path}" for i, (b, a) in enumerate(zip(before, args))
                    for path in _changed(b, a)])
    return out



def elementwise(ns, calls):
    """Per call {"func", "s"}: {"value": func(s), "input": s} (the input rides along so the
    message can show x at the first wrong index)."""
    return [{"value": ns[c["func"]](np.array(c["s"])), "input": np.array(c["s"])} for c in calls]


def sigmoid_warnings(ns, s):
    """{"value": sigmoid(s), "warnings": [...]}: see probes.perceptron.sigmoid_warnings."""
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", invalid="warn", divide="warn"):
            value = ns["sigmoid"](np.array(s, dtype=np.float64))
    return {"value": value,
            "warnings": [f"{type(w.message).__name__}: {w.message}"[:200] for w in caught]}
