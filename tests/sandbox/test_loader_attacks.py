"""Malformed, oversized and edited notebooks: the grader finishes and says why (01_perceptron)."""
import json
import time

import pytest

from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile, read_source
from autograder.loader.notebook import MAX_FILE_BYTES
from tests.sandbox import e2e

FATAL = {
    "bad_json": (b'{"cells": [', "load.bad_json"),
    "not_utf8": (b'{"cells": []}\xff\xfe', "load.not_utf8"),
    "no_cells": (b'{"metadata": {}, "nbformat": 4}', "load.no_cells"),
    "cells_not_a_list": (b'{"cells": {"0": "def step(s): return s"}}', "load.no_cells"),
    "nbformat3_worksheets": (b'{"worksheets": [{"cells": []}], "nbformat": 3}', "load.no_cells"),
    "top_level_list": (b"[1, 2, 3]", "load.no_cells"),
    "deeply_nested": (b"[" * 200_000 + b"]" * 200_000, "load.bad_json"),
    "null_bytes": (b"\x00" * 100, "load.bad_json"),
}


@pytest.mark.parametrize("name", sorted(FATAL))
def test_unreadable_notebooks_fail_every_check_with_the_reason(tmp_path, name):
    content, key = FATAL[name]
    path = tmp_path / "01_perceptron.ipynb"
    path.write_bytes(content)
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    assert result.problems and result.problems[0][0] == key
    assert result.checks and all(c.score == 0 and c.key == key for c in result.checks)


def test_huge_outputs_are_refused_before_parsing(tmp_path):
    path = tmp_path / "01_perceptron.ipynb"
    with open(path, "wb") as fh:
        fh.write(b'{"cells": [{"cell_type": "code", "source": "x = 1", "outputs": [{"text": "')
        fh.truncate(MAX_FILE_BYTES + 10)  # sparse: cheap to write, too big to grade
    started = time.monotonic()
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    assert time.monotonic() - started < 5
    assert result.problems[0][0] == "load.too_big"
    assert all(c.key == "load.too_big" for c in result.checks)


def _nb(cells):
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_odd_cells_are_skipped_not_fatal(tmp_path):
    reference = e2e.reference_source()
    cells = [
        {"cell_type": "code", "source": reference.splitlines(keepends=True), "metadata": {},
         "outputs": [{"output_type": "stream", "text": "x" * 5_000_000}]},  # big but allowed
        {"cell_type": "code", "source": [1, None, {"a": 1}], "metadata": None},
        {"cell_type": "code", "metadata": {"nbgrader": "nonsense"}},
        {"cell_type": "raw", "source": "import os; os._exit(0)"},
        {"cell_type": "markdown", "source": "def step(s):\n    return 0\n"},
        "not a cell",
        None,
        {"cell_type": "code", "source": "def broken(:\n"},
        {"cell_type": "code", "source": "(" * 10_000},
        {"cell_type": "code", "source": "x = 1\0\n"},
    ]
    path = tmp_path / "01_perceptron.ipynb"
    path.write_text(_nb(cells))
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    assert result.score == result.max_score > 0
    assert {k for k, _ in result.problems} == {"load.syntax_error"}


def test_deleted_solution_cells_cost_only_their_checks(tmp_path, monkeypatch):
    """The `attacked` cell deleted: its checks say it is missing, the others pass."""
    e2e.install_into(monkeypatch)
    path = tmp_path / "01_perceptron.ipynb"
    path.write_text(e2e.notebook([e2e.reference_source()]))
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    for check in result.checks:
        if check.name in e2e.EXTRA_NAMES:
            assert check.score == 0 and check.key == "call.missing"
        else:
            assert check.score == check.max_score


def test_edited_test_cells_are_never_run(tmp_path):
    """nbgrader test cells (grade=True, solution=False) are dropped: whatever a student writes
    into them (here: os._exit and a fake grade) never runs."""
    cells = [
        {"cell_type": "code", "source": e2e.reference_source(), "metadata": {}},
        {"cell_type": "code", "source": "import os\nclass X:\n    os._exit(0)\n",
         "metadata": {"nbgrader": {"grade": True, "solution": False, "points": 5,
                                   "grade_id": "test_step"}}},
    ]
    path = tmp_path / "01_perceptron.ipynb"
    path.write_text(_nb(cells))
    assert set(read_source(path).cells) == {1}  # nothing of cell 2
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    assert result.problems == [] and result.score == result.max_score
