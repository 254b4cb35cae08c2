"""Runner behaviour: wall budgets, restarts, degraded modes and what really runs at load time."""
import dataclasses
import logging

import numpy as np
import pytest

import autograder.grade as grade
import solutions
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from autograder.sandbox import isolation, runner
from tests.sandbox import e2e
from tests.sandbox.conftest import LIMITS, ROOT, call, needs_root, open_sandbox, value

SOLUTION = f"{solutions.__path__[0]}/perceptron.py"


def test_submission_wall_budget_stops_everything_after_it(tmp_path):
    limits = dataclasses.replace(LIMITS, submission_seconds=4.0)
    code = "import time\n\ndef slow():\n    time.sleep(1.5)\n    return 1\n"
    with open_sandbox(code, tmp_path, limits=limits) as (box, _):
        replies = [call(box, "slow", timeout=10) for _ in range(4)]
    statuses = [r.status for r in replies]
    assert statuses[0] == "ok" and statuses[-1] == "timeout", statuses
    assert replies[-1].error["budget"] == 4.0
    outcome = grade.outcome_of_reply(replies[-1], e2e.EXTRA_CHECKS[0])
    assert outcome.key == "call.budget" and outcome.fraction == 0


def test_restarts_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(runner.Sandbox, "max_restarts", 2)
    code = "import os\n\ndef die():\n    os._exit(3)\n"
    with open_sandbox(code, tmp_path) as (box, _):
        replies = [call(box, "die") for _ in range(5)]
    assert [r.status for r in replies] == ["crashed"] * 5
    assert replies[-1].error == {"message": "too many restarts"}


# Top-level forms that run code at load, each reachable from the graded name `kept`:
LOAD_FORMS = {
    "class_body": "class C:\n    mark('class_body')\n",
    "decorator": "@(lambda f: mark('decorator') or f)\ndef d():\n    pass\n",
    "default_arg": "def g(x=mark('default_arg')):\n    pass\n",
    "annotation": "def h(x: mark('annotation')):\n    pass\n",
    "call_assign": "X = mark('call_assign')\n",
    "for_loop": "for Y in [0]:\n    mark('for_loop')\n",
    "with_block": "with open('/dev/null') as Z:\n    mark('with_block')\n",
    "mutation": "CACHE = []\nCACHE.append(mark('mutation'))\n",
}
# ... and forms nothing graded refers to, which the loader drops:
UNREACHED_FORMS = {
    "expression": "mark('expression')\n",
    "unused_class": "class U:\n    mark('unused_class')\n",
    "unused_assign": "W = mark('unused_assign')\n",
    "np_call": "V = np.fromfunction(mark_np, (1,))\n",
}


def test_which_statement_forms_execute_at_load(tmp_path):
    """Documents the filter: every top-level form a graded name reaches runs at load (class
    bodies, decorators, defaults, annotations, calls, loops, `with`, mutations) — that is where
    load-time attacks live; what no graded name reaches never runs."""
    prelude = ("import builtins\nimport numpy as np\n\n"
               "def mark(name):\n    builtins.__dict__.setdefault('MARKS', []).append(name)\n"
               "    return 0\n\n\ndef mark_np(i):\n    mark('np_call')\n    return i\n\n\n"
               "def marks():\n    import builtins\n"
               "    return sorted(set(getattr(builtins, 'MARKS', [])))\n\n\n"
               "def kept():\n    return C, d, g, h, X, Y, Z, CACHE\n")
    path = tmp_path / "forms.py"
    path.write_text(prelude + "\n".join([*LOAD_FORMS.values(), *UNREACHED_FORMS.values()]))
    from autograder.loader import read_source
    source = read_source(path, needed={"marks", "kept"})
    with open_sandbox(source.chunks, tmp_path) as (box, _):
        ran = value(box, "marks")
    assert ran == sorted(LOAD_FORMS)


