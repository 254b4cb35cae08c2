"""Check registry: public checks ship to students, hidden ones stay with the instructor."""
import importlib

from autograder.assignments import module_of
from autograder.messages import register


def _load(kind, assignment):
    try:
        module = importlib.import_module(f"autograder.checks.{kind}.{module_of(assignment)}")
    except ModuleNotFoundError as exc:
        if kind == "hidden" and exc.name and exc.name.startswith("autograder.checks.hidden"):
            return []  # the student distribution has no hidden checks
        raise
    register(getattr(module, "MESSAGES", {}))
    return list(module.CHECKS)


def hidden_available():
    try:
        importlib.import_module("autograder.checks.hidden")
        return True
    except ModuleNotFoundError:
        return False


def checks_for(assignment, include_hidden=True):
    checks = _load("public", assignment)
    if include_hidden:
        checks += _load("hidden", assignment)
    names = [c.name for c in checks]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate check names in {assignment}")
    return checks
