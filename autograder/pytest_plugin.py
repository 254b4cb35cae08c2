"""pytest frontend: ``pytest --nngrade PATH [--nngrade-assignment ID]``.

Registered as a pytest11 plugin. With ``--nngrade`` it grades the submission once and turns every
check into a test item, so any CI that reads pytest/JUnit results sees one pass/fail per check.
Without the option it does nothing.

pytest itself is no place to grade: it imports ``conftest.py`` files and test modules from the
folders it looks at, i.e. from the student's folder. So with ``--nngrade``:

* grading runs in a subprocess, ``python -I`` running `autograder.cli` ``grade --format json``
  from the same installed package as this plugin, in an empty temporary folder: it imports
  nothing from the student's folder (``-I``: no current folder, no ``PYTHONPATH``, no user
  site) and its stdout (the grader's JSON) is the only thing read back;
* conftest files are never loaded (``--noconftest`` is forced before pytest looks for them) and
  nothing is collected from the folders (no test module is imported): the items are made from
  the JSON alone.

* the pytest process itself must not run code of the submission's folder: `pytest_guard`
  refuses to report (exit code 4) when a ``sys.path`` entry, the ini's ``pythonpath`` or a loaded
  module lies there (``pythonpath = .`` plus a ``pdb.py``; ``python -m pytest`` from the folder).

A student-controlled ini can still load code from elsewhere into the pytest process
(``addopts = -p mymodule``) before any plugin can object; that cannot be fenced off from inside
pytest. The score of record comes from ``nngrade``, nbgrader or Gradescope; an instructor who
runs pytest on submissions uses the invocation of docs/WORKFLOWS.md (``python -I -m pytest -c
trusted.ini`` from outside the submissions).
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from autograder import pytest_guard

# The folder holding the `autograder` package this plugin was loaded from: the subprocess
# grades with exactly this package (site-packages when installed, the checkout when editable).
PACKAGE_ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = ("import sys; sys.path.insert(0, sys.argv.pop(1)); "
             "from autograder.cli import main; sys.exit(main(sys.argv[1:]))")
GRADE_TIMEOUT = 4 * 3600  # the grader's own budgets end every submission well before this


def pytest_addoption(parser):
    group = parser.getgroup("nngrade")
    group.addoption("--nngrade", metavar="PATH", help="grade this submission file or folder")
    group.addoption("--nngrade-assignment", metavar="ID", help="assignment id for a single file")
    group.addoption("--nngrade-public-only", action="store_true",
                    help="run only the public checks (what `nngrade check` runs)")
    group.addoption("--nngrade-full", action="store_true", help="full training (as assigned)")
    group.addoption("--nngrade-seed", type=int, default=None)
    group.addoption("--nngrade-lang", choices=("ko", "en"), default="ko",
                    help="language of the messages: ko (default) or en (`nngrade --lang`)")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Before pytest imports any conftest.py: with --nngrade, none is ever imported; and before
    it configures its plugins (which imports `pdb`): refuse when the submission's folder is on
    the import path (`pytest_guard`)."""
    option = getattr(early_config.known_args_namespace, "nngrade", None)
    if option:
        early_config.known_args_namespace.noconftest = True
        pytest_guard.check(early_config, option)


def pytest_configure(config):
    if config.getoption("--nngrade"):
        config.option.noconftest = True


def pytest_report_header(config):
    if config.getoption("--nngrade"):
        return ["nngrade: grading in a separate process; conftest.py files are not loaded and "
                "no test files are collected"]
    return None


def grade_command(config):
    path = Path(config.getoption("--nngrade")).resolve()
    cmd = [sys.executable, "-I", "-c", BOOTSTRAP, str(PACKAGE_ROOT), "grade", str(path),
           "--format", "json", "--lang", config.getoption("--nngrade-lang")]
    if config.getoption("--nngrade-assignment"):
        cmd += ["--assignment", config.getoption("--nngrade-assignment")]
    if config.getoption("--nngrade-seed") is not None:
        cmd += ["--seed", str(config.getoption("--nngrade-seed"))]
    if config.getoption("--nngrade-full"):
        cmd.append("--full")
    # Nothing of autograder is imported in this process (the student's folder is on its path):
    # the installed package's own folder says whether the hidden checks are there.
    hidden_installed = (PACKAGE_ROOT / "autograder" / "checks" / "hidden").is_dir()
    if config.getoption("--nngrade-public-only") or not hidden_installed:
        cmd.append("--public-only")  # the student wheel has no hidden checks: grade needs none
    return cmd


