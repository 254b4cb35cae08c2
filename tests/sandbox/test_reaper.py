"""`reaper.py`: the no-namespace fallback's subreaper sweep and the atomic output writer, on real
processes (the end-to-end proof as a normal user is in test_unprivileged.py). Note: the first
test makes the pytest process a child subreaper for the rest of the session (harmless: orphans
of other tests' subprocesses are re-parented to it instead of init)."""
import os
import signal
import subprocess
import sys
import time

import pytest

from autograder.sandbox import reaper

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

ESCAPE = ("import os, time\n"
          "if os.fork() == 0:\n"
          "    os.setsid()\n"
          "    if os.fork() == 0:\n"
          "        print(os.getpid(), flush=True)\n"
          "        time.sleep(120)\n"
          "    os._exit(0)\n"
          "os.wait()\n")


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_setsid_escapee_is_reparented_to_us_and_killed():
    assert reaper.become_subreaper()
    launcher = subprocess.Popen([sys.executable, "-c", ESCAPE], stdout=subprocess.PIPE,
                                text=True, start_new_session=True)
    escapee = int(launcher.stdout.readline())
    launcher.wait(timeout=10)
    neighbour = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    protected = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                 start_new_session=True)
    reaper.protect(protected.pid)
    try:
        deadline = time.monotonic() + 10
        while reaper._processes().get(escapee, (0,))[0] != os.getpid():
            assert time.monotonic() < deadline, "the escapee was not re-parented to us"
            time.sleep(0.05)
        assert reaper.kill_escapees() >= 1
        assert not alive(escapee)
        # our own helpers in our session, and live sandboxes' launchers, are left alone
        assert neighbour.poll() is None and protected.poll() is None
    finally:
        reaper.release(protected.pid)
        for proc in (neighbour, protected):
            proc.kill()
            proc.wait()


def test_write_output_is_atomic_and_replaces_a_planted_link(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    target = tmp_path / "results.json"
    target.symlink_to(victim)
    reaper.write_output(target, '{"score": 1, "name": "\udcff"}')
    assert not target.is_symlink() and target.read_text() == '{"score": 1, "name": "?"}'
    assert victim.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.json", "victim.txt"]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def test_a_stale_writer_cannot_change_the_new_file(tmp_path):
    """A process holding the old file open (e.g. opened before the grader's final write) writes
    into the replaced inode, not into the result."""
    target = tmp_path / "grades.csv"
    target.write_text("old")
    stale = open(target, "w")
    reaper.write_output(target, "student,score\nalice,100\n")
    stale.write("alice,0\n")
    stale.close()
    assert target.read_text() == "student,score\nalice,100\n"


def test_kill_escapees_leaves_no_zombie_children():
    assert reaper.become_subreaper()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                             start_new_session=True)
    reaper.kill_escapees()
    time.sleep(0.1)
    assert child.pid not in reaper._processes()  # killed and reaped
    with pytest.raises(ChildProcessError):
        os.waitpid(child.pid, os.WNOHANG)
    child.returncode = -signal.SIGKILL  # reaped by the sweep, not by Popen
