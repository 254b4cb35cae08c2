"""Points of an assignment: each check declares a weight; the assignment is worth 100.

`Check.points` is a weight. When an assignment's weights sum to 100 (every assignment today) they
are its points, unchanged. When they do not (an instructor added checks without touching the
others), every weight is scaled by 100 / total and rounded to hundredths by the largest-remainder
rule, so points stay readable (3.6, 0.45 — never 5.3333) and still sum to exactly 100.00.

The student wheel has no hidden checks, so it cannot compute the total: the instructor side
writes the scaled points of public checks to `autograder/expected/points.json` (only for
assignments whose weights do not sum to 100) with `python -m autograder.expected --write`, and
`tests/core/test_registry.py` proves the file current.
"""
import json
from fractions import Fraction
from pathlib import Path

TOTAL = 100
UNITS = 100            # points are multiples of 1 / UNITS
STORED = Path(__file__).resolve().parents[1] / "expected" / "points.json"


def normalised(weights):
    """{name: weight} (declaration order) → {name: points}; weights summing to TOTAL unchanged."""
    total = sum(Fraction(w) for w in weights.values())
    if total <= 0:
        raise ValueError("an assignment's check weights must sum to more than 0")
    if total == TOTAL:
        return dict(weights)
    exact = {name: Fraction(w) * TOTAL * UNITS / total for name, w in weights.items()}
    units = {name: int(q) for name, q in exact.items()}
    left = TOTAL * UNITS - sum(units.values())
    order = sorted(exact, key=lambda n: exact[n] - units[n], reverse=True)  # stable: ties in order
    for name in order[:left]:
        units[name] += 1
    return {name: u / UNITS for name, u in units.items()}


def stored(assignment):
    """{public check name: points} written for the student side, or None (weights are points)."""
    if not STORED.exists():
        return None
    return json.loads(STORED.read_text(encoding="utf-8")).get(assignment)


def table(assignments, checks_of):
    """What points.json holds: public points of the assignments whose weights are not points."""
    out = {}
    for aid in assignments:
        checks = checks_of(aid)
        points = normalised({c.name: c.points for c in checks})
        if any(points[c.name] != c.points for c in checks):
            out[aid] = {c.name: points[c.name] for c in checks if not c.hidden}
    return out
