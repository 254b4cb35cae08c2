"""The real nbgrader round trip: generate → submit → autograde (sqlite gradebook) → feedback →
export, with autograde grading in nngrade's sandbox (nbgrader_config.py: SandboxGrade), and the
gradebook equal to `nngrade batch`'s results on the same submitted/ tree, check by check.

Students (per assignment):
* ``ref``          the instructor notebook (source/, solutions in place) → 100
* ``stub``         the untouched release notebook → 0
* ``partial``      the instructor notebook with its first solution cell reset to the stub and its
                   last test cell deleted (nbgrader puts it back: OverwriteCells.add_missing_cells)
* ``grade_patch``  hostile: the release stub whose first solution cell replaces
                   `autograder.kernel_checks.grade` with a function returning each cell's points (100 in
                   a kernel-executing autograde)
* ``numpy_patch``  hostile: stubs that return arrays, numpy's comparisons patched to always agree
* ``no_traceback`` hostile: breaks `grade` and hides the kernel's tracebacks (a grade cell with
                   neither error nor result gets full credit from nbgrader)
* ``edited_tests`` hostile: the stub with every test cell's code replaced by its points
* ``crash``        the instructor notebook plus a statement that kills the process at load
                   (reported and skipped; the graded functions do not need it: 100)
* ``invalid``      not JSON: nbgrader fails on it alone, logs the reason, grades the rest

Cost: no kernel runs (the sandbox grades each notebook once). Default: the numpy assignments
01-04; NNLAB_ROUNDTRIP=all adds the Keras ones (or a comma-separated list of ids).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from authoring import build
from authoring.markers import clear_solutions
from tests.notebooks.support import copy_course, mnist_env

pytestmark = pytest.mark.slow

DEFAULT = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers")
STUDENTS = ("ref", "stub", "partial", "grade_patch", "numpy_patch", "no_traceback",
            "edited_tests", "crash")
UNREADABLE = "invalid"
BASE_SEED = 4242  # set in the course's config only; `nngrade batch` reads it from there
UNRENDERED = re.compile(r"^[a-z_]+\.[a-z_]+ (\{|$)")  # a message key batch could not render

GRADE_PATCH = """
import autograder.kernel_checks
from autograder.checks import checks_for as _checks_for
autograder.kernel_checks.grade = lambda aid, *names, ns, **kw: sum(
    c.points for c in _checks_for(aid) if c.name in names)
"""
NUMPY_PATCH = """
import numpy as np
np.allclose = lambda *a, **k: True
np.array_equal = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
np.testing.assert_allclose = lambda *a, **k: None
"""
NO_TRACEBACK = """
import autograder.kernel_checks
autograder.kernel_checks.grade = None
from IPython import get_ipython as _get_ipython
if _get_ipython() is not None:
    _get_ipython().showtraceback = lambda *a, **k: None
"""
CRASH = """
def _boom(x=__import__("os")._exit(3)):
    pass
