"""The parent's strict reading of raw call records (autograder/checks/observed.py)."""
import numpy as np

from autograder.checks import observed
from autograder.compare import Outcome
from autograder.probes import common

X = np.array([1.0, -2.0])
CASE = {"args": [X], "kwargs": {"alpha": np.array([0.5])}}


def test_a_real_record_reads_back_and_mutation_is_judged_here():
    def scale(x, alpha):
        x *= 2  # mutates its input
        return x * alpha
    raw = common.observe({"f": scale}, "f", CASE["args"], CASE["kwargs"])
    rec = observed.record(raw, CASE, "f(x)")
    assert rec.ok and observed.mutated(rec, CASE, ["x"]) == ["x"]
    assert X.tolist() == [1.0, -2.0]  # the probe worked on copies


def test_exceptions_are_data_and_scalar_only_code_gets_the_vectorize_advice():
    def scalar_only(x, alpha):
        if x > 0:
            return x
        return alpha * x
    rec = observed.record(common.observe({"f": scalar_only}, "f", CASE["args"], CASE["kwargs"]),
                          CASE, "f(x)")
    assert rec.raised["types"][:2] == ["ValueError", "Exception"]
    assert observed.raised_outcome(rec, "f(x)").key == "call.not_vectorized"


def test_hostile_structures_fail_without_raising():
    good = common.observe({"f": lambda x, alpha: x}, "f", CASE["args"], CASE["kwargs"])
    hostile = [None, [], {}, "ok", {**good, "extra": 1}, {**good, "after": []},
               {**good, "kwargs_after": {}}, {**good, "raised": {"types": [], "message": ""}},
               {**good, "raised": {"types": ["ValueError"], "message": 3}}]
    for raw in hostile:
        assert isinstance(observed.record(raw, CASE, "f(x)"), Outcome), raw
    assert isinstance(observed.records([good], [CASE, CASE], "f(x)"), Outcome)  # short
    assert isinstance(observed.records([good] * 3, [CASE, CASE], "f(x)"), Outcome)  # long
    assert isinstance(observed.records([], [CASE], "f(x)"), Outcome)


def test_a_reported_copy_must_equal_what_was_sent_exactly():
    raw = common.observe({"f": lambda x, alpha: x}, "f", CASE["args"], CASE["kwargs"])
    for fake in (X.astype(np.float32), X.reshape(2, 1), [1.0, -2.0], X + 1e-16 * 0 + 1e-12):
        rec = observed.record({**raw, "after": [fake]}, CASE, "f(x)")
        assert observed.mutated(rec, CASE, ["x"]) == ["x"], fake
