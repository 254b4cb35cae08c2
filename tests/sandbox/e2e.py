"""End-to-end harness for the attack fixtures (tests/fixtures/attacks/*.py).

Each fixture is a list of notebook cells separated by ``# %%`` with a header::

    # ATTACK: what it tries
    # EXPECT-FAIL: names of the `attacked_*` checks that must score 0 (all others: full points)
    # EXPECT-LOAD: a problem key the report must show (e.g. load.cell_killed), or nothing

`build_notebook` writes ``<id>.ipynb`` = [reference solution of 01_perceptron, a correct
`attacked(x)` = tanh(x), the fixture's cells]. So the real 01_perceptron checks must keep their
points whatever the fixture does, and the test-only checks below (`attacked_*`, prepended so they
run first and any crash/restart happens before the real checks) must score 0 exactly when the
attack targets `attacked`. The checks are name-independent of the perceptron checks a colleague
is still writing: whatever `checks_for("01_perceptron")` returns must score full points.

`grade_job` is importable by `nngrade batch` worker processes (``grader="tests.sandbox.e2e:..."``).
"""
import importlib
import inspect
import json
import re
from pathlib import Path

import numpy as np

from autograder.checks.base import Check
from autograder.checks import observed
from autograder.compare import Outcome, same
from autograder.sandbox.limits import GiB, MiB, Limits

ASSIGNMENT = "01_perceptron"
ATTACKS = Path(__file__).resolve().parents[1] / "fixtures" / "attacks"
X = np.array([-2.0, -0.5, 0.0, 0.25, 3.0])

# Tight limits so bombs and loops cost seconds, not minutes.
E2E_LIMITS = Limits(cpu_seconds=60, address_space=GiB, processes=96, load_seconds=2.0,
                    submission_seconds=90.0, disk_bytes=32 * MiB, file_size=16 * MiB,
                    output_bytes=64 * 1024)


ATTACKED_CASE = {"args": [X]}


def _no_mutation(actual, _expected):
    """Judged here from the child's post-call copy of x (probes.common.observe)."""
    rec = observed.record(actual, ATTACKED_CASE, "attacked(x)")
    if isinstance(rec, Outcome):
        return rec
    if not rec.ok:  # a call that raised proves nothing about mutation
        return observed.raised_outcome(rec, "attacked(x)")
    return observed.no_mutation(rec, ATTACKED_CASE, ["x"], "attacked(x)")


EXTRA_CHECKS = [
    Check("attacked_values", 10, "common.call", what="attacked(x)", needs=("attacked",),
          args={"func": "attacked", "args": [X]}, expected=None, timeout=1.5,
          compare=lambda a, e: same(a, np.tanh(X), "attacked(x)")),
    Check("attacked_no_mutation", 5, "common.observe", what="attacked(x)", needs=("attacked",),
          args={"func": "attacked", **ATTACKED_CASE}, expected=None, timeout=1.5,
          compare=_no_mutation),
]
EXTRA_NAMES = {c.name for c in EXTRA_CHECKS}

BASE_ATTACKED = '''import numpy as np


def attacked(x):
    """tanh, elementwise: the function the attack fixtures subvert."""
    return np.tanh(np.asarray(x, dtype=np.float64))
'''


def fixtures():
    return sorted(p.stem for p in ATTACKS.glob("*.py"))


def expectations(name):
    text = (ATTACKS / f"{name}.py").read_text()
    head = dict(re.findall(r"^# (ATTACK|EXPECT-FAIL|EXPECT-LOAD):[ \t]*(.*)$", text, re.M))
    return {"attack": head["ATTACK"], "fail": set(head.get("EXPECT-FAIL", "").split()),
            "load": head.get("EXPECT-LOAD", "").strip() or None}


def cells(name):
    text = (ATTACKS / f"{name}.py").read_text()
    return [c.strip("\n") + "\n" for c in re.split(r"^# %%.*$", text, flags=re.M)[1:]]


def reference_source():
    return inspect.getsource(importlib.import_module("solutions.perceptron"))


def notebook(sources):
    return json.dumps({"cells": [{"cell_type": "code", "source": s, "metadata": {},
                                  "outputs": [], "execution_count": None} for s in sources],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def build_notebook(name, folder):
    """Write `<folder>/01_perceptron.ipynb`; name None → the reference-like submission."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    sources = [reference_source(), BASE_ATTACKED] + (cells(name) if name else [])
    path = folder / f"{ASSIGNMENT}.ipynb"
    path.write_text(notebook(sources), encoding="utf-8")
    return path


def install():
    """Grade 01_perceptron with the extra checks and the tight limits (this process only)."""
    import autograder.grade as grade
    from autograder.checks import checks_for
    if getattr(grade, "_e2e_installed", False):
        return
    grade.checks_for = lambda aid, include_hidden=True: EXTRA_CHECKS + checks_for(
        aid, include_hidden)
    grade.NUMPY_LIMITS = E2E_LIMITS
    grade._e2e_installed = True


def install_into(monkeypatch):
    """`install` for the pytest process itself, undone after the test."""
    import autograder.grade as grade
    from autograder.checks import checks_for
    monkeypatch.setattr(grade, "checks_for", lambda aid, include_hidden=True: EXTRA_CHECKS
                        + checks_for(aid, include_hidden))
    monkeypatch.setattr(grade, "NUMPY_LIMITS", E2E_LIMITS)


def grade_job(job):
    """`nngrade batch` grader for the attack run (see module docstring)."""
    install()
    from autograder.grade import grade_file
    from autograder.options import GradeOptions
    from autograder.loader import SubmissionFile
    return grade_file(SubmissionFile(job.assignment, Path(job.path)),
                      GradeOptions(seed=job.seed, include_hidden=True))


def verdict(name, result):
    """List of broken expectations for one fixture's AssignmentResult (empty: all good)."""
    expect = expectations(name) if name else {"fail": set(), "load": None}
    problems = []
    keys = [k for k, _ in result.problems]
    if expect["load"] and expect["load"] not in keys:
        problems.append(f"expected load problem {expect['load']}, got {keys}")
    if not expect["load"]:
        unexpected = [k for k in keys if k.startswith("load.") or k.startswith("sandbox.")]
        if unexpected:
            problems.append(f"unexpected load problems {result.problems}")
    names = {c.name for c in result.checks}
    if not EXTRA_NAMES <= names or len(names) <= len(EXTRA_NAMES):
        problems.append(f"missing checks: {sorted(names)}")
    for check in result.checks:
        if check.name in expect["fail"]:
            if check.score != 0 or check.key == "passed":
                problems.append(f"{check.name} should score 0, got {check.score} ({check.key})")
        elif check.score != check.max_score:
            problems.append(f"{check.name} should keep its {check.max_score} points, got "
                            f"{check.score} ({check.key} {check.fields})")
    return problems
