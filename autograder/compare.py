"""Pure comparisons of a student value with an expected value.

Order of questions, so the message names the first real difference:
type → shape → dtype kind → finiteness → values (first wrong index, expected vs actual, tolerance).
Every function returns an `Outcome`; none raises on hostile input.
"""
from dataclasses import dataclass, field

import numpy as np

from autograder.sandbox.codec import Unsupported

# float64 numpy on exact formulas agrees to ~1e-15 relative; 1e-10 leaves room for a different
# but valid order of operations (loops vs vectorized, np.tanh vs exp formula).
RTOL = 1e-10
ATOL = 1e-12


@dataclass(frozen=True)
class Outcome:
    fraction: float            # share of the check's points earned, 0..1
    key: str = "passed"
    fields: dict = field(default_factory=dict)

    @property
    def ok(self):
        return self.fraction >= 1.0


PASS = Outcome(1.0)


def fail(key, **fields):
    return Outcome(0.0, key, fields)


def _fmt(x):
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.10g}"
    return repr(x)[:80]


def _type_name(x):
    if isinstance(x, Unsupported):
        return x.what
    t = type(x)
    return "ndarray" if t is np.ndarray else t.__name__


def same_array(actual, expected, what, rtol=RTOL, atol=ATOL, inputs=None):
    """`inputs`: for elementwise functions, the input array, so the message shows x at the index."""
    expected = np.asarray(expected)
    if isinstance(actual, Unsupported):
        return fail("value.unsupported", what=what, type=actual.what)
    if type(actual) is not np.ndarray:
        return fail("value.type", what=what, expected="numpy.ndarray", actual=_type_name(actual))
    if actual.shape != expected.shape:
        return fail("value.shape", what=what, actual=actual.shape, expected=expected.shape)
    if expected.dtype.kind == "f" and actual.dtype.kind not in "f":
        integral = bool(np.all(np.isfinite(expected)) and np.all(expected == np.round(expected)))
        if not (integral and actual.dtype.kind in "biu"):
            return fail("value.dtype", what=what, actual=actual.dtype, expected=expected.dtype)
    if expected.dtype == np.float64 and actual.dtype.kind == "f" and actual.dtype != np.float64:
        return fail("value.dtype", what=what, actual=actual.dtype, expected="float64")
    if expected.dtype.kind == "b" and actual.dtype.kind != "b":
        return fail("value.dtype", what=what, actual=actual.dtype, expected="bool")
    a = actual.astype(np.float64)
    e = expected.astype(np.float64)
    bad_finite = np.isfinite(e) & ~np.isfinite(a)
    if bad_finite.any():
        index = tuple(int(i) for i in np.argwhere(bad_finite)[0])
        return fail("value.not_finite", what=what, index=_index(index),
                    actual=_fmt(a[index]), expected=_fmt(e[index]))
    with np.errstate(all="ignore"):
        close = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        index = tuple(int(i) for i in np.argwhere(~close)[0])
        context = ""
        if inputs is not None and np.shape(inputs) == e.shape:
            context = f" (x = {_fmt(np.asarray(inputs)[index])})"
        elif inputs is not None and _row_inputs(inputs, e):
            context = f" (x = {_fmt_row(np.asarray(inputs)[index[0]])})"
        shown_e, shown_a = _distinct(e[index], a[index])
        fields = dict(what=what, count=int((~close).sum()), total=int(e.size),
                      index=_index(index) + context, expected=shown_e, actual=shown_a,
                      rtol=rtol, atol=atol)
        factor = constant_factor(a, e, rtol, atol)
        if factor is not None:
            fields["notes"] = [["note.constant_factor", {"factor": _fmt(factor)}]]
        return fail("value.mismatch", **fields)
    return PASS


def _distinct(expected, actual):
    """Both numbers as `_fmt` shows them, or with all 17 digits when those would look equal
    (a difference of 1e-9 relative must not read "expected 2.517908811, got 2.517908811")."""
    shown = _fmt(expected), _fmt(actual)
    if shown[0] == shown[1] and float(expected) != float(actual):
        return f"{float(expected):.17g}", f"{float(actual):.17g}"
    return shown


def constant_factor(actual, expected, rtol=RTOL, atol=ATOL):
    """The factor c (not 0, not 1) with actual ≈ c * expected everywhere, or None.

    Generic hint for value mismatches: a value off by a constant factor (a missing 1/m average, a
    doubled derivative, a flipped sign) says so. Needs two different nonzero magnitudes among the
    expected values (else proportionality says nothing), finite values, and the same tolerance per element as the comparison, applied to c * expected.
    """
    a = np.asarray(actual, dtype=np.float64)
    e = np.asarray(expected, dtype=np.float64)
    if a.shape != e.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(e))):
        return None
    nonzero = e != 0
    if len(np.unique(np.abs(e[nonzero]))) < 2:  # one magnitude: any mismatch is "a factor"
        return None
    i = tuple(np.argwhere(nonzero)[np.argmax(np.abs(e[nonzero]))])  # the largest |expected|
    c = float(a[i] / e[i])
    if c == 0.0 or not np.isfinite(c):
        return None
    with np.errstate(all="ignore"):
        fits = np.isclose(a, c * e, rtol=rtol, atol=atol)
        unity = np.isclose(a, e, rtol=rtol, atol=atol)
    if not fits.all() or unity.all():
        return None
    rounded = round(c, 6)
    return rounded if abs(rounded - c) <= 1e-9 * abs(c) else c


