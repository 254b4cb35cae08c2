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
import re

import numpy as np

# One array, either way. It must fit the grader's reply-line cap once base64-encoded
# (channel.MAX_LINE_BYTES = 16 MiB; 11 MiB → 14.7 MiB), so a too-large return value comes back
# as an `__unsupported__` marker, not as a killed child. Largest legitimate array: 1.6 MB (the
# MNIST model's 784x256 kernel as float64).
MAX_ARRAY_BYTES = 11 * 2**20
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
        if value.dtype.kind not in _REAL_KINDS or value.dtype.fields is not None:
            return {"__unsupported__": f"ndarray of dtype {value.dtype}"}
        if value.nbytes > MAX_ARRAY_BYTES:
            return {"__unsupported__": f"ndarray of {value.nbytes} bytes (too large)"}
        if readable:
            return {"__array__": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
        return {"__ndarray__": base64.b64encode(_npy_bytes(value)).decode("ascii")}
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


_NPY_MAGIC = b"\x93NUMPY\x01\x00"  # .npy format version 1.0


def _npy_bytes(value):
    """The bytes `np.save` writes for a real-kind array (format 1.0, C order), without its
    per-call overhead (~10x on the small arrays probes return; tests/core/test_codec.py
    compares the bytes with np.save's)."""
    value = np.ascontiguousarray(value).reshape(value.shape)
    shape = value.shape
    header = f"{{'descr': '{value.dtype.str}', 'fortran_order': False, 'shape': {shape!r}, }}"
    header += " " * (21 - len(repr(shape[0]))) if shape else ""  # numpy's growth-axis space
    size = len(header) + 1
    size += 64 - (len(_NPY_MAGIC) + 2 + size) % 64  # header padded to 64-byte alignment
    return (_NPY_MAGIC + size.to_bytes(2, "little") + header.encode("latin1").ljust(size - 1)
            + b"\n" + value.tobytes())


def _type_name(value):
    t = type(value)
    try:
        return f"{t.__module__}.{t.__qualname__}"[:200]
    except Exception:  # a hostile metaclass
        return "unknown type"


_CONTROL = dict.fromkeys([*range(0, 32), 127, *range(0x80, 0xA0), 0x2028, 0x2029,
                          *range(0x202A, 0x202F), *range(0x2066, 0x206A)], " ")


def clean_text(text, limit):
    """Child-supplied text made safe to print: no control, line-break or bidi characters, and no
    lone surrogates (they cannot be encoded as UTF-8 and would crash a report)."""
    text = str(text)[:limit].translate(_CONTROL)
    return text.encode("utf-8", "replace").decode("utf-8")


class Unsupported:
    """Stands in for a value the child could not (or would not) send as plain data."""

    def __init__(self, what):
        self.what = clean_text(what, 200)

    def __repr__(self):
        return f"<unsupported {self.what}>"

    def __eq__(self, other):
        return isinstance(other, Unsupported) and other.what == self.what

    __hash__ = None


MAX_NODES = 2_000_000  # values of any kind in one decoded reply
_SPECIAL_FLOATS = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def _real_dtype(descr):
    """A plain numeric dtype from a child-supplied description, or ValueError."""
    if not isinstance(descr, str) or len(descr) > 10:
        raise ValueError("bad dtype")
    dtype = np.dtype(descr)
    if (dtype.kind not in _REAL_KINDS or dtype.fields is not None or dtype.subdtype is not None
            or dtype.hasobject or dtype.itemsize > 16):
        raise ValueError(f"dtype {descr!r} is not a plain number type")
    return dtype


def _shape(value):
    if (type(value) not in (list, tuple) or len(value) > 32
            or not all(type(n) is int and 0 <= n < 2**40 for n in value)):
        raise ValueError("bad array shape")
    return tuple(value)


def _nbytes(shape, dtype):
    count = math.prod(shape)
    if count * dtype.itemsize > MAX_ARRAY_BYTES:
        raise ValueError("array too large")
    return count


# The header `_npy_bytes` (and np.save) write, read without numpy's literal_eval; any other
# header (another writer, a hostile child) goes through numpy's reader. Either way the values
# are then checked alike (`_npy_array`). The shape is a tuple's repr: (), (3,), (3, 4).
_NPY_HEADER = re.compile(r"\{'descr': '([<>|][a-z]\d{1,2})', 'fortran_order': (False|True), "
                         r"'shape': \((|\d{1,13},|\d{1,13}(?:, \d{1,13}){1,31})\), \} *\n")


def _npy_header(raw):
    """(shape, fortran, dtype, data offset) from a canonical version 1.0 header, else None."""
    if len(raw) < 10 or raw[:8] != _NPY_MAGIC:
        return None
    end = 10 + int.from_bytes(raw[8:10], "little")
    found = _NPY_HEADER.fullmatch(raw[10:end].decode("latin1")) if end <= len(raw) else None
    if found is None:
        return None
    descr, fortran, dims = found.groups()
    return [int(n) for n in dims.split(",") if n], fortran == "True", np.dtype(descr), end


def _load_npy(raw):
    """Read .npy bytes without trusting the header: exact size, plain dtype, no pickle."""
    fast = _npy_header(raw)
    if fast is not None:
        return _npy_array(raw, *fast)
    buf = io.BytesIO(raw)
    version = np.lib.format.read_magic(buf)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(buf, max_header_size=10000)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(buf, max_header_size=10000)
    else:
        raise ValueError("unsupported .npy version")
    return _npy_array(raw, list(shape), fortran, dtype, buf.tell())


def _npy_array(raw, shape, fortran, dtype, offset):
    dtype = _real_dtype(dtype.str)
    shape = _shape(shape)
    count = _nbytes(shape, dtype)
    if len(raw) - offset != count * dtype.itemsize:
        raise ValueError("array data does not match its header")
    arr = np.frombuffer(raw, dtype=dtype, count=count, offset=offset).copy()  # one copy only
    return arr.reshape(shape, order="F" if fortran else "C")


def decode(data, _depth=0, _budget=None):
    """Inverse of `encode`, re-validating everything (the child is not trusted).

    Raises only ValueError. Returns exact built-in types, exact `np.ndarray` (plain numeric
    dtype, size-capped) and `Unsupported` markers; dict markers must match their schema exactly.
    """
    try:
        return _decode(data, _depth, [MAX_NODES] if _budget is None else _budget)
    except ValueError:
        raise
    except (TypeError, KeyError, AttributeError, OverflowError, RecursionError, MemoryError,
            IndexError) as exc:
        raise ValueError(f"malformed value ({type(exc).__name__})") from None


def _decode(data, depth, budget):
    budget[0] -= 1
    if budget[0] < 0:
        raise ValueError("too many values")
    if depth > MAX_DEPTH + 2:
        raise ValueError("nesting too deep")
    t = type(data)
    if data is None or t in (bool, str, int, float):
        if t is int and abs(data) >= 2**63:
            raise ValueError("huge int")
        return data
    if t is list:
        if len(data) > MAX_ITEMS:
            raise ValueError("too many items")
        return [_decode(v, depth + 1, budget) for v in data]
    if t is not dict:
        raise ValueError(f"malformed value of type {t.__name__}")
    keys = set(data)
    if keys == {"__ndarray__"} and type(data["__ndarray__"]) is str:
        if len(data["__ndarray__"]) > (MAX_ARRAY_BYTES + 4096) * 4 // 3 + 8:
            raise ValueError("array too large")
        return _load_npy(base64.b64decode(data["__ndarray__"], validate=True))
    if keys == {"__array__", "dtype", "shape"}:
        dtype, shape = _real_dtype(data["dtype"]), _shape(data["shape"])
        _nbytes(shape, dtype)
        budget[0] -= math.prod(shape)
        if budget[0] < 0:
            raise ValueError("too many values")
        arr = np.array(data["__array__"], dtype=dtype)
        if arr.size != math.prod(shape):
            raise ValueError("array data does not match its shape")
        return arr.reshape(shape)
    if keys == {"__tuple__"} and type(data["__tuple__"]) is list:
        if len(data["__tuple__"]) > MAX_ITEMS:
            raise ValueError("too many items")
        return tuple(_decode(v, depth + 1, budget) for v in data["__tuple__"])
    if keys == {"__dict__"} and type(data["__dict__"]) is dict:
        if len(data["__dict__"]) > MAX_ITEMS:
            raise ValueError("too many items")
        return {str(k): _decode(v, depth + 1, budget) for k, v in data["__dict__"].items()}
    if keys == {"__float__"} and data["__float__"] in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[data["__float__"]]
    if keys == {"__npscalar__", "value"}:
        dtype = _real_dtype(data["__npscalar__"])
        value = _decode(data["value"], depth + 1, budget)
        if type(value) not in (bool, int, float):
            raise ValueError("bad scalar value")
        return dtype.type(value)
    if keys == {"__unsupported__"} and type(data["__unsupported__"]) is str:
        return Unsupported(data["__unsupported__"])
    raise ValueError("malformed value")


def dumps(value):
    return json.dumps(encode(value), separators=(",", ":"), allow_nan=False)


def loads(text):
    return decode(json.loads(text))
