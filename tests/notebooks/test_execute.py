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


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_released_stub_runs_to_the_end_strictly(aid):
    """The student's notebook before any code is written (assignments/<id>): every cell runs
    without an error output (a strict `jupyter nbconvert --execute` would not stop), each
    experiment cell says "구현 후 실행하세요" instead of drawing empty axes, and the last cell
    shows the public total 0/…."""
    nb, _ = execute(build.RELEASE / aid / f"{aid}.ipynb", env=mnist_env([aid]))
    assert not error_outputs(nb)
    texts = ["".join(o.get("text", "") for o in c.get("outputs", [])) for c in nb.cells
             if c.cell_type == "code"]
    assert any("구현 후 실행하세요" in t for t in texts)
    assert "공개 테스트 합계: 0/" in texts[-1]
    images = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
                 for o in c.get("outputs", []))
    # 06 draws raw MNIST samples before any student function is needed; nothing else draws
    assert images == (1 if aid == "06_mnist" else 0), "no empty axes on a stub"
