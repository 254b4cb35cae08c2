"""The real nbgrader round trip: generate → submit → autograde (sqlite gradebook) → feedback,
and the gradebook agrees with nngrade on the same submissions, check by check.

Students (per assignment):
* ``ref``     the instructor notebook (source/, solutions in place) → 100
* ``stub``    the untouched release notebook → 0
* ``partial`` the instructor notebook with its first solution cell reset to the stub and its last
              test cell deleted (nbgrader must put it back: OverwriteCells.add_missing_cells)

Cost: every notebook is executed by nbgrader, experiments included (NNLAB_FAST=1 shortens the
MNIST training). Default: the numpy assignments 01-04 and the smallest Keras one, 07;
NNLAB_ROUNDTRIP=all runs all seven (or a comma-separated list of ids).
"""
import json
import os
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from autograder.grade import grade_path
from autograder.options import GradeOptions
from authoring import build
from authoring.markers import clear_solutions
from tests.notebooks.support import copy_course, kernel_env

pytestmark = pytest.mark.slow

DEFAULT = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers", "07_tanh_practice")
STUDENTS = ("ref", "stub", "partial")


def selected():
    """NNLAB_ROUNDTRIP=all → all seven; =01_perceptron,07_tanh_practice → those; else DEFAULT."""
    choice = os.environ.get("NNLAB_ROUNDTRIP", "")
    if choice == "all":
        return ASSIGNMENT_IDS
    return tuple(a for a in choice.split(",") if a in ASSIGNMENT_IDS) or DEFAULT


def nbgrader(course, *args, env):
    started = time.monotonic()
    out = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--log-level=WARN"],
                         cwd=course, env=env, capture_output=True, text=True)
    assert out.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}"
    return time.monotonic() - started


def partial_notebook(source_path):
    nb = nbformat.read(str(source_path), as_version=4)
    first = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("solution"))
    first.source = clear_solutions(first.source)
    tests = [i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade")]
    deleted = nb.cells[tests[-1]].metadata["nbgrader"]["grade_id"]
    del nb.cells[tests[-1]]
    return nb, deleted


def grade_id_to_check(aid):
    source = nbformat.read(str(build.notebook_path(aid)), as_version=4)
    return {grade_id: check for grade_id, check, _ in build.grade_cells(source)}


@pytest.fixture(scope="module")
def course(tmp_path_factory, mnist_path):
    times = {}
    course = copy_course(tmp_path_factory.mktemp("course"))
    env = kernel_env(NNLAB_MNIST=mnist_path)
    times["generate_assignment"] = nbgrader(course, "generate_assignment", "*", "--force",
                                            env=env)
    deleted = {}
    for aid in selected():
        for student in STUDENTS:
            folder = course / "submitted" / student / aid
            folder.mkdir(parents=True)
            target = folder / f"{aid}.ipynb"
            if student == "ref":
                shutil.copy2(course / "source" / aid / f"{aid}.ipynb", target)
            elif student == "stub":
                shutil.copy2(course / "assignments" / aid / f"{aid}.ipynb", target)
            else:
                nb, deleted[aid] = partial_notebook(course / "source" / aid / f"{aid}.ipynb")
                nbformat.write(nb, str(target))
    for aid in selected():
        times[f"autograde {aid}"] = nbgrader(course, "autograde", aid, "--force", env=env)
    times["generate_feedback"] = nbgrader(course, "generate_feedback", "*", "--force", env=env)
    times["export"] = nbgrader(course, "export", "--to", str(course / "grades.csv"), env=env)
    print("round-trip times (s):", json.dumps({k: round(v, 1) for k, v in times.items()}))
    return {"root": course, "deleted": deleted, "mnist": mnist_path}


def gradebook_scores(root, aid, student):
    """({check: score}, total) from nbgrader's sqlite gradebook."""
    from nbgrader.api import Gradebook
    names = grade_id_to_check(aid)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        notebook = gb.find_submission_notebook(aid, aid, student)
        per_check = {names[g.name]: float(g.score) for g in notebook.grades}
        total = float(gb.find_submission(aid, student).score)
    return per_check, total


@pytest.mark.parametrize("student", STUDENTS)
def test_gradebook_equals_nngrade(course, student):
    root = course["root"]
    results = {r.assignment: r for r in grade_path(
        root / "submitted" / student,
        options=GradeOptions(seed=0, include_hidden=True, mnist_path=course["mnist"]))}
    for aid in selected():
        per_check, total = gradebook_scores(root, aid, student)
        ours = {c.name: c.score for c in results[aid].checks}
        why = {c.name: (c.key, c.fields) for c in results[aid].checks}
        assert per_check.keys() == ours.keys(), aid
        for name in ours:
            assert per_check[name] == pytest.approx(ours[name], abs=1e-6), \
                (aid, student, name, "nngrade:", why[name], results[aid].problems)
        assert total == pytest.approx(results[aid].score, abs=1e-6)
        if student == "ref":
            assert total == pytest.approx(100), aid
        elif student == "stub":
            assert total == 0, aid
        else:
            assert 0 < total < 100, aid


def test_deleted_test_cell_was_restored(course):
    root = course["root"]
    for aid, grade_id in course["deleted"].items():
        nb = nbformat.read(str(root / "autograded" / "partial" / aid / f"{aid}.ipynb"), 4)
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells]
        assert grade_id in ids, aid


def test_feedback_and_export(course):
    root = course["root"]
    for aid in selected():
        for student in STUDENTS:
            html = root / "feedback" / student / aid / f"{aid}.html"
            assert html.exists(), html
            text = html.read_text(encoding="utf-8")
            assert "Score" in text or "score" in text
            assert "BEGIN HIDDEN" not in text  # feedback shows test outputs, not hidden test code
    rows = (root / "grades.csv").read_text().strip().split("\n")
    assert len(rows) >= 1 + len(selected()) * len(STUDENTS)
