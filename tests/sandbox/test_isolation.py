"""What the child can see, reach and change (root: namespaces + own uid; see docs/SECURITY.md).

Probes here bypass the worker's Python guards on purpose (subprocesses, raw syscalls), so what is
proven is the operating-system layer, not only the in-process defence in depth.
"""
import os
import shutil
import socket
import sys
import time
from pathlib import Path

import pytest

import autograder
import solutions
from tests.sandbox.conftest import LIMITS, call, needs_root, open_sandbox, tasks_of, value

pytestmark = needs_root

REPO = Path(autograder.__file__).resolve().parents[1]
SOLUTION = Path(solutions.__file__).resolve().parent / "perceptron.py"
HIDDEN = REPO / "autograder" / "checks" / "hidden" / "__init__.py"

PROBE_CODE = r'''
import os
import resource
import socket
import subprocess
import sys


def identity():
    with open("/proc/self/status") as fh:
        status = dict(line.split(":", 1) for line in fh)
    return {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(), "pid": os.getpid(),
            "ppid": os.getppid(), "no_new_privs": status["NoNewPrivs"].strip(),
            "cwd": os.getcwd(), "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit())}


def shell(command):
    done = subprocess.run(["sh", "-c", command], capture_output=True, timeout=20)
    return [done.returncode, done.stdout.decode(errors="replace")[:2000],
            done.stderr.decode(errors="replace")[:2000]]


def env():
    return dict(os.environ)


def stdin_read():
    return sys.stdin.read()


def limits():
    names = ["RLIMIT_CPU", "RLIMIT_AS", "RLIMIT_NOFILE", "RLIMIT_FSIZE", "RLIMIT_NPROC",
             "RLIMIT_CORE"]
    return {n: resource.getrlimit(getattr(resource, n))[0] for n in names}


def connect(host, port):
    try:
        with socket.create_connection((host, port), timeout=2):
            return "connected"
    except OSError as exc:
        return type(exc).__name__


def write(path, size):
    try:
        with open(path, "wb") as fh:
            fh.write(b"x" * size)
        return "written"
    except OSError as exc:
        return f"{type(exc).__name__}: {exc.strerror}"
'''


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One sandbox for the read-only questions below (starting one costs about a second)."""
    os.environ["NNGRADE_TEST_SECRET"] = "hunter2"
    try:
        with open_sandbox(PROBE_CODE, tmp_path_factory.mktemp("shared")) as (box, report):
            yield box, report
    finally:
        del os.environ["NNGRADE_TEST_SECRET"]


def test_identity_environment_stdin_and_rlimits(shared):
    """Own uid/gid (no groups, no_new_privs), PID 1 of its own namespace, scrubbed environment,
    closed stdin, the configured rlimits."""
    box, report = shared
    assert report.warnings == [], report.warnings
    who, env, got = value(box, "identity"), value(box, "env"), value(box, "limits")
    started = time.monotonic()
    assert value(box, "stdin_read") == ""
    assert time.monotonic() - started < 5
    assert who["uid"] == box.uid and who["gid"] == box.uid and who["uid"] not in (0, os.getuid())
    assert who["groups"] == [] and who["no_new_privs"] == "1"
    assert who["pid"] == 1 and who["ppid"] == 0  # the grader is not even visible
    assert who["cwd"] == "/tmp"
    assert max(who["pids"]) < 50  # only the sandbox's own processes in its /proc
    assert "NNGRADE_TEST_SECRET" not in env and "hunter2" not in str(env)
    assert env["HOME"] == env["TMPDIR"] == "/tmp"
    assert not {k for k in env if k.startswith(("PYTEST", "VIRTUAL_ENV", "SSH", "GIT"))}
    assert got == {"RLIMIT_CPU": LIMITS.cpu_seconds, "RLIMIT_AS": LIMITS.address_space,
                   "RLIMIT_NOFILE": LIMITS.open_files, "RLIMIT_FSIZE": LIMITS.file_size,
                   "RLIMIT_NPROC": LIMITS.processes, "RLIMIT_CORE": 0}


def test_network_namespace_has_no_route_even_to_the_graders_loopback(shared):
    box, _ = shared
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    try:
        in_python = value(box, "connect", "127.0.0.1", port)
        code, out, err = value(box, "shell", f"{sys.executable} -I -S -c \"import socket; "
                               f"socket.create_connection(('127.0.0.1', {port}), timeout=2)\""
                               f"; cat /proc/net/dev")
    finally:
        server.close()
    assert in_python != "connected"
    assert "Error" in err and "lo:" in out and "eth" not in out  # only a (downed) loopback


def test_grader_files_unreachable_even_without_python_guards(shared):
    """Shell commands skip the worker's import blocker and audit hook: the mounts must hold."""
    box, _ = shared
    secret = SOLUTION.read_bytes()
    commands = [f"cat {SOLUTION}", f"cat {HIDDEN}", f"ls -a {REPO}", f"ls {REPO / '.git'}",
                f"{sys.executable} -c 'import solutions.perceptron'",
                f"{sys.executable} -c 'import autograder.checks.hidden'",
                "cat /proc/*/cmdline | tr '\\0' ' '", f"ls -a {REPO.parent}"]
    results = {c: value(box, "shell", c) for c in commands}
    # the repo's neighbours (other courses, classmates' submissions, shared data) are gone too
    # (.nngrade is the sandbox's own worker folder, seen when the repo sits directly in /tmp),
    # except the interpreter's venv when it sits beside the repo (~/course/venv next to
    # ~/course/repo): the sandbox mounts it back read-only so the child can run at all
    venv = Path(sys.prefix).resolve()
    beside = [venv.relative_to(REPO.parent).parts[0]] \
        if venv.is_relative_to(REPO.parent) and not venv.is_relative_to(REPO) else []
    assert set(results[commands[-1]][1].split()) <= {".", "..", REPO.name, ".nngrade", *beside}
    for command, (code, out, err) in results.items():
        assert secret[:200].decode() not in out, command
        assert "def step" not in out and "CHECKS" not in out, command
    # nndata only — and the interpreter's venv when it lives in the repo (CI's .venv-ci)
    inside = [venv.relative_to(REPO).parts[0]] if venv.is_relative_to(REPO) else []
    assert set(results[f"ls -a {REPO}"][1].split()) <= {".", "..", "data", *inside}
    assert all(results[c][0] != 0 for c in commands[:2] + commands[3:6])
    assert str(box.workdir) not in results[commands[-2]][1]


