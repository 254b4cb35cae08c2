"""Which mistake-fixture proofs (tests/diagnoses/test_catalog.py, test_optimizers_mistakes.py)
run under --run-slow only."""
import pytest


# entries added to the older modules after the fast suite's budget was set
LATER = {"adam_correction_beta_times_t", "adam_correction_caret", "rmsprop_state_not_stored",
         "adam_state_not_stored"}


def slow_proofs():
    """Entry ids (and families) whose proofs run under --run-slow only (CI): the modules of
    input-dependent pitfalls and other textbooks' forms, and LATER, rarely changed once proven;
    the README's fast pytest keeps the other proofs, and its language test covers every
    message."""
    import importlib
    ids = set(LATER)
    for name in ("perceptron_more", "backprop_more", "activations_more", "optimizers_textbooks",
                 "optimizers_moments"):
        for entry in importlib.import_module(f"autograder.diagnoses.{name}").ENTRIES:
            ids |= {entry.id, "numpy_removed_alias"} if "numpy_removed_alias" in entry.id \
                else {entry.id}
    return ids


def with_slow_marks(params, want_of):
    slow = slow_proofs()
    return [pytest.param(*p, marks=[pytest.mark.slow] if want_of(p) in slow else [])
            for p in params]
