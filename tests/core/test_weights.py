"""Declared weights become points (autograder/checks/weights.py): 100 per assignment, readable."""
import json

import pytest

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for, declared, weights


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_todays_points_are_the_declared_weights(aid):
    """Every assignment's weights sum to 100 today: its points are exactly what is declared."""
    assert [c.points for c in checks_for(aid)] == [c.points for c in declared(aid)]


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