"""


def selected():
    """NNLAB_ROUNDTRIP=all → all seven; =01_perceptron,07_tanh_practice → those; else DEFAULT."""
    choice = os.environ.get("NNLAB_ROUNDTRIP", "")
    if choice == "all":
        return ASSIGNMENT_IDS
    return tuple(a for a in choice.split(",") if a in ASSIGNMENT_IDS) or DEFAULT


def run(course, *args, env, check=True):
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", *args], cwd=course, env=env,
                         capture_output=True, text=True)
    if check:
        assert out.returncode == 0, f"{' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
    return out, time.monotonic() - started


def solution_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution")]


def grading_cells(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")]


def student_notebook(student, source, release):
    """The submitted notebook node of STUDENT (source/release: notebook nodes); extra info."""
    nb = nbformat.from_dict(json.loads(json.dumps(source if student in ("ref", "partial", "crash")
                                                  else release)))
    first = solution_cells(nb)[0]
    info = None
    if student == "partial":
        first.source = clear_solutions(first.source)
        tests = [i for i, c in enumerate(nb.cells) if any(c is t for t in grading_cells(nb))]
        info = nb.cells[tests[-1]].metadata["nbgrader"]["grade_id"]
        del nb.cells[tests[-1]]
    elif student == "grade_patch":
        first.source = GRADE_PATCH + "\n" + first.source
    elif student == "numpy_patch":
        for cell in solution_cells(nb):
            cell.source = cell.source.replace("raise NotImplementedError()",
                                              "return np.zeros(3)")
        first.source = NUMPY_PATCH + "\n" + first.source
    elif student == "no_traceback":
        first.source = NO_TRACEBACK + "\n" + first.source
    elif student == "edited_tests":
        for cell in grading_cells(nb):
            cell.source = f"{cell.metadata['nbgrader']['points']}"
    elif student == "crash":  # hung off the first graded function, so the loader runs it
        cell = next(c for c in solution_cells(nb) if re.search(r"^def \w+", c.source, re.M))
        graded = re.search(r"^def (\w+)", cell.source, re.M).group(1)
        cell.source = cell.source + "\n" + CRASH + f"\n\n{graded}.uses = _boom\n"
    return nb, info


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    times = {}
    ids = selected()
    env = mnist_env(ids)
    course = copy_course(tmp_path_factory.mktemp("course"))
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write(f"\nc.SandboxGrade.base_seed = {BASE_SEED}\n")
    for aid in ids:
        _, times[f"generate_assignment {aid}"] = run(course, "nbgrader", "generate_assignment",
                                                     aid, "--force", "--log-level=WARN", env=env)
    deleted = {}
    for aid in ids:
        source = nbformat.read(str(course / "source" / aid / f"{aid}.ipynb"), as_version=4)
        release = nbformat.read(str(course / "assignments" / aid / f"{aid}.ipynb"), as_version=4)
        for student in STUDENTS + (UNREADABLE,):
            folder = course / "submitted" / student / aid
            folder.mkdir(parents=True)
            target = folder / f"{aid}.ipynb"
            if student == UNREADABLE:
                target.write_text('{"cells": [ not json', encoding="utf-8")
                continue
            nb, info = student_notebook(student, source, release)
            if info:
                deleted[aid] = info
            nbformat.write(nb, str(target))
    logs = {}
    for aid in ids:
        out, times[f"autograde {aid}"] = run(course, "nbgrader", "autograde", aid, "--force",
                                             "--log-level=WARN", env=env, check=False)
        logs[aid] = out
    _, times["generate_feedback"] = run(course, "nbgrader", "generate_feedback", "*", "--force",
                                        "--log-level=WARN", env=env)
    _, times["export"] = run(course, "nbgrader", "export", "--to", str(course / "grades.csv"),
                             "--log-level=WARN", env=env)
    # no --seed: batch reads c.SandboxGrade.base_seed from the course's nbgrader_config.py
    _, times["nngrade batch -j 2"] = run(
        course, "autograder.cli", "batch", str(course), "-j", "2",
        "--out", str(course / "batch" / "grades.csv"), "--results-dir",
        str(course / "batch" / "results"), "--quiet", "--lang", "ko", env=env)
    print("round-trip times (s):", json.dumps({k: round(v, 1) for k, v in times.items()}))
    return {"root": course, "deleted": deleted, "logs": logs}


def grade_id_to_checks(aid):
    """{grade_id: [check, ...]} of the instructor notebook's test cells."""
    from autograder.integrations.nbgrader_autograde import named_checks
    source = nbformat.read(str(build.notebook_path(aid)), as_version=4)
    return {c.metadata.nbgrader["grade_id"]: named_checks(c.source, aid)
            for c in grading_cells(source)}


