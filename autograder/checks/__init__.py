"""Check registry: public checks ship to students, hidden ones stay with the instructor."""
import dataclasses
import importlib
import importlib.util

from autograder.assignments import module_of
from autograder.checks import weights
from autograder.messages import register


def _load(kind, assignment):
    if kind == "hidden" and not hidden_available():
        return []  # the student distribution has no hidden checks
    module = importlib.import_module(f"autograder.checks.{kind}.{module_of(assignment)}")
    register(getattr(module, "MESSAGES", {}))
    return list(module.CHECKS)


def hidden_available():
    """The hidden checks are installed (instructor side; the student wheel leaves them out)."""
    return importlib.util.find_spec("autograder.checks.hidden") is not None


def declared(assignment):
    """Public then hidden checks as declared: `points` are weights (checks/weights.py)."""
    checks = _load("public", assignment) + _load("hidden", assignment)
    names = [c.name for c in checks]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate check names in {assignment}")
    return checks


def checks_for(assignment, include_hidden=True):
    """The assignment's checks with their points: the weights scaled to a total of 100."""
    checks = declared(assignment)
    if hidden_available():
        points = weights.normalised({c.name: c.points for c in checks})
    else:  # the student wheel: the instructor side stored what it cannot compute here
        points = weights.stored(assignment) or {c.name: c.points for c in checks}
    return [c if points.get(c.name, c.points) == c.points
            else dataclasses.replace(c, points=points[c.name])
            for c in checks if include_hidden or not c.hidden]
