"""The generated course files are current and consistent with the solutions and the registry."""
import ast
import re

import nbformat
import pytest

from autograder.assignments import ASSIGNMENT_IDS
from authoring import build, solution_source, stubs
from authoring.markers import (BEGIN_HIDDEN, BEGIN_SOLUTION, CODE_STUB, END_HIDDEN, END_SOLUTION,
                               clear_solutions)
from authoring.template import parse
from tests.notebooks.support import GRADE_CALL, ROOT

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def source_nb(aid):
    return nbformat.read(str(build.notebook_path(aid)), as_version=4)


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_generated_files_are_current(aid):
    """source/<id>/<id>.ipynb and tests/fixtures/stubs/<id>.py equal a fresh build."""
    for path, text in build.outputs(aid).items():
        assert path.exists(), f"{path} missing: run python -m authoring.build"
        assert path.read_text(encoding="utf-8") == text, \
            f"{path.relative_to(ROOT)} is stale: run python -m authoring.build"


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_grade_cells_cover_every_check_once_and_sum_to_100(aid):
    checks = {c.name: c for c in build.registry(aid)}
    cells = build.grade_cells(source_nb(aid))
    names = [check for _, check, _ in cells]
    assert len(names) == len(set(names)), f"a check has two test cells: {names}"
    assert set(names) == set(checks), \
        f"missing: {set(checks) - set(names)}, unknown: {set(names) - set(checks)}"
    for grade_id, check, points in cells:
        assert points == checks[check].points, (grade_id, check)
    assert sum(p for _, _, p in cells) == pytest.approx(100)


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_cell_kinds(aid):
    """Test cells: locked, one grade() call as the last line, hidden ones inside the markers and
    under a grade_id that does not name the check. Solution cells: markers around the bodies."""
    checks = {c.name: c for c in build.registry(aid)}
    module = solution_source.load(aid)
    solution_text = []
    for cell in source_nb(aid).cells:
        meta = cell.metadata.get("nbgrader")
        if not meta:
            assert BEGIN_SOLUTION not in cell.source and BEGIN_HIDDEN not in cell.source
            continue
        if meta["solution"]:
            assert not meta["grade"] and BEGIN_SOLUTION in cell.source
            solution_text.append(cell.source)
            continue
        assert meta["grade"] and meta["locked"] and cell.metadata["editable"] is False
        match = GRADE_CALL.search(cell.source)
        assert match and match.group("aid") == aid
        lines = cell.source.strip().split("\n")
        check = checks[match.group("check")]
        if check.hidden:
            assert lines[-1] == END_HIDDEN and lines[-2] == match.group(0)
            assert BEGIN_HIDDEN in lines
            assert check.name not in meta["grade_id"]
            head = cell.source.split(BEGIN_HIDDEN)[0]
            assert check.name not in head
        else:
            assert BEGIN_HIDDEN not in cell.source and lines[-1] == match.group(0)
            assert meta["grade_id"] == check.name
    # every reference definition is in exactly one solution cell, with its body marked
    joined = "\n\n".join(solution_text)
    for name, marked in module.definitions.items():
        assert joined.count(marked) == 1, name


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_stub_module_is_signatures_docstrings_and_raise(aid):
    text = stubs.stub_source(aid)
    tree = ast.parse(text)
    defs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert defs
    for node in defs:
        body = node.body[1:] if ast.get_docstring(node) else node.body
        if node in tree.body:
            assert ast.get_docstring(node), f"{node.name} lost its docstring"
        assert len(body) == 1 and isinstance(body[0], ast.Raise), node.name
        assert ast.unparse(body[0]) == "raise NotImplementedError()"
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            assert ast.get_docstring(node), f"class {node.name} lost its docstring"
    top = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert top == list(solution_source.load(aid).definitions)


def test_numpy_stubs_import_and_raise(tmp_path):
    ns = {}
    exec(compile(stubs.stub_source("01_perceptron"), "stub", "exec"), ns)
    with pytest.raises(NotImplementedError):
        ns["step"](0.0)


def test_code_stub_matches_nbgrader_config():
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert config.ClearSolutions.code_stub["python"] == CODE_STUB
    assert config.CourseDirectory.release_directory == "assignments"
    assert config.CourseDirectory.source_directory == "source"
    assert config.OverwriteCells.add_missing_cells is True
    assert config.Execute.timeout >= 600


def test_clear_solutions_mirrors_nbgrader():
    """Our stub text equals what nbgrader's ClearSolutions makes of the same cell."""
    from nbformat.v4 import new_code_cell
    from nbgrader.preprocessors import ClearSolutions
    source = solution_source.load("04_optimizers").definitions["Adam"]
    cell = new_code_cell(source)
    cell.metadata["nbgrader"] = build.nbgrader_meta("x", grade=False, solution=True)
    pre = ClearSolutions(code_stub={"python": CODE_STUB})
    pre.preprocess_cell(cell, {"language": "python"}, 0)
    assert cell.source == clear_solutions(source)
    assert BEGIN_SOLUTION not in cell.source and END_SOLUTION not in cell.source


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_korean_text_english_plot_labels(aid):
    """Markdown is Korean; plot labels are English (no Korean font for matplotlib here)."""
    nb = source_nb(aid)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert len(HANGUL.findall(markdown)) > 300
    label_call = re.compile(r"(set_title|set_xlabel|set_ylabel|suptitle|label=|colorbar)")
    for cell in nb.cells:
        if cell.cell_type == "code":
            for line in cell.source.split("\n"):
                if label_call.search(line):
                    assert not HANGUL.search(line), line


def test_template_parser():
    items = parse("# T\n\ntext\n+++\nmore\n```python\nx = 1\n```\n{{solution: a, b}}\n"
                  "```text\n{{not: a directive}}\n+++\n```\n<!-- note -->\n{{tests}}\n")
    kinds = [(i.kind, i.text, i.args) for i in items]
    assert kinds == [
        ("markdown", "# T\n\ntext", []), ("markdown", "more", []), ("code", "x = 1", []),
        ("directive", "solution", ["a", "b"]),
        ("markdown", "```text\n{{not: a directive}}\n+++\n```", []),
        ("directive", "tests", []),
    ]
    with pytest.raises(ValueError):
        parse("```python\nx = 1\n")


def test_solution_marking_keeps_signature_and_docstring():
    src = ('@deco\ndef f(a,\n      b):\n    """Doc."""\n\n    x = a\n    return x\n\n\n'
           'class C:\n    """Doc C."""\n\n    def __init__(self):\n        self.v = 0\n')
    tree = ast.parse(src)
    f = solution_source.mark(src, tree.body[0])
    assert f.split("\n") == ['@deco', 'def f(a,', '      b):', '    """Doc."""',
                             f'    {BEGIN_SOLUTION}', '    x = a', '    return x',
                             f'    {END_SOLUTION}']
    c = solution_source.mark(src, tree.body[1])
    assert clear_solutions(c).split("\n") == [
        'class C:', '    """Doc C."""', '', '    def __init__(self):',
        '        # YOUR CODE HERE', '        raise NotImplementedError()']