def test_user_namespace_cannot_unmask_the_grader(shared):
    """A nested user+mount namespace gets all capabilities in it, but the masks are locked."""
    box, _ = shared
    script = (f"unshare -Urm sh -c 'umount -l {REPO} 2>&1; umount -l /root 2>&1; "
              f"cat {SOLUTION} 2>&1; ls {REPO}' 2>&1")
    code, out, err = value(box, "shell", script)
    assert "def step" not in out
    assert f"{SOLUTION}: No such file" in out  # still masked


def test_file_system_read_only_except_private_tmp_with_quota(shared):
    box, _ = shared
    targets = {f"{REPO}/PWNED.txt": False, "/PWNED.txt": False, "/etc/PWNED": False,
               "/tmp/.nngrade/worker.py": False, "/dev/shm/ok.txt": True, "/tmp/ok.txt": True,
               "/var/tmp/PWNED.txt": False, f"{box.workdir}/PWNED.txt": False}
    got = {path: value(box, "write", path, 10) for path in targets}
    shell = value(box, "shell", f"touch {REPO}/PWNED2 /usr/PWNED2 /tmp/.nngrade/x 2>&1")
    for path, allowed in targets.items():
        assert (got[path] == "written") == allowed, (path, got[path])
    assert shell[0] != 0 and "Read-only" in shell[1]
    assert not (REPO / "PWNED.txt").exists() and not (REPO / "PWNED2").exists()
    leaked = [p for p in box.workdir.rglob("*") if "ok.txt" in p.name or "PWNED" in p.name]
    assert leaked == []  # /tmp/ok.txt went to the child's private tmpfs, not the workdir
    sizes = [value(box, "write", f"/tmp/big{i}", 6 * 2**20) for i in range(4)]
    assert sizes[0] == "written" and any("No space left" in r for r in sizes), sizes


def test_no_process_survives_close(tmp_path):
    code = PROBE_CODE + r'''
import threading, time


def spawn():
    subprocess.Popen(["setsid", "sleep", "1000"])
    subprocess.Popen(["sh", "-c", "trap '' TERM HUP; while :; do sleep 1; done"],
                     start_new_session=True)
    for _ in range(5):
        if os.fork() == 0:
            os.setsid()
            time.sleep(1000)
    threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()
    return len(os.listdir("/proc"))
'''
    with open_sandbox(code, tmp_path) as (box, _):
        value(box, "spawn")
        uid = box.uid
        assert len(tasks_of(uid)) >= 8
    assert tasks_of(uid) == []  # close() returns only when the namespace is gone