def gradebook_scores(root, aid, student):
    """({grade_id: score}, total) from nbgrader's sqlite gradebook."""
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(aid, aid, student)
        per_cell = {g.name: float(g.score) for g in notebook.grades}
        total = float(gb.find_submission(aid, student).score)
    return per_cell, total


def batch_tests(root, aid, student):
    data = json.loads((root / "batch" / "results" / student / "results.json").read_text())
    return [t for t in data["tests"] if t["name"].startswith(f"{aid}: ")]


def batch_scores(root, aid, student):
    """({check: score}, total, [loading problem texts]) from `nngrade batch`'s results.json."""
    tests = batch_tests(root, aid, student)
    prefix = f"{aid}: "
    checks = {t["name"][len(prefix):]: float(t["score"]) for t in tests
              if t["name"] != f"{aid}: loading"}
    problems = [t["output"] for t in tests if t["name"] == f"{aid}: loading"]
    return checks, sum(checks.values()), problems


def feedback_lines(root, aid, student):
    """Every ✔/✘/! line SandboxGrade wrote into the autograded notebook's test cells."""
    nb = nbformat.read(str(root / "autograded" / student / aid / f"{aid}.ipynb"), 4)
    return [line for cell in grading_cells(nb) for o in cell.outputs
            if o.output_type == "stream" for line in o.text.splitlines()]


@pytest.mark.parametrize("student", STUDENTS)
def test_gradebook_equals_nngrade_batch(course, student):
    root = course["root"]
    for aid in selected():
        per_cell, total = gradebook_scores(root, aid, student)
        ours, ours_total, problems = batch_scores(root, aid, student)
        cells = grade_id_to_checks(aid)
        assert sorted(n for names in cells.values() for n in names) == sorted(ours), aid
        for grade_id, names in cells.items():
            assert per_cell[grade_id] == pytest.approx(sum(ours[n] for n in names), abs=1e-6), \
                (aid, student, grade_id, problems)
        assert total == pytest.approx(ours_total, abs=1e-6), (aid, student)
        # the same messages: each failed check's line carries batch's message for it, and the
        # load problems come first; batch renders every catalog (no raw key reaches a student)
        lines = feedback_lines(root, aid, student)
        for t in batch_tests(root, aid, student):
            name = t["name"][len(aid) + 2:]
            assert not UNRENDERED.match(t["output"]), (aid, student, t["output"])
            if name == "loading":
                assert f"! {t['output']}" in lines, (aid, student, t["output"])
            elif t["status"] != "passed":
                assert any(line.startswith(f"✘ {name}: ") and line.endswith(f" — {t['output']}")
                           for line in lines), (aid, student, name, t["output"])
        if student == "ref":
            assert total == pytest.approx(100), aid
        elif student in ("stub", "grade_patch", "no_traceback", "edited_tests"):
            assert total == 0, (aid, student, problems)
        elif student == "numpy_patch":  # stubs returning zeros: at most "inputs not modified"
            assert total <= 10, (aid, student, problems)
        elif student == "crash":  # the killed statement is reported; nothing graded needs it
            assert total == pytest.approx(100) and problems, (aid, student, problems)
        else:
            assert 0 < total < 100, (aid, student, problems)


