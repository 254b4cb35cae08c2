import json

import pytest

from autograder.loader import find_submissions, read_source


def notebook(cells):
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def code(src, **nbgrader):
    meta = {"nbgrader": nbgrader} if nbgrader else {}
    return {"cell_type": "code", "source": src, "metadata": meta, "outputs": []}


def test_notebook_cells_and_test_cells(tmp_path):
    path = tmp_path / "01_perceptron.ipynb"
    path.write_text(notebook([
        {"cell_type": "markdown", "source": "# hi", "metadata": {}},
        code(["def step(s):\n", "    return s\n"], solution=True, grade=False),
        code("grade('01_perceptron', 'x', ns=globals())", grade=True, solution=False, points=5),
        code("def broken(:\n"),
        code("y = 1\nplt.show()"),
    ]))
    src = read_source(path)
    assert not src.fatal
    assert src.cells == [2, 5] and "def step" in src.chunks[0]
    assert [k for k, _ in src.problems] == ["load.syntax_error"]
    assert src.problems[0][1]["cell"] == 4


@pytest.mark.parametrize("content, key", [
    (b"{not json", "load.bad_json"),
    (b"\xff\xfe\x00garbage", "load.not_utf8"),
    (b'{"metadata": {}}', "load.no_cells"),
])
def test_malformed_notebooks_are_reported(tmp_path, content, key):
    path = tmp_path / "x.ipynb"
    path.write_bytes(content)
    src = read_source(path)
    assert src.fatal and src.problems[0][0] == key


def test_find_submissions_layouts(tmp_path):
    (tmp_path / "01_perceptron").mkdir()
    (tmp_path / "01_perceptron" / "01_perceptron.ipynb").write_text("{}")
    (tmp_path / "04_optimizers.py").write_text("")
    found = {s.assignment: s.path for s in find_submissions(tmp_path)}
    assert set(found) == {"01_perceptron", "04_optimizers"}
    assert find_submissions(tmp_path, "02_backprop")[0].path is None
    (tmp_path / "mine.py").write_text("")
    with pytest.raises(ValueError, match="--assignment"):
        find_submissions(tmp_path / "mine.py")
