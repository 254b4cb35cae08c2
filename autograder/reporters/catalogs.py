"""Every message catalog, loaded explicitly before anything is rendered.

Catalog keys live in `autograder.messages.CATALOG` and in the modules that `register` their own
(each checks module's `MESSAGES`). A process that renders results it did not
grade itself — the `nngrade batch` parent writing results.json from its workers' results, a
reporter given results from elsewhere — may never have imported those modules, and would write
the raw key (`perceptron.gate_wrong {'gate': 'AND', ...}`). Reporters therefore render through
`render` here, which loads every catalog once first.
"""
import functools
import importlib.util

from autograder import diagnosis, messages
from autograder.assignments import ASSIGNMENT_IDS


@functools.lru_cache(maxsize=None)
def load_all():
    """Import every module that registers message keys (idempotent) → number of keys known."""
    from autograder import grading_error  # noqa: F401  (registers grading_error.*)
    from autograder.checks import checks_for
    hidden = importlib.util.find_spec("autograder.checks.hidden") is not None  # student build: no
    for aid in ASSIGNMENT_IDS:
        checks_for(aid, include_hidden=hidden)
        diagnosis.catalog(aid)  # the misconceptions' messages (instructor side)
    importlib.import_module("autograder.sandbox.cpu_budget")  # grading_error.overloaded
    importlib.import_module("autograder.isolate")  # note.reference_helper
    return len(messages.CATALOG)


def render(key, fields=None, lang="ko"):
    load_all()
    return messages.render(key, fields, lang)