def test_batch_took_the_courses_base_seed_without_being_told(course):
    """The same hidden inputs without copying the seed: every row records the config's seed
    (and the gradebook equals batch check by check, above)."""
    import csv
    from autograder.batch import derive_seed
    with open(course["root"] / "batch" / "grades.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all(r["base_seed"] == str(BASE_SEED) for r in rows)
    assert all(r["seed"] == str(derive_seed(BASE_SEED, r["student"], r["assignment"]))
               for r in rows)


def test_feedback_lines_are_nngrades_messages(course):
    """A grade cell's output: nngrade's ✔/✘ lines and the points as its result."""
    root = course["root"]
    for aid in selected():
        nb = nbformat.read(str(root / "autograded" / "crash" / aid / f"{aid}.ipynb"), 4)
        first = grading_cells(nb)[0]
        text = "".join(o.text for o in first.outputs if o.output_type == "stream")
        results = [o for o in first.outputs if o.output_type == "execute_result"]
        assert len(results) == 1 and "data" in results[0], aid
        assert text.startswith("! "), text  # the load problem (the killed cell) comes first
        for cell in grading_cells(nb):
            assert [o.output_type for o in cell.outputs][-1] == "execute_result", aid


def test_unreadable_notebook_is_reported_and_the_class_is_graded(course):
    root = course["root"]
    for aid, out in course["logs"].items():
        assert out.returncode != 0  # nbgrader reports the failed student ...
        assert f"[nngrade] {UNREADABLE}/{aid}: nbgrader cannot grade the submitted notebook " \
               "(the notebook is not valid JSON" in out.stderr, out.stderr[-3000:]
        for student in STUDENTS:  # ... and grades everyone else
            assert (root / "autograded" / student / aid / f"{aid}.ipynb").exists()
        _, total = gradebook_scores(root, aid, UNREADABLE)
        assert total == 0
        ours, ours_total, problems = batch_scores(root, aid, UNREADABLE)
        assert ours_total == 0 and any("JSON" in p for p in problems), problems


def test_deleted_test_cell_was_restored(course):
    root = course["root"]
    for aid, grade_id in course["deleted"].items():
        nb = nbformat.read(str(root / "autograded" / "partial" / aid / f"{aid}.ipynb"), 4)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        assert grade_id in ids, aid


def test_feedback_and_export(course):
    from autograder.checks import checks_for
    root = course["root"]
    for aid in selected():
        hidden = [c.name for c in checks_for(aid) if c.hidden]
        for student in STUDENTS:
            html = root / "feedback" / student / aid / f"{aid}.html"
            assert html.exists(), html
            text = html.read_text(encoding="utf-8")
            assert "Score" in text or "score" in text
            assert "BEGIN HIDDEN" not in text  # feedback shows test outputs, not hidden test code
            for name in hidden:
                assert not re.search(re.escape(name) + r'(&quot;|"|&#34;), ns=globals', text)
        ref = (root / "feedback" / "ref" / aid / f"{aid}.html").read_text(encoding="utf-8")
        assert "✔" in ref
    rows = (root / "grades.csv").read_text().strip().split("\n")
    assert len(rows) >= 1 + len(selected()) * (len(STUDENTS) + 1)


def test_display_run_shows_outputs_and_changes_no_score(tmp_path):
    """execute_for_display: student outputs appear; the scores are still the sandbox's."""
    aid = "01_perceptron"
    env = mnist_env([aid])
    course = copy_course(tmp_path / "course")
    with open(course / "nbgrader_config.py", "a", encoding="utf-8") as config:
        config.write("\nc.SandboxGrade.execute_for_display = True\n")
    run(course, "nbgrader", "generate_assignment", aid, "--force", "--log-level=WARN", env=env)
    source = nbformat.read(str(course / "source" / aid / f"{aid}.ipynb"), as_version=4)
    release = nbformat.read(str(course / "assignments" / aid / f"{aid}.ipynb"), as_version=4)
    for student in ("ref", "grade_patch"):
        target = course / "submitted" / student / aid / f"{aid}.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(student_notebook(student, source, release)[0], str(target))
    run(course, "nbgrader", "autograde", aid, "--force", "--log-level=WARN", env=env)
    assert gradebook_scores(course, aid, "ref")[1] == pytest.approx(100)
    assert gradebook_scores(course, aid, "grade_patch")[1] == 0
    nb = nbformat.read(str(course / "autograded" / "ref" / aid / f"{aid}.ipynb"), 4)
    shown = [c for c in nb.cells if c.cell_type == "code"
             and not c.metadata.get("nbgrader", {}).get("grade") and c.get("outputs")]
    assert shown, "the display run left no output in any non-grade cell"
