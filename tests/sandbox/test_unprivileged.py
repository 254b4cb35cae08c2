"""The grader as a real non-root user: user namespaces where the kernel allows them, and the
no-namespace fallback forced with NNGRADE_FORCE_ISOLATION=none (docs/SECURITY.md, issue 10 §4).

Every grader here runs as the system user `nnlab-grader` (tests/sandbox/unprivileged.py), on
01_perceptron (numpy only), through `python -m autograder.cli` as an instructor would.
"""
import json
import os
import shutil
import time
from pathlib import Path

import pytest

import solutions
from tests.sandbox import e2e
from tests.sandbox.unprivileged import (PYTHON, as_user, chown_tree, leftover_tasks,
                                        needs_root_tools, user_folder)

pytestmark = needs_root_tools

SOLUTIONS = Path(solutions.__file__).resolve().parent
OUTSIDE = SOLUTIONS.parents[1]  # a folder above the grader's tree: the audit hook allows it
FORCE_NONE = {"NNGRADE_FORCE_ISOLATION": "none"}
CLI = [PYTHON, "-m", "autograder.cli"]

# A load-time escapee (class body): double fork + setsid, then for 12 s it looks for the grader's
# --out in every /proc/<pid>/cmdline and keeps overwriting it (and OUT, which it is told) with a
# forged 100. MARKER proves it ran where it could write at all.
ESCAPEE = '''

class _Escape:
    import os as _os
    import time as _time
    if _os.fork() == 0:
        _os.setsid()
        if _os.fork() == 0:
            _end = _time.time() + 12
            try:
                with open(MARKER, "w") as _fh:
                    _fh.write(str(_os.getpid()))
            except OSError:
                pass
            while _time.time() < _end:
                _targets = {OUT}
                for _pid in _os.listdir("/proc"):
                    try:
                        with open("/proc/" + _pid + "/cmdline", "rb") as _fh:
                            _args = _fh.read().split(b"\\0")
                        _targets.add(_args[_args.index(b"--out") + 1].decode())
                    except (OSError, ValueError, IndexError):
                        pass
                for _target in _targets:
                    try:
                        with open(_target, "w") as _fh:
                            _fh.write('{"forged": 100}')
                    except OSError:
                        pass
                _time.sleep(0.05)
            _os._exit(0)
        _os._exit(0)
    _os.wait()


step.uses = _Escape  # reachable from a graded name: the loader keeps and runs the class body
'''

STEAL = f'''


def attacked(x):
    """Reads the reference through os.open(dir_fd=...): the audit hook sees only the relative
    name, which it resolves against the cwd, not against the directory fd."""
    import os
    try:
        folder = os.open({str(OUTSIDE)!r}, os.O_RDONLY | os.O_DIRECTORY)
        fd = os.open({str(SOLUTIONS.relative_to(OUTSIDE) / "perceptron.py")!r}, os.O_RDONLY,
                     dir_fd=folder)
        return "READ " + os.read(fd, 200).decode(errors="replace")
    except OSError as exc:
        return type(exc).__name__
'''


@pytest.fixture
def folder():
    path = user_folder()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def grade(folder, submission, *extra, env=None):
    out = folder / "results.json"
    done = as_user(CLI + ["grade", str(submission), "--format", "json", "--seed", "1",
                          "--lang", "en", "--out", str(out), *extra], cwd=folder, env=env)
    return done, out


def reference(folder, tail=""):
    path = folder / "01_perceptron.py"
    path.write_text(e2e.reference_source() + tail)
    chown_tree(folder)
    return path


def score(out):
    data = json.loads(out.read_text())
    return data["score"], data


def test_status_is_user_namespaces_and_the_knob_only_lowers_it(folder):
    code = "from autograder.sandbox import isolation; print(isolation.status().level)"
    plain = as_user([PYTHON, "-c", code], cwd=folder)
    forced = as_user([PYTHON, "-c", code], cwd=folder, env=FORCE_NONE)
    raised = as_user([PYTHON, "-c", code], cwd=folder,
                     env={"NNGRADE_FORCE_ISOLATION": "root-namespaces"})
    assert plain.stdout.strip() == "user-namespaces", plain.stderr
    assert forced.stdout.strip() == "none" and raised.stdout.strip() == "none"


