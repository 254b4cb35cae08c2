"""Which mistake-fixture proofs (tests/diagnoses/test_catalog.py, test_optimizers_mistakes.py)
run under --run-slow only."""
import pytest


def slow_proofs():
    """Entry ids (and families) of the catalog modules whose proofs run under --run-slow only
    (CI): input-dependent pitfalls and other textbooks' forms, rarely changed once proven; the
    README's fast pytest keeps the older modules' proofs and the language test covers these
    messages too."""
    import importlib
    ids = set()
    for name in ("perceptron_more", "backprop_more", "activations_more", "optimizers_textbooks"):
        for entry in importlib.import_module(f"autograder.diagnoses.{name}").ENTRIES:
            ids |= {entry.id, "numpy_removed_alias"} if "numpy_removed_alias" in entry.id \
                else {entry.id}
    return ids


def with_slow_marks(params, want_of):
    slow = slow_proofs()
    return [pytest.param(*p, marks=[pytest.mark.slow] if want_of(p) in slow else [])
            for p in params]
