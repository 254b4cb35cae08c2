"""The student wheel holds no reference code and no hidden checks, and works on its own."""
import ast
import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.assignments import ASSIGNMENTS
from autograder.checks import checks_for
from autograder.distribute import build_wheel
from tests.fixtures.build import make_submission


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return build_wheel(tmp_path_factory.mktemp("dist"))


def solution_body_lines():
    """Distinctive code lines of every reference function body (not signatures/docstrings)."""
    lines = set()
    for mod in ASSIGNMENTS.values():
        # the source, not the module: importing the Keras solutions would start TensorFlow
        source = Path(importlib.util.find_spec(f"solutions.{mod}").origin).read_text("utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body[1:] if ast.get_docstring(node) else node.body
                for stmt in body:
                    for line in ast.get_source_segment(source, stmt).splitlines():
                        line = line.strip()
                        if len(line) >= 30 and not line.startswith(("#", "raise", "return np.asarray")):
                            lines.add(line)
    return lines


def test_wheel_has_no_reference_or_hidden_code(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        texts = {n: zf.read(n).decode("utf-8", "replace") for n in names}
    assert not [n for n in names if n.startswith(("solutions/", "authoring/"))]
    assert not [n for n in names if "checks/hidden" in n]
    assert "autograder/checks/public/perceptron.py" in names
    leaked = {(line, n) for line in solution_body_lines() for n, t in texts.items() if line in t}
    assert not leaked, f"reference code in the student wheel: {sorted(leaked)[:5]}"


def test_wheel_requires_pytest_for_local_tests(wheel):
    with zipfile.ZipFile(wheel) as zf:
        meta = next(zf.read(n).decode() for n in zf.namelist() if n.endswith("/METADATA"))
        entry_points = next(zf.read(n).decode() for n in zf.namelist()
                            if n.endswith("/entry_points.txt"))
    assert "Requires-Dist: pytest>=8" in meta.splitlines()
    assert "nngrade = autograder.pytest_plugin" in entry_points


@pytest.mark.slow
def test_nngrade_check_works_from_the_wheel_alone(wheel, tmp_path):
    venv = tmp_path / "venv"
    fresh = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing of the repo
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=fresh)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--no-deps", str(wheel)], check=True, env=fresh)
    # enough for the numpy assignments: numpy, and pytest (a requirement of the wheel)
    subprocess.run(pip + ["numpy", "pytest>=8"], check=True, env=fresh)
    python = str(venv / "bin" / "python")
    probe = subprocess.run([python, "-c", "import solutions"], capture_output=True, text=True,
                           cwd=tmp_path, env=fresh)
    assert probe.returncode != 0 and "No module named 'solutions'" in probe.stderr

    work = tmp_path / "work"
    work.mkdir()
    make_submission("01_perceptron", None, work)
    out = subprocess.run([str(venv / "bin" / "nngrade"), "check", "01_perceptron", "--lang", "en"],
                         cwd=work, capture_output=True, text=True, timeout=300, env=fresh)
    assert out.returncode == 0, out.stderr
    public = sum(c.points for c in checks_for("01_perceptron", include_hidden=False))
    assert f"01_perceptron: {public:g} / {public:g}" in out.stdout, out.stdout
    assert "[hidden]" not in out.stdout

    # the same public checks as pytest items, from the student's folder (conftests ignored)
    (work / "conftest.py").write_text("raise SystemExit('a conftest must not be imported')\n")
    out = subprocess.run([str(venv / "bin" / "pytest"), "--nngrade", "01_perceptron.py",
                          "-p", "no:cacheprovider"], cwd=work, capture_output=True, text=True,
                         timeout=300, env=fresh)
    public_count = len(checks_for("01_perceptron", include_hidden=False))
    assert out.returncode == 0, out.stdout + out.stderr
    assert f"{public_count} passed" in out.stdout, out.stdout
    # 05 on this NumPy-only install: pytest names the install command, as `nngrade check` does
    # (the grader exits 4 there, a clean sandbox cannot import keras; the walk of issue 18)
    make_submission("05_keras_regression", None, work)
    out = subprocess.run([str(venv / "bin" / "pytest"), "--nngrade", "05_keras_regression.py",
                          "--nngrade-lang", "en", "-p", "no:cacheprovider"], cwd=work,
                         capture_output=True, text=True, timeout=300, env=fresh)
    text = out.stdout + out.stderr
    assert out.returncode != 0 and "needs TensorFlow" in text and "pip install" in text, text
    assert "pip install -e" not in text and "Traceback" not in text, text


def test_the_cli_imports_no_tensorflow():
    """`nngrade --help` and the parser run on the NumPy-only install: no TensorFlow, Keras,
    pandas or matplotlib is imported before an assignment needs it."""
    code = ("import sys\nfrom autograder import cli\ncli.parser()\n"
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('tensorflow', 'keras', 'pandas', 'matplotlib'))\nprint(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_check_without_tensorflow_names_the_install_command(tmp_path):
    """`nngrade check 05_…` on an install without the `keras` extra: a message with the pip
    command, exit 2, no traceback (the extra's modules hidden from the child interpreter)."""
    from autograder.extras import install_command, missing_modules
    hide = ("import importlib.util, sys\n_find = importlib.util.find_spec\n"
            "importlib.util.find_spec = lambda n, *a: None if n.split('.')[0] in "
            "('tensorflow', 'pandas', 'matplotlib') else _find(n, *a)\n"
            "from autograder.cli import main\nsys.exit(main(sys.argv[1:]))")
    out = subprocess.run([sys.executable, "-c", hide, "check", "05_keras_regression", "--dir",
                          str(tmp_path), "--lang", "en"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert "needs TensorFlow" in out.stderr and install_command() in out.stderr
    assert "tensorflow" in install_command() and missing_modules("01_perceptron") == []