def test_reference_scores_100_in_user_namespaces(folder):
    done, out = grade(folder, reference(folder))
    assert done.returncode == 0, done.stderr
    total, data = score(out)
    assert total == 100.0
    assert "sandbox" not in data.get("output", "") and "degraded" not in done.stderr


def test_hidden_grading_without_namespaces_is_refused_unless_unsafe(folder):
    path = reference(folder)
    refused, out = grade(folder, path, env=FORCE_NONE)
    assert refused.returncode == 3 and not out.exists()
    assert "grading refused" in refused.stderr and "--unsafe-no-isolation" in refused.stderr
    korean = as_user(CLI + ["grade", str(path), "--lang", "ko"], cwd=folder, env=FORCE_NONE)
    assert korean.returncode == 3 and "채점 거부" in korean.stderr
    batch = as_user(CLI + ["batch", str(folder), "--out", str(folder / "grades.csv")],
                    cwd=folder, env=FORCE_NONE)
    assert batch.returncode == 3 and not (folder / "grades.csv").exists()
    public = as_user(CLI + ["grade", str(path), "--public-only", "--format", "json"],
                     cwd=folder, env=FORCE_NONE)
    assert public.returncode == 0 and json.loads(public.stdout)["score"] > 0  # public checks
    unsafe, out = grade(folder, path, "--unsafe-no-isolation", env=FORCE_NONE)
    assert unsafe.returncode == 0 and score(out)[0] == 100.0


@pytest.mark.parametrize("mode", ["user-namespaces", "none"])
def test_setsid_escapee_dies_and_never_rewrites_the_output(mode, folder):
    """The grader exits; 3 s later the output is still the grader's and no process is left.
    Without namespaces the escapee does run (MARKER) and does overwrite --out while grading:
    the subreaper kills it before the final, atomic write."""
    out, marker = folder / "results.json", folder / "escapee.pid"
    path = reference(folder, ESCAPEE.replace("OUT", repr(str(out)))
                     .replace("MARKER", repr(str(marker))))
    env = FORCE_NONE if mode == "none" else None
    extra = ["--unsafe-no-isolation"] if mode == "none" else []
    done, out = grade(folder, path, *extra, env=env)
    assert done.returncode == 0, done.stderr
    written = out.read_text()
    time.sleep(3)
    assert out.read_text() == written and "forged" not in written
    assert score(out)[0] == 100.0
    assert leftover_tasks() == {}
    assert marker.exists() == (mode == "none")  # in namespaces it could not even write there


def test_dir_fd_read_of_the_reference_fails_in_user_namespaces(folder):
    path = reference(folder, STEAL)
    driver = ("import json, sys\n"
              "from autograder.grade import grade_file\n"
              "from autograder.loader import SubmissionFile\n"
              "from tests.sandbox.test_unprivileged import probe_attacked\n"
              "print(json.dumps(probe_attacked(sys.argv[1])))\n")
    got = as_user([PYTHON, "-c", driver, str(path)], cwd=folder)
    forced = as_user([PYTHON, "-c", driver, str(path)], cwd=folder, env=FORCE_NONE)
    # masked: the folder is an empty tmpfs (not found) or not reachable at all (permission)
    assert json.loads(got.stdout) in ("FileNotFoundError", "PermissionError"), got.stderr
    # the vector is real where there is no mount namespace: hence the refusal above
    assert json.loads(forced.stdout).startswith("READ"), forced.stderr


def test_user_namespace_sandbox_sees_no_grader_and_writes_nothing(folder):
    """As the test user: the child is PID 1 of its own namespace with the grader's uid, has only
    a downed loopback, cannot read the reference by path even from a shell, cannot write the
    grader's folder, the repo or /etc, cannot open the grader's terminals, and its /tmp is a
    private tmpfs."""
    out = folder / "results.json"
    out.write_text("grader's")
    chown_tree(folder)
    driver = ("import json, sys\n"
              "from tests.sandbox.test_unprivileged import observe\n"
              "print(json.dumps(observe(sys.argv[1])))\n")
    done = as_user([PYTHON, "-c", driver, str(out)], cwd=folder)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["warnings"] == [], seen["warnings"]
    who = seen["identity"]
    assert who["uid"] == os.stat(folder).st_uid and who["pid"] == 1 and who["ppid"] == 0
    assert max(who["pids"]) < 50
    code, text, err = seen["cat"]
    assert code != 0 and "def step" not in text
    assert "lo:" in seen["net"][1] and "eth" not in seen["net"][1]
    assert seen["connect"] != "connected"
    assert seen["write_out"] != "written" and seen["write_repo"] != "written"
    assert seen["write_etc"] != "written" and seen["write_tmp"] == "written"
    assert seen["pts"] == ""
    assert out.read_text() == "grader's"


