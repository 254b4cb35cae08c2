"""Check registry: public checks ship to students, hidden ones stay with the instructor."""
import importlib
import importlib.util

from autograder.assignments import module_of
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


def checks_for(assignment, include_hidden=True):
    checks = _load("public", assignment)
    if include_hidden:
        checks += _load("hidden", assignment)
    names = [c.name for c in checks]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate check names in {assignment}")
    return checks
