"""`pytest --nngrade`: grading happens in a separate `python -I` process, and nothing in the
graded folder (conftest.py, test modules, modules shadowing numpy/autograder) takes part.

Each test runs a real pytest in a subprocess (`pytester.runpytest_subprocess`) from a student's
folder; the plugin in turn runs the real grader (sandbox) in its own subprocess.
"""
import shutil
import sys

import pytest

from autograder.checks import checks_for
from tests.notebooks.support import ROOT

pytest_plugins = ["pytester"]

AID = "01_perceptron"
PUBLIC = len(checks_for(AID, include_hidden=False))
ALL = len(checks_for(AID, include_hidden=True))
PUBLIC_POINTS = sum(c.points for c in checks_for(AID, include_hidden=False))

# Writes a marker when imported, then tries both attacks that worked while the plugin graded
# inside pytest: rewrite the grader, and flip every report to the outcome it wants.
HOSTILE_CONFTEST = """
import pathlib
pathlib.Path("CONFTEST_RAN").write_text("yes")
import pytest
try:
    import autograder.grade as _grade
    _real = _grade.grade_file
    def _fake(*a, **k):
        result = _real(*a, **k)
        for c in result.checks:
            c.score = {flip_score}
        return result
    _grade.grade_file = _fake
except ImportError:
    pass

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    report.outcome = "{flip}"
    report.longrepr = None if "{flip}" == "passed" else "zeroed by a classmate"
"""
def run_pytest(pytester, *args):
    """pytest as students and CI start it: `python -I -m pytest` (no current folder and no
    PYTHONPATH on sys.path, which pytester's own runner adds: `pytest_guard` would refuse)."""
    return pytester.run(sys.executable, "-I", "-m", "pytest", *args, "-p", "no:cacheprovider")


SHADOW = 'import pathlib\npathlib.Path("{marker}").write_text("imported")\nraise SystemExit(3)\n'


def student_folder(pytester, notebook, conftest=None):
    shutil.copy2(notebook, pytester.path / f"{AID}.ipynb")
    if conftest:
        pytester.makeconftest(conftest)
    # a test module that would pass if pytest collected it
    pytester.makepyfile(test_mine="def test_everything():\n    assert True\n")
    return pytester.path / f"{AID}.ipynb"


def outcomes(result):
    counts = result.parseoutcomes()
    return {k: counts.get(k, 0) for k in ("passed", "failed", "error")}


def test_hostile_conftest_cannot_pass_an_empty_submission(pytester):
    path = student_folder(pytester, ROOT / "assignments" / AID / f"{AID}.ipynb",
                          HOSTILE_CONFTEST.format(flip="passed", flip_score="c.max_score"))
    result = run_pytest(pytester, "--nngrade", str(path), "--nngrade-public-only")
    assert outcomes(result) == {"passed": 0, "failed": PUBLIC, "error": 0}, result.stdout.str()
    assert not (pytester.path / "CONFTEST_RAN").exists()
    result.stdout.fnmatch_lines(["*conftest.py files are not loaded*"])


def test_hostile_conftest_cannot_zero_a_classmate(pytester):
    path = student_folder(pytester, ROOT / "source" / AID / f"{AID}.ipynb",
                          HOSTILE_CONFTEST.format(flip="failed", flip_score="0.0"))
    result = run_pytest(pytester, "--nngrade", str(path))
    assert outcomes(result) == {"passed": ALL, "failed": 0, "error": 0}, result.stdout.str()
    assert not (pytester.path / "CONFTEST_RAN").exists()


def test_modules_in_the_students_folder_are_not_imported(pytester):
    """numpy.py / autograder/ in the folder pytest runs from: the grader never sees them."""
    path = student_folder(pytester, ROOT / "source" / AID / f"{AID}.ipynb")
    (pytester.path / "numpy.py").write_text(SHADOW.format(marker="NUMPY_SHADOW"))
    shadow = pytester.path / "grading"
    shadow.mkdir()
    (shadow / "autograder").mkdir()
    (shadow / "autograder" / "__init__.py").write_text(SHADOW.format(marker="GRADER_SHADOW"))
    result = run_pytest(pytester, "--nngrade", str(path), "--nngrade-public-only")
    assert outcomes(result) == {"passed": PUBLIC, "failed": 0, "error": 0}, result.stdout.str()
    assert not (pytester.path / "NUMPY_SHADOW").exists()
    assert not (pytester.path / "GRADER_SHADOW").exists()


def test_failed_check_shows_the_graders_message(pytester):
    path = student_folder(pytester, ROOT / "assignments" / AID / f"{AID}.ipynb")
    result = run_pytest(pytester, "--nngrade", str(path), "--nngrade-public-only",
                                           "--nngrade-lang", "en")
    result.stdout.fnmatch_lines(["*01_perceptron::step_values*", "*0/5: *NotImplementedError*"])
    # readable ids (no leading "::") and the total in the terminal summary
    result.stdout.fnmatch_lines(["FAILED 01_perceptron::step_values - *"])
    result.stdout.fnmatch_lines(["*nngrade: total*", f"01_perceptron: 0/{PUBLIC_POINTS:g} public points"])


def test_nothing_to_grade_is_a_usage_error(pytester):
    result = run_pytest(pytester, "--nngrade", str(pytester.path))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*nngrade grade failed*"])


def test_without_the_option_pytest_is_untouched(pytester):
    pytester.makeconftest("import pytest\n@pytest.fixture\ndef answer():\n    return 42\n")
    pytester.makepyfile(test_it="def test_answer(answer):\n    assert answer == 42\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    assert outcomes(result) == {"passed": 1, "failed": 0, "error": 0}, result.stdout.str()
