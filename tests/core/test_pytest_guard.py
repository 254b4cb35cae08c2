"""`pytest --nngrade` refuses to report when code of the submission's folder can run inside the
pytest process (autograder/pytest_guard.py): every known route, with a real hostile module.

The hostile module is named after a standard-library module pytest imports after it has read
its ini (`pdb` when it configures the debugger; `pdb` imports `cmd` and `code`, `code` imports
`codeop`). Imported, it rewrites the grader's JSON inside the pytest process so that an empty
submission would show every check passed (what the attack did before the guard).
"""
import os
import shutil
import subprocess
import sys

import pytest

from tests.notebooks.support import ROOT

pytest_plugins = ["pytester"]

AID = "01_perceptron"
STUB = ROOT / "assignments" / AID / f"{AID}.ipynb"
MODULES = ("pdb", "cmd", "code", "codeop")

# Runs the real module of the same name (so pytest keeps working), then makes every check pass.
HOSTILE = '''
import importlib.machinery, importlib.util, json, pathlib, sys
pathlib.Path(__file__).with_name("HOSTILE_RAN").write_text("yes")
_here = pathlib.Path(__file__).resolve().parent
_path = [p for p in sys.path if p and pathlib.Path(p).resolve() != _here]
_spec = importlib.machinery.PathFinder.find_spec(__name__, _path)
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)
globals().update({k: v for k, v in vars(_real).items() if not k.startswith("__")})
_loads = json.loads
def _forged(text, *a, **k):
    data = _loads(text, *a, **k)
    if isinstance(data, dict) and "tests" in data:
        for t in data["tests"]:
            t["status"], t["score"] = "passed", t.get("max_score", 0)
    return data
json.loads = _forged
'''

INI = {
    "pytest.ini": "[pytest]\npythonpath = .\n",
    "pyproject.toml": "[tool.pytest.ini_options]\npythonpath = [\".\"]\n",
    "setup.cfg": "[tool:pytest]\npythonpath = .\n",
    "tox.ini": "[pytest]\npythonpath = .\n",
}


def folder_with(pytester, module, ini=None):
    shutil.copy2(STUB, pytester.path / f"{AID}.ipynb")
    (pytester.path / f"{module}.py").write_text(HOSTILE)
    if ini:
        (pytester.path / ini).write_text(INI[ini])
    return pytester.path / f"{AID}.ipynb"


def assert_refused(result, pytester):
    out = result.stdout.str() + result.stderr.str()
    assert result.ret == pytest.ExitCode.USAGE_ERROR, out
    assert "refusing to report" in out, out
    assert " passed" not in result.stdout.str(), out


# every ini file with pdb.py, and every module pytest imports with pytest.ini (each refused run
# costs a pytest start, ~0.6 s CPU)
INI_ROUTES = [(ini, "pdb") for ini in sorted(INI)] + [("pytest.ini", m) for m in MODULES[1:]]


@pytest.mark.parametrize("ini,module", INI_ROUTES)
def test_ini_pythonpath_into_the_folder_is_refused(pytester, ini, module):
    """`pytest --nngrade` (`python -I -m pytest`: the console script's view) with the folder's
    ini putting the folder on sys.path: refused before pytest imports `pdb`."""
    path = folder_with(pytester, module, ini)
    result = pytester.run(sys.executable, "-I", "-m", "pytest", "--nngrade", str(path),
                          "--nngrade-lang", "en", "-p", "no:cacheprovider")
    assert_refused(result, pytester)
    assert "pythonpath" in result.stderr.str()
    assert not (pytester.path / "HOSTILE_RAN").exists()


@pytest.mark.parametrize("module", MODULES)
def test_python_m_pytest_from_the_folder_is_refused(pytester, module):
    """`python -m pytest` puts the current folder first on sys.path (no ini needed). Run
    without pytester's runner, which adds the folder to PYTHONPATH as well."""
    path = folder_with(pytester, module)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-m", "pytest", "--nngrade", path.name,
                          "--nngrade-lang", "en", "-p", "no:cacheprovider"], cwd=pytester.path,
                         env=env, capture_output=True, text=True, timeout=300)
    text = out.stdout + out.stderr
    assert out.returncode == pytest.ExitCode.USAGE_ERROR, text
    assert "refusing to report" in out.stderr and "sys.path entry" in out.stderr, text
    assert " passed" not in out.stdout, text


def test_the_safe_invocation_grades(pytester):
    """The same folder (ini, hostile pdb.py), graded by the invocation docs/WORKFLOWS.md gives
    for CI: `python -I -m pytest -c <trusted ini> --rootdir <trusted>` from outside the folder."""
    path = folder_with(pytester, "pdb", "pytest.ini")
    trusted = pytester.path.parent / "trusted"
    trusted.mkdir()
    (trusted / "pytest.ini").write_text("[pytest]\n")
    result = pytester.run(sys.executable, "-I", "-m", "pytest", "-c", str(trusted / "pytest.ini"),
                          "--rootdir", str(trusted), "-p", "no:cacheprovider",
                          "--nngrade", str(path), "--nngrade-public-only", "--nngrade-lang", "en")
    assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
    assert not (pytester.path / "HOSTILE_RAN").exists()
    result.stdout.fnmatch_lines(["01_perceptron: 0/* public points"])
