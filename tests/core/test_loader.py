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


def test_contract_names_are_the_checks_needs_and_the_references_public_names():
    """The loader keeps what `Check.needs` names (grade_file passes the union over the checks it
    runs). That union is the reference module's public names, with or without hidden checks, so
    students' `nngrade check` keeps the same code as the instructor's grading."""
    import ast
    from autograder.assignments import ASSIGNMENTS
    from autograder.checks import checks_for
    from tests.fixtures.build import reference_source
    for aid in ASSIGNMENTS:
        tree = ast.parse(reference_source(aid))
        public = {s.name for s in tree.body if isinstance(s, (ast.FunctionDef, ast.ClassDef))
                  and not s.name.startswith("_")}
        assert {n for c in checks_for(aid) for n in c.needs} == public, aid
        assert {n for c in checks_for(aid, include_hidden=False) for n in c.needs} == public, aid


def test_reference_notebooks_keep_the_contract_and_drop_pyplot(tmp_path):
    from autograder.assignments import ASSIGNMENTS
    from autograder.checks import checks_for
    for aid in ASSIGNMENTS:
        needed = {n for c in checks_for(aid) for n in c.needs}
        src = read_source(f"source/{aid}/{aid}.ipynb", needed=needed)
        assert not src.fatal and src.problems == [] and src.elsewhere == {}
        assert set().union(*src.binds) == needed
        pyplot = any("matplotlib" in c for c in src.chunks)
        assert pyplot == (aid == "07_tanh_practice"), aid  # plot_fit needs plt; others do not


def test_missing_names_say_where_they_are(tmp_path):
    """A name defined only in a test cell, a %%-magic cell or a broken cell is reported there."""
    path = tmp_path / "x.ipynb"
    path.write_text(notebook([
        code("def step(s):\n    return s\n", grade=True, solution=False),
        code("%%time\ndef sigmoid(s):\n    return s\n"),
        code("def perceptron(X:\n"),
    ]))
    src = read_source(path, needed={"step", "sigmoid", "perceptron", "poly_features"})
    assert src.elsewhere == {
        "step": ("load.missing_in_test_cell", {"name": "step", "cell": 1}),
        "sigmoid": ("load.missing_in_magic_cell", {"name": "sigmoid", "cell": 2}),
        "perceptron": ("load.missing_syntax", {"name": "perceptron", "cell": 3})}
    from autograder.sandbox.runner import LoadReport
    assert src.why_missing("poly_features", LoadReport()) == (
        "call.missing", {"name": "poly_features"})


def test_why_missing_names_the_statement_and_what_happened_to_it(tmp_path):
    from autograder.sandbox.runner import LoadReport
    path = tmp_path / "m.py"
    path.write_text("import numpy as np\n\n\nstep = make_step()\n\n\ndef sigmoid(s):\n"
                    "    return s\n")
    src = read_source(path, needed={"step", "sigmoid"})
    assert src.cells == [1, 1] and src.lines == [(4, 4), (7, 8)]  # numpy: nothing uses it
    failed = {"cell": 1, "type": "NameError", "message": "name 'make_step' is not defined",
              "frames": ["<cell 1>, line 4, in <module>: step = make_step()"]}
    assert src.why_missing("step", LoadReport(errors=[failed])) == ("load.missing_failed", {
        "name": "step", "cell": 1, "line": 4, "type": "NameError",
        "message": "name 'make_step' is not defined"})
    assert src.load_problems(LoadReport(errors=[failed])) == [("load.cell_error", {
        "cell": 1, "line": 4, "type": "NameError", "message": "name 'make_step' is not defined"})]
    deep = {**failed, "frames": ["<cell 1>, line 8, in sigmoid: return s"] * 8}
    assert src.load_problems(LoadReport(errors=[deep]))[0][0] == "load.error_in_cell"
    assert src.why_missing("sigmoid", LoadReport(skipped={1: "crashed"})) == (
        "load.missing_killed", {"name": "sigmoid", "cell": 1, "line": 7, "status": "crashed"})
    assert src.load_problems(LoadReport(skipped={1: "timeout"})) == [
        ("load.cell_killed", {"cell": 1, "line": 7, "status": "timeout"})]
    assert src.why_missing("sigmoid", LoadReport()) == (
        "load.missing_not_run", {"name": "sigmoid", "cell": 1, "line": 7})
    assert src.why_missing("sigmoid", LoadReport(skipped={-1: "refused"})) == (
        "load.missing_not_loaded", {"name": "sigmoid", "status": "refused"})


def test_new_load_messages_are_each_fully_in_their_language():
    import re
    from autograder.messages import CATALOG
    for key, texts in CATALOG.items():
        if not key.startswith("load."):
            continue
        plain = {lang: re.sub(r"\{[a-z_]+\}|`[^`]*`", "", text) for lang, text in texts.items()}
        assert re.search(r"[가-힣]", plain["ko"]), key
        assert not re.search(r"[가-힣]", plain["en"]), key
        english_words = re.findall(r"[A-Za-z]{4,}", plain["ko"])
        assert set(english_words) <= {"JSON", "cells", "UTF", "output", "SyntaxError", "NNLAB",
                                      "MNIST", "mnist", "Jupyter", "magic"}, (key, english_words)
