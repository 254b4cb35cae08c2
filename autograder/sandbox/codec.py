"""Plain-value codec for crossing the sandbox boundary (stdlib + numpy only).

The sandbox worker is copied alone into the grading directory, so this module must not import
anything from `autograder`. Values are JSON; arrays travel as base64 `.npy` bytes and are read
back with ``allow_pickle=False``. Anything that is not plain data is replaced by an
``{"__unsupported__": type name}`` marker, so a student object never reaches the grader.
"""
import base64
import io
import json
import math

import numpy as np

MAX_ARRAY_BYTES = 256 * 2**20  # one decoded array; MNIST float64 test set is 63 MB
MAX_DEPTH = 20
MAX_ITEMS = 100_000
_REAL_KINDS = "biuf"  # bool, int, unsigned, float; no complex, object, str, void


def encode(value, _depth=0, readable=False):
    """Turn a value into JSON-ready data; see the module docstring.

    `readable=True` writes arrays as nested lists (for files people read, e.g. expected values).
    """
    if _depth > MAX_DEPTH:
        return {"__unsupported__": "nesting too deep"}
    t = type(value)
    if value is None or t in (bool, str):
        return value
    if t is int:
        return value if abs(value) < 2**63 else {"__unsupported__": "huge int"}
    if t is float:
        return value if math.isfinite(value) else {"__float__": repr(value)}
    if isinstance(value, np.generic) and value.dtype.kind in _REAL_KINDS:
        return {"__npscalar__": value.dtype.str, "value": encode(value.item(), readable=readable)}
    if t is np.ndarray:
        if value.dtype.kind not in _REAL_KINDS:
            return {"__unsupported__": f"ndarray of dtype {value.dtype}"}
        if readable:
            return {"__array__": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
        buf = io.BytesIO()
        np.save(buf, np.ascontiguousarray(value), allow_pickle=False)
        return {"__ndarray__": base64.b64encode(buf.getvalue()).decode("ascii")}
    if t in (list, tuple):
        if len(value) > MAX_ITEMS:
            return {"__unsupported__": f"{t.__name__} of {len(value)} items"}
        items = [encode(v, _depth + 1, readable) for v in value]
        return items if t is list else {"__tuple__": items}
    if t is dict:
        if len(value) > MAX_ITEMS or not all(type(k) is str for k in value):
            return {"__unsupported__": "dict with non-string keys or too many items"}
        return {"__dict__": {k: encode(v, _depth + 1, readable) for k, v in value.items()}}
    return {"__unsupported__": _type_name(value)}


def _type_name(value):
    t = type(value)
    try:
        return f"{t.__module__}.{t.__qualname__}"[:200]
    except Exception:  # a hostile metaclass
        return "unknown type"


class Unsupported:
    """Stands in for a value the child could not (or would not) send as plain data."""

    def __init__(self, what):
        self.what = str(what)[:200]

    def __repr__(self):
        return f"<unsupported {self.what}>"

    def __eq__(self, other):
        return isinstance(other, Unsupported) and other.what == self.what

    __hash__ = None


def decode(data, _depth=0):
    """Inverse of `encode`, re-validating everything (the child is not trusted)."""
    if _depth > MAX_DEPTH + 2:
        raise ValueError("nesting too deep")
    t = type(data)
    if data is None or t in (bool, str, int, float):
        return data
    if t is list:
        return [decode(v, _depth + 1) for v in data]
    if t is not dict or len(data) > 3:
        raise ValueError(f"malformed value of type {t.__name__}")
    if "__ndarray__" in data:
        raw = base64.b64decode(data["__ndarray__"], validate=True)
        if len(raw) > MAX_ARRAY_BYTES + 1024:
            raise ValueError("array too large")
        arr = np.load(io.BytesIO(raw), allow_pickle=False)
        if type(arr) is not np.ndarray or arr.dtype.kind not in _REAL_KINDS:
            raise ValueError("bad array payload")
        return arr
    if "__array__" in data and len(data) == 3:
        arr = np.array(data["__array__"], dtype=np.dtype(data["dtype"])).reshape(data["shape"])
        if arr.dtype.kind not in _REAL_KINDS:
            raise ValueError("bad array payload")
        return arr
    if "__tuple__" in data:
        return tuple(decode(v, _depth + 1) for v in data["__tuple__"])
    if "__dict__" in data:
        return {str(k): decode(v, _depth + 1) for k, v in data["__dict__"].items()}
    if "__float__" in data:
        return float(data["__float__"])  # 'nan', 'inf', '-inf'
    if "__npscalar__" in data:
        dtype = np.dtype(data["__npscalar__"])
        if dtype.kind not in _REAL_KINDS:
            raise ValueError("bad scalar dtype")
        return dtype.type(decode(data["value"], _depth + 1))
    if "__unsupported__" in data:
        return Unsupported(data["__unsupported__"])
    raise ValueError("malformed value")


def dumps(value):
    return json.dumps(encode(value), separators=(",", ":"), allow_nan=False)


def loads(text):
    return decode(json.loads(text))