def observe(out):
    """Driver of the test above (runs as the test user)."""
    import socket
    import tempfile

    from autograder.sandbox import Sandbox
    from tests.sandbox.conftest import LIMITS
    from tests.sandbox.test_isolation import PROBE_CODE

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    with tempfile.TemporaryDirectory(dir=os.path.dirname(out)) as tmp:
        box = Sandbox([PROBE_CODE], tmp, limits=LIMITS)
        try:
            report = box.start()

            def run(func, *args):
                reply = box.probe("common.call", {"func": func, "args": list(args)}, 20)
                return reply.value if reply.status == "ok" else reply.status

            seen = {
                "warnings": [list(w) for w in report.warnings],
                "identity": run("identity"),
                "cat": run("shell", f"cat {SOLUTIONS / 'perceptron.py'}"),
                "net": run("shell", "cat /proc/net/dev"),
                "connect": run("connect", "127.0.0.1", port),
                "write_out": run("write", out, 10),
                "write_repo": run("write", str(SOLUTIONS.parent / "PWNED"), 10),
                "write_etc": run("write", "/etc/PWNED", 10),
                "write_tmp": run("write", "/tmp/ok", 10),
                "pts": run("shell", "ls /dev/pts")[1],
            }
        finally:
            box.close()
            server.close()
    return seen


def probe_attacked(path):
    """As the test user: load PATH in a sandbox and call attacked(0) (driver of the test above)."""
    import tempfile

    from autograder.loader import read_source
    from autograder.sandbox import Sandbox
    from tests.sandbox.conftest import LIMITS

    source = read_source(Path(path))
    with tempfile.TemporaryDirectory(dir=os.path.dirname(path)) as tmp:
        box = Sandbox(source.chunks, tmp, limits=LIMITS)
        try:
            box.start()
            reply = box.probe("common.call", {"func": "attacked", "args": [0]}, 10)
        finally:
            box.close()
    return reply.value if reply.status == "ok" else reply.status


@pytest.mark.slow  # test_attacks' whole batch again as the test user (~100 s): CI runs it
def test_every_attack_fixture_in_one_batch_as_a_normal_user(folder):
    """tests/sandbox/test_attacks.py's batch (every attack fixture next to the reference, two
    workers), run by the test user in user namespaces: the same verdict for every row."""
    driver = ("import json, sys\n"
              "from tests.sandbox.test_unprivileged import attack_batch\n"
              "print(json.dumps(attack_batch(sys.argv[1])))\n")
    done = as_user([PYTHON, "-c", driver, str(folder)], cwd=folder, timeout=900)
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(rows) == {"reference", *e2e.fixtures()}, done.stderr[-2000:]
    broken = {name: row for name, row in rows.items() if row["problems"] or row["error"]}
    assert broken == {}
    assert rows["reference"]["score"] == rows["reference"]["max"] > 0
    assert all(row["attempts"] == 1 for row in rows.values())
    assert leftover_tasks() == {}


def attack_batch(folder):
    """Driver of the test above (runs as the test user)."""
    from autograder import batch

    root = Path(folder) / "submitted"
    for name in [None] + e2e.fixtures():
        e2e.build_notebook(name, root / (name or "reference") / e2e.ASSIGNMENT)
    jobs = batch.discover(root, assignment=e2e.ASSIGNMENT, seed=11)
    outcomes = batch.run_batch(jobs, workers=2, grader="tests.sandbox.e2e:grade_job")
    rows = {}
    for outcome in outcomes:
        name = outcome.job.student
        rows[name] = {"problems": e2e.verdict(None if name == "reference" else name,
                                              outcome.result),
                      "error": outcome.error, "attempts": outcome.attempts,
                      "score": outcome.result.score, "max": outcome.result.max_score}
    return rows