def test_isolation_off_degrades_loudly_and_guards_still_hold(tmp_path, caplog):
    """Without namespaces (isolation="off", or a non-root grader) the worker's guards remain:
    the import blocker, the audit hook on file access and sockets; and the report says so."""
    limits = dataclasses.replace(LIMITS, isolation="off", allow_root=True)
    code = f'''
import socket


def steal():
    out = []
    for attempt in (lambda: __import__("solutions.perceptron"),
                    lambda: __import__("autograder.checks.hidden"),
                    lambda: open("{SOLUTION}").read(),
                    lambda: socket.create_connection(("127.0.0.1", 9), timeout=1)):
        try:
            attempt()
            out.append("ok")
        except BaseException as exc:
            out.append(type(exc).__name__)
    return out
'''
    with caplog.at_level(logging.WARNING, logger="autograder.sandbox"):
        runner._LOGGED.clear()
        with open_sandbox(code, tmp_path, limits=limits) as (box, report):
            got = value(box, "steal")
    assert got == ["ImportError", "ImportError", "PermissionError", "PermissionError"]
    keys = {k for k, _ in report.warnings}
    assert keys == {"sandbox.degraded"}
    assert any("namespaces" in f["what"] for _, f in report.warnings)
    assert any("isolation degraded" in r.getMessage() for r in caplog.records)
    assert grade.load_problems(report, [1])[:len(report.warnings)] == report.warnings


@needs_root
def test_root_without_isolation_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(grade, "NUMPY_LIMITS", dataclasses.replace(LIMITS, isolation="off"))
    path = e2e.build_notebook(None, tmp_path)
    result = grade_file(SubmissionFile(e2e.ASSIGNMENT, path), GradeOptions(seed=1))
    keys = [k for k, _ in result.problems]
    assert "sandbox.refused" in keys and ("load.failed", {"status": "refused"}) in result.problems
    # the grader's condition, not the student's: a grading error, no score (issue 15)
    assert result.error[0] == "grading_error.isolation" and result.score is None
    assert all(c.error == result.error for c in result.checks)


@pytest.mark.skipif(ROOT, reason="checks the non-root plan")
def test_non_root_plan_keeps_room_for_existing_processes():
    plan = isolation.make_plan(LIMITS, "/r", "/h", {}, [], 1)
    assert plan["uid"] is None and plan["rlimits"]["RLIMIT_NPROC"] > LIMITS.processes


def test_plan_hides_grader_and_exposes_only_what_the_child_needs():
    hidden = isolation.hidden_paths()
    exposed = isolation.exposed_paths()
    assert any(h.endswith("/solutions") for h in hidden)
    assert any(h.endswith("/autograder") for h in hidden)
    for path in exposed:
        assert not any(path == h or path.startswith(h + "/") for h in hidden
                       if h.endswith(("/solutions", "/autograder")))
    assert np.__file__.startswith(tuple(exposed))


@needs_root
def test_uid_only_mode_runs_unprivileged_or_refuses_loudly(tmp_path):
    """Namespaces unavailable (e.g. a container without CAP_SYS_ADMIN): the child must still
    drop root; where the interpreter is unreachable for another uid (here: Python under
    /root, mode 0700) the sandbox refuses, with the reason in the report."""
    limits = dataclasses.replace(LIMITS, isolation="uid")
    code = "import os\n\ndef uid():\n    return os.getuid()\n"
    with open_sandbox(code, tmp_path, limits=limits) as (box, report):
        keys = {k for k, _ in report.warnings}
        assert "sandbox.degraded" in keys
        if report.skipped.get(-1) == "refused":
            assert any("cannot reach" in f.get("why", "") for _, f in report.warnings)
            assert "sandbox.refused" in keys
        else:
            assert value(box, "uid") == box.uid != 0


@needs_root
def test_patch_during_the_call_cannot_hide_a_mutation(tmp_path):
    """Mutation is judged in the parent from the post-call copy, so swapping np.array_equal in
    the child during the call changes nothing: step's own no-mutation check scores 0, the other
    functions' ones keep their points (one check, one function)."""
    cheat = '''

_reference_step = step


def step(s):
    out = _reference_step(s)
    if isinstance(s, np.ndarray) and s.size:
        s[...] = 7
        np.array_equal = lambda *args, **kwargs: True
    return out
'''
    path = tmp_path / "01_perceptron.py"
    path.write_text(e2e.reference_source() + cheat)
    result = grade_file(SubmissionFile("01_perceptron", path), GradeOptions(seed=1))
    scores = {c.name: c.score for c in result.checks if c.name.endswith("_no_mutation")}
    assert scores.pop("step_no_mutation") == 0
    assert scores and all(score > 0 for score in scores.values()), scores
