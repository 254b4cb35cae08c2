"""A NumPy shape ValueError from student code gets its explaining sentence (autograder/shape_errors.py)."""
import numpy as np

from autograder.checks import observed
from autograder.probes import common
from autograder.reporters.catalogs import render
from tests.diagnoses.test_catalog import HANGUL, IDENTIFIERS, LATIN_WORD

X, W = np.ones((3, 2)), np.ones((2, 4))


def _outcome(func, args, what):
    raw = common.observe({"f": func}, "f", args)
    return observed.raised_outcome(observed.record(raw, {"args": args}, what), what)


def test_elementwise_instead_of_matmul_names_the_operation_and_the_shapes_passed():
    out = _outcome(lambda X, W: X * W, [X, W], "f(X, W)")
    assert out.key == "call.shape_mismatch_broadcast_inputs"
    assert out.fields["inputs"] == "X (3, 2), W (2, 4)"
    en, ko = render(out.key, out.fields, "en"), render(out.key, out.fields, "ko")
    assert "shape mismatch inside your function" in en and "elementwise" in en
    assert "could not be broadcast" in en  # NumPy's own text stays, after the sentence
    assert not HANGUL.search(en)
    quoted = render(out.key, {**out.fields, "message": "1"}, "ko")
    assert not {w for w in LATIN_WORD.findall(quoted) if w not in IDENTIFIERS}, ko


def test_matmul_without_array_inputs_has_no_inputs_clause():
    out = _outcome(lambda n: np.ones((4, 1)) @ np.ones((4, n)), [3], "g(n)")
    assert out.key == "call.shape_mismatch_matmul" and out.fields["inputs"] == ""
    assert "matrix product" in render(out.key, out.fields, "en")


def test_other_errors_are_unchanged():
    out = _outcome(lambda x: int("a"), [X], "h(x)")
    assert out.key == "call.error"
