"""Declared weights become points (autograder/checks/weights.py): 100 per assignment, readable."""
import json

import pytest

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for, declared, weights


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_points_are_the_weights_or_scaled_hundredths(aid):
    """Weights summing to 100 (every assignment when this was written) are the points, exactly;
    others are scaled to hundredths summing to exactly 100."""
    weights_ = [c.points for c in declared(aid)]
    points = [c.points for c in checks_for(aid)]
    if sum(weights_) == 100:
        assert points == weights_
    else:
        assert all(round(p * 100) == pytest.approx(p * 100) for p in points), points
        assert sum(round(p * 100) for p in points) == 10000


def test_added_weights_scale_to_100_in_hundredths():
    old = {"a_values": 4, "a_no_mutation": 0.5, "b": 95.5}
    new = weights.normalised(dict(old, softmax_values=5, hidden_softmax=3, cross_entropy=3))
    assert sum(round(p * 100) for p in new.values()) == 10000
    assert all(round(p * 100) == p * 100 for p in new.values()), new  # hundredths: 3.6, 0.45
    assert new["a_values"] == 3.6 and new["a_no_mutation"] == 0.45
    assert weights.normalised(old) == old  # a total of 100 is kept as declared


def test_stored_public_points_are_current():
    """The student wheel reads the points it cannot compute (no hidden checks) from points.json."""
    stored = (json.loads(weights.STORED.read_text(encoding="utf-8"))
              if weights.STORED.exists() else {})
    assert stored == weights.table(ASSIGNMENT_IDS, declared), \
        "run: python -m autograder.expected --write"


def test_the_student_side_reads_the_public_points_it_cannot_compute(monkeypatch, tmp_path):
    """Without hidden checks (the student wheel) the scaled public points come from points.json,
    so `nngrade check` and notebooks show the instructor side's points."""
    import autograder.checks as registry
    aid = "03_activations"
    public = [c for c in declared(aid) if not c.hidden]
    stored = {c.name: round(c.points * 0.9, 2) for c in public}  # as if checks had been added
    path = tmp_path / "points.json"
    path.write_text(json.dumps({aid: stored}), encoding="utf-8")
    monkeypatch.setattr(weights, "STORED", path)
    monkeypatch.setattr(registry, "hidden_available", lambda: False)
    student = checks_for(aid, include_hidden=False)
    assert [c.name for c in student] == [c.name for c in public]
    assert {c.name: c.points for c in student} == stored