def run_grader(config):
    """The grader's JSON (Gradescope schema) for the submission; UsageError if it did not run."""
    with tempfile.TemporaryDirectory(prefix="nngrade-pytest-") as empty:
        try:
            out = subprocess.run(grade_command(config), cwd=empty, capture_output=True,
                                 stdin=subprocess.DEVNULL, timeout=GRADE_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise pytest.UsageError(f"nngrade: grading took longer than {GRADE_TIMEOUT} s")
    stderr = out.stderr.decode("utf-8", "replace").strip()
    try:
        data = json.loads(out.stdout.decode("utf-8"))
        tests = [t for t in data["tests"] if isinstance(t, dict)]
    except (ValueError, KeyError, TypeError):
        tests = None
    if out.returncode != 0:
        if tests:  # without TensorFlow, 05-07 end as a grading error (exit 4): name the install
            missing_extra(config, totals(tests))
        raise pytest.UsageError(f"nngrade grade failed (exit {out.returncode}): "
                                f"{stderr[-2000:] or 'no message'}")
    if tests is None:
        raise pytest.UsageError("nngrade grade printed no valid JSON: "
                                f"{stderr[-2000:] or out.stdout[:200]!r}")
    return tests


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session):
    """With --nngrade: the items come from the grader's JSON; no folder is collected."""
    config = session.config
    if not config.getoption("--nngrade"):
        return None
    from _pytest.reports import CollectReport
    tests = run_grader(config)
    pytest_guard.check(config, config.getoption("--nngrade"))  # again, before anything is reported
    items = [CheckItem.from_parent(session, name=t["name"].replace(": ", "::", 1),
                                   nodeid=t["name"].replace(": ", "::", 1), result=t)
             for t in tests if not str(t.get("name", "")).endswith(": loading")]
    config.nngrade_problems = [t for t in tests if str(t.get("name", "")).endswith(": loading")]
    config.nngrade_totals = totals(tests)
    missing_extra(config, config.nngrade_totals)
    session.items = items
    session.testscollected = len(items)
    config.hook.pytest_collectreport(report=CollectReport(session.nodeid, "passed", None, items))
    config.hook.pytest_collection_finish(session=session)
    return True


def missing_extra(config, assignments):
    """05-07 graded without TensorFlow installed (the light student install): the checks failed
    for that reason alone; say which command installs it instead of reporting them."""
    from autograder.extras import explain_missing, missing_modules
    lang = config.getoption("--nngrade-lang")
    for aid in assignments:
        missing = missing_modules(aid)
        if missing:
            raise pytest.UsageError(f"nngrade: {explain_missing(aid, missing, lang)}")


def totals(tests):
    """{assignment: [score, max_score]} over the grader's JSON, in its order."""
    out = {}
    for t in tests:
        aid = str(t.get("name", "")).split(": ", 1)[0]
        entry = out.setdefault(aid, [0.0, 0.0])
        for i, key in enumerate(("score", "max_score")):
            value = t.get(key)
            entry[i] += value if isinstance(value, (int, float)) else 0.0
    return out


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    totals_found = getattr(config, "nngrade_totals", None)
    if totals_found:
        public = "--public-only" in grade_command(config)
        kind = {("ko", True): "공개 테스트 점수", ("ko", False): "점",
                ("en", True): "public points", ("en", False): "points"}
        terminalreporter.section("nngrade: total")
        for aid, (score, max_score) in totals_found.items():
            terminalreporter.line(f"{aid}: {score:g}/{max_score:g} "
                                  f"{kind[config.getoption('--nngrade-lang'), public]}")
    problems = getattr(config, "nngrade_problems", None)
    if problems:
        terminalreporter.section("nngrade: loading")
        for t in problems:
            terminalreporter.line(f"{t['name']}: {t.get('output', '')}")


class CheckFailed(AssertionError):
    pass


class CheckItem(pytest.Item):
    """One check of the grader's JSON: passes when the grader says so."""

    def __init__(self, *, result, **kwargs):
        super().__init__(**kwargs)
        self.result = result
        self.user_properties.append(("score", result.get("score")))
        self.user_properties.append(("max_score", result.get("max_score")))

    def runtest(self):
        if self.result.get("status") != "passed":
            raise CheckFailed(f"{self.result.get('score', 0):g}/{self.result.get('max_score', 0):g}"
                              f": {self.result.get('output', '')}")

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, None, self.nodeid
