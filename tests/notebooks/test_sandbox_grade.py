"""SandboxGrade's reading of test cells: which checks a cell names, and its points.

(The real nbgrader run is tests/notebooks/test_roundtrip.py.)
"""
import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for
from autograder.integrations.nbgrader_autograde import cell_outputs, named_checks
from authoring import build


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_every_check_is_named_by_exactly_one_test_cell_worth_its_points(aid):
    nb = nbformat.read(str(build.notebook_path(aid)), as_version=4)
    points = {c.name: c.points for c in checks_for(aid)}
    named = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            names = named_checks(cell.source, aid)
            assert names, (aid, meta["grade_id"])
            assert sum(points[n] for n in names) == meta["points"], (aid, meta["grade_id"])
            named += names
    assert sorted(named) == sorted(points)


def test_named_checks_reads_only_grade_calls_for_this_assignment():
    source = ('from autograder.kernel_checks import grade\nimport autograder.kernel_checks as nb\n'
              'grade("01_perceptron", "a", "b", ns=globals())\n'
              'nb.grade("01_perceptron", "c", ns=globals())\n'
              'grade("02_backprop", "other", ns=globals())\n'
              'grade("01_perceptron", name_in_a_variable, ns=globals())\n'
              'print("grade")\n')
    assert named_checks(source, "01_perceptron") == ["a", "b", "c"]
    assert named_checks("grade(", "01_perceptron") == []
    assert named_checks("# This cell was missing\n\n" + 'grade("01_perceptron", "x", ns=globals())',
                        "01_perceptron") == ["x"]


def test_cell_outputs_are_what_nbgrader_reads_as_partial_credit():
    from nbformat.v4 import new_code_cell
    from nbgrader.utils import determine_grade
    cell = new_code_cell("", metadata={"nbgrader": {"grade": True, "solution": False,
                                                    "grade_id": "x", "points": 6,
                                                    "locked": True}})
    for points in (0, 2.5, 6):
        cell.outputs = cell_outputs("✘ x: ...\n", points, 1)
        assert determine_grade(cell) == (points, 6)