def _row_inputs(inputs, e):
    """`inputs` holds one input row per output row (a batch X of shape (m, n) for outputs of
    shape (m,) or (m, k)): the message shows the row of the first wrong element."""
    shape = np.shape(inputs)
    return e.ndim >= 1 and len(shape) == 2 and shape[0] == e.shape[0] and e.ndim <= 2


def _fmt_row(row):
    return "[" + ", ".join(_fmt(float(v)) for v in np.asarray(row, dtype=np.float64)[:8]) + (
        ", …]" if np.size(row) > 8 else "]")


def _index(index):
    return "[" + ", ".join(map(str, index)) + "]" if index else "(scalar)"


def same_number(actual, expected, what, rtol=RTOL, atol=ATOL):
    if isinstance(actual, Unsupported):
        return fail("value.unsupported", what=what, type=actual.what)
    if type(actual) is np.ndarray and actual.shape == ():
        actual = actual.item()
    if isinstance(actual, (bool, np.bool_)) or not isinstance(actual, (int, float, np.integer,
                                                                        np.floating)):
        return fail("value.type", what=what, expected="number", actual=_type_name(actual))
    a, e = float(actual), float(expected)
    if np.isfinite(e) and not np.isfinite(a):
        return fail("value.not_finite", what=what, index="(scalar)", actual=_fmt(a),
                    expected=_fmt(e))
    if not np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True):
        return fail("value.mismatch", what=what, count=1, total=1, index="(scalar)",
                    expected=_fmt(e), actual=_fmt(a), rtol=rtol, atol=atol)
    return PASS


def same_bool(actual, expected, what):
    if not isinstance(actual, (bool, np.bool_)):
        return fail("value.type", what=what, expected="bool", actual=_type_name(actual))
    if bool(actual) != bool(expected):
        return fail("value.mismatch", what=what, count=1, total=1, index="(scalar)",
                    expected=bool(expected), actual=bool(actual), rtol=0, atol=0)
    return PASS


def same_int(actual, expected, what):
    if isinstance(actual, (bool, np.bool_)) or not isinstance(actual, (int, np.integer)):
        return fail("value.type", what=what, expected="int", actual=_type_name(actual))
    if int(actual) != int(expected):
        return fail("value.mismatch", what=what, count=1, total=1, index="(scalar)",
                    expected=int(expected), actual=int(actual), rtol=0, atol=0)
    return PASS


def same(actual, expected, what="result", rtol=RTOL, atol=ATOL):
    """Structural comparison driven by the expected value's type."""
    if isinstance(expected, np.ndarray):
        return same_array(actual, expected, what, rtol, atol)
    if isinstance(expected, (bool, np.bool_)):
        return same_bool(actual, expected, what)
    if isinstance(expected, (int, np.integer)) and not isinstance(expected, bool):
        return same_int(actual, expected, what)
    if isinstance(expected, (float, np.floating)):
        return same_number(actual, expected, what, rtol, atol)
    if isinstance(expected, (tuple, list)):
        if isinstance(actual, Unsupported):
            return fail("value.unsupported", what=what, type=actual.what)
        if not isinstance(actual, (tuple, list)):
            return fail("value.type", what=what, expected="tuple", actual=_type_name(actual))
        if len(actual) != len(expected):
            return fail("value.length", what=what, expected=len(expected), actual=len(actual))
        for i, (a, e) in enumerate(zip(actual, expected)):
            outcome = same(a, e, f"{what}[{i}]", rtol, atol)
            if not outcome.ok:
                return outcome
        return PASS
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return fail("value.type", what=what, expected="dict", actual=_type_name(actual))
        if set(actual) != set(expected):
            return fail("value.keys", what=what, actual=sorted(actual), expected=sorted(expected))
        for k in expected:
            outcome = same(actual[k], expected[k], f"{what}[{k!r}]", rtol, atol)
            if not outcome.ok:
                return outcome
        return PASS
    if expected is None:
        return PASS if actual is None else fail("value.type", what=what, expected="None",
                                                actual=_type_name(actual))
    if isinstance(expected, str):
        return PASS if actual == expected else fail(
            "value.mismatch", what=what, count=1, total=1, index="(scalar)",
            expected=expected, actual=_fmt(actual), rtol=0, atol=0)
    raise TypeError(f"cannot compare against expected type {type(expected).__name__}")


def all_of(outcomes, count):
    """Partial credit: the share of sub-outcomes that passed; message of the first failure.

    `count` is how many sub-outcomes the check asked for (known to the parent in advance): fewer
    or more — an empty list included — fail, so a short reply never passes by truncation.
    """
    outcomes = list(outcomes)
    if count < 1 or len(outcomes) != count:
        return fail("probe.malformed", what="", why=f"expected {count} results, "
                                                    f"got {len(outcomes)}")
    failed = [o for o in outcomes if not o.ok]
    if not failed:
        return PASS
    share = sum(o.fraction for o in outcomes) / len(outcomes)
    return Outcome(share, failed[0].key, failed[0].fields)