def test_sandboxes_cannot_touch_each_other(tmp_path):
    killer = PROBE_CODE + r'''
import signal


def kill_everything():
    hit, mine = [], {int(t) for t in os.listdir("/proc/self/task")}
    for pid in set(range(2, 40000)) - mine:
        try:
            os.kill(pid, signal.SIGKILL)
            hit.append(pid)
        except OSError:
            pass
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    return hit
'''
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with open_sandbox(PROBE_CODE, tmp_path / "b") as (victim, _):
        before = value(victim, "identity")
        with open_sandbox(killer, tmp_path / "a") as (attacker, _):
            assert value(attacker, "kill_everything") == []
            listing = value(attacker, "shell", f"ls {tmp_path / 'b'} /tmp 2>&1")
        assert value(victim, "identity")["uid"] == before["uid"]
        assert victim.restarts == 0
    assert "No such file" in listing[1]  # the other sandbox's folder does not exist here


def test_captured_output_is_capped_and_never_reported(tmp_path):
    code = PROBE_CODE + r'''
def shout():
    for _ in range(2000):
        print("x" * 10_000)
    try:
        for _ in range(100):
            os.write(1, b"y" * 2**20)
    except OSError as exc:
        return exc.strerror
    return "not limited"
'''
    with open_sandbox(code, tmp_path) as (box, _):
        result = value(box, "shout", timeout=30)
        size = os.path.getsize(tmp_path / "run" / "output.txt")
    assert result == "File too large"  # raw writes stop at RLIMIT_FSIZE; the child survives
    assert size <= LIMITS.file_size + 4096


def test_hostile_error_text_is_cleaned(tmp_path):
    code = '''
class Evil(Exception):
    def __str__(self):
        return "line1\\n== 01_perceptron: 100 / 100\\r\\x1b[2J\\u202e" + "z" * 10_000


def boom():
    raise Evil()
'''
    with open_sandbox(code, tmp_path) as (box, _):
        reply = call(box, "boom")
    assert reply.status == "error"
    message = reply.error["message"]
    assert len(message) <= 2000 and not any(c in message for c in "\n\r\x1b\u202e")


def test_reply_pipe_garbage_and_oversize(tmp_path, monkeypatch):
    from autograder.sandbox import channel
    monkeypatch.setattr(channel, "MAX_LINE_BYTES", 2**20)
    code = '''
import os
import sys


def garbage():
    os.write(int(sys.argv[2]), b"{not json\\n")
    return 1


def huge():
    os.write(int(sys.argv[2]), b"[" + b"1," * 2**21)
    return 1


def fine():
    return 2
'''
    with open_sandbox(code, tmp_path) as (box, _):
        first, second, third = call(box, "garbage"), call(box, "huge"), call(box, "fine")
    assert first.status == "bad_output" and second.status == "bad_output"
    assert third.status == "ok" and third.value == 2


def test_parent_never_follows_links_planted_in_its_folders(tmp_path):
    """Restarts rebuild run/ without following links (relevant where the child shares our uid)."""
    victim = tmp_path.parent / f"{tmp_path.name}-victim.txt"
    victim.write_text("keep")
    code = 'import os\n\ndef die():\n    os._exit(1)\n\ndef ok():\n    return 1\n'
    with open_sandbox(code, tmp_path) as (box, _):
        assert value(box, "ok") == 1
        run = tmp_path / "run"
        (run / "output.txt").unlink()
        (run / "output.txt").symlink_to(victim)
        shutil.rmtree(run / "probes")
        (run / "probes").symlink_to(victim.parent, target_is_directory=True)
        assert call(box, "die").status == "crashed"
        assert value(box, "ok") == 1
        assert not (run / "output.txt").is_symlink() and not (run / "probes").is_symlink()
    assert victim.read_text() == "keep"


def test_readable_file_is_exposed_alone_and_read_only(tmp_path):
    """`readable=` (e.g. the MNIST .npz handed to a probe) brings back that file, not its folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "mnist.npz").write_bytes(b"digits")
    (folder / "answers.txt").write_text("secret")
    code = PROBE_CODE + r'''
def peek(folder):
    out = {}
    for name in ("mnist.npz", "answers.txt"):
        try:
            with open(os.path.join(folder, name), "rb") as fh:
                out[name] = fh.read().decode()
        except OSError as exc:
            out[name] = type(exc).__name__
    return out
'''
    (tmp_path / "work").mkdir()
    with open_sandbox(code, tmp_path / "work", readable=[folder / "mnist.npz"]) as (box, _):
        seen = value(box, "peek", str(folder))
        written = value(box, "write", str(folder / "mnist.npz"), 3)
    assert seen == {"mnist.npz": "digits", "answers.txt": "FileNotFoundError"}
    assert written != "written" and (folder / "mnist.npz").read_bytes() == b"digits"
