"""Shared helpers for the integration tests: submissions, notebooks, submitted/ trees."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.fixtures.build import make_submission, reference_source

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
NNGRADE = [sys.executable, "-m", "autograder.cli"]


def notebook_text(*sources):
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
              "source": src} for src in sources]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                                                                  "display_name": "Python 3"}},
                       "nbformat": 4, "nbformat_minor": 5})


def reference_notebook(assignment, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(notebook_text(reference_source(assignment)), encoding="utf-8")
    return path


def put(folder, assignment, kind):
    """Write one submission into FOLDER: 'reference', 'notebook', or a fixture file name here."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "reference":
        return make_submission(assignment, None, folder)
    if kind == "notebook":
        return reference_notebook(assignment, folder / f"{assignment}.ipynb")
    target = folder / f"{assignment}.py"
    shutil.copy(FIXTURES / f"{kind}.py", target)
    return target


def submitted_tree(root, plan, assignment="01_perceptron"):
    """root/submitted/<student>/<assignment>/... from {student: kind}."""
    for student, kind in plan.items():
        put(Path(root) / "submitted" / student / assignment, assignment, kind)
    return Path(root)


def run(cmd, **kw):
    env = dict(os.environ, **kw.pop("env", {}))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)


