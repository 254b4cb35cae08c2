"""Checks inside the student's own kernel: what the notebooks' test cells call.

    from autograder.kernel_checks import grade
    grade("01_perceptron", "step_values", ns=globals())

**Advisory only.** This is the student's instant feedback while working (✔/✘, points and the
message under each function). It runs in the student's kernel, next to the student's code, so
that code can change what it prints; no grade of record comes from here. Grades come from the
sandbox: `nngrade grade`/`batch`, Gradescope, and `nbgrader autograde`, whose `SandboxGrade`
preprocessor (autograder/integrations/nbgrader_autograde.py) does not execute these cells at all
but writes their outputs from one sandboxed grading of the notebook. The instructor's test-cell
source (the ``grade(...)`` call) also tells `SandboxGrade` which checks a cell holds.

The cell's result is the points earned, a `notebook_cells.Points`: its text/plain is the bare
number nbgrader's own Execute/validate read as partial credit, its HTML is empty, so Jupyter
shows no "Out[]: 0.0" under the ✔/✘ lines, which already say the score ("5.33/8"). Messages go to stdout;
anything written to stderr while the checks run (TensorFlow logs) is swallowed, so a cell's output
stays readable. `grade_all` is the notebook's last cell: every public check once, then the total
(like Otter's `check_all`).
"""
import os
import secrets

import numpy as np

from autograder.checks import checks_for, hidden_available
from autograder.checks.base import Context
from autograder.grade import run_check, settle
from autograder.options import mnist_from_environment
from autograder.inprocess import InProcessSession, reference_session
from autograder.messages import render
from autograder.notebook_cells import Points, format_points, quiet_stderr


def grade(assignment, *names, ns, lang=None, seed=None):
    """Run the named checks on the names in `ns`; print feedback; return points earned."""
    lang = lang or os.environ.get("NNGRADE_LANG", "ko")
    checks = {c.name: c for c in checks_for(assignment, include_hidden=hidden_available())}
    unknown = [n for n in names if n not in checks]
    if unknown:
        raise KeyError(f"unknown check(s) for {assignment}: {', '.join(unknown)}")
    seed = secrets.randbits(32) if seed is None else seed
    ctx = Context(rng=np.random.default_rng(seed), mode=os.environ.get("NNGRADE_MODE", "quick"),
                  mnist_path=mnist_from_environment())
    session = InProcessSession(ns)

    def reference():  # loaded on first use, then cached
        return reference_session(assignment)

    # a property check pays only next to its function's values (`Check.requires`): run those
    # too (unscored here; their own cells score them) and apply the same cross-check rules
    needed = list(names) + list(dict.fromkeys(
        r for n in names for r in checks[n].requires if r not in names))
    with quiet_stderr():
        ran = [run_check(checks[n], session, ctx, assignment, reference) for n in needed]
    results = settle([checks[n] for n in needed], ran)[:len(names)]
    for r in results:
        if r.error is not None:  # the grader could not measure (e.g. no MNIST file): no score
            why = render("grading_error.label", {"reason": render(r.key, r.fields, lang)}, lang)
            print(f"! {r.name}: -/{r.max_score:g} — {why}")
            continue
        mark = "✔" if r.passed else "✘"
        detail = "" if r.passed and not r.fields.get("notes") else \
            " — " + render("note.only" if r.passed else r.key, r.fields, lang).strip()
        print(f"{mark} {r.name}: {format_points(r.score)}/{format_points(r.max_score)}{detail}")
    return Points(round(sum(r.score for r in results), 4))


def grade_all(assignment, *, ns, lang=None, seed=None):
    """Every public check of `assignment` once, then the total of the public points."""
    lang = lang or os.environ.get("NNGRADE_LANG", "ko")
    public = [c for c in checks_for(assignment, include_hidden=False) if not c.hidden]
    earned = grade(assignment, *(c.name for c in public), ns=ns, lang=lang, seed=seed)
    possible = sum(c.points for c in public)
    if lang == "ko":
        print(f"\n공개 테스트 합계: {format_points(earned)}/{format_points(possible)}점 "
              "(비공개 테스트는 제출 후 채점됩니다)")
    else:
        print(f"\nPublic checks total: {format_points(earned)}/{format_points(possible)} "
              "(hidden checks are graded after submission)")
    return earned
