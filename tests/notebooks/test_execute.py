"""Every instructor notebook (solutions in place) runs top to bottom in a real Jupyter kernel
(the venv's python3), without an error output, and every test cell reports full points without
writing to stderr (nbgrader would score such a cell 0). NNLAB_FAST=1: MNIST trains 1 epoch."""
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from authoring import build
from tests.notebooks.support import error_outputs, execute, grade_cells, mnist_env

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_instructor_notebook_runs_and_scores_full(aid):
    nb, seconds = execute(build.notebook_path(aid), env=mnist_env([aid]))
    print(f"{aid}: executed in {seconds:.1f} s")
    assert not error_outputs(nb)
    cells = grade_cells(nb)
    assert cells
    for cell in cells:
        assert cell["error"] is None and cell["stderr"] == "", cell
        assert cell["score"] == pytest.approx(cell["points"]), cell
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                 for o in c.get("outputs", []))
    assert images >= 1, "every notebook draws at least one picture"
