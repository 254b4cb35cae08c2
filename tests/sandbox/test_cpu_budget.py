"""CPU-time budgets of the sandbox's whole tree, its cgroup, and the overloaded-host fault."""
import dataclasses
import os
import subprocess
import sys
import time

import pytest

from autograder.grader_fault import GraderFault
from autograder.sandbox import cgroups, codec, cpu_budget, isolation
from tests.sandbox.conftest import LIMITS, call, open_sandbox

CODE = """
import os, time

def spin(seconds):
    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return 1

def fork_spin(children, seconds):
    pids = []
    for _ in range(children):
        pid = os.fork()
        if pid == 0:
            spin(seconds)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
    return children

def nap(seconds):
    time.sleep(seconds)
    return 1
"""
GROUPS = isolation.status().cpu_share.startswith("cgroup")
needs_groups = pytest.mark.skipif(not GROUPS, reason="no writable cgroup here "
                                  f"({isolation.status().cpu_share_why})")


def burners(count):
    """COUNT real CPU burners (busy loops) beside the sandbox; the caller kills them. Each in a
    session of its own: with the kernel's autogroup scheduling (sched_autogroup_enabled=1, on
    here and on most desktops) all the tasks of one session share one slice, so burners in the
    test's session would load the machine as one task and never starve the sandbox."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"], start_new_session=True)
            for _ in range(count)]


def stop(procs):
    for proc in procs:
        proc.kill()
        proc.wait()


@pytest.fixture(params=["host", "no-cgroup"])
def groups(request, monkeypatch):
    """"host": what this machine offers; "no-cgroup": as where no group is writable (a normal
    user, a read-only /sys/fs/cgroup): CPU and CPU-wait time read from /proc."""
    if request.param == "no-cgroup":
        monkeypatch.setattr(cgroups, "_SUPPORT", [cgroups.CgroupSupport(notes=("forced",))])
    return request.param


def test_a_budget_counts_every_process_of_the_tree(tmp_path, groups):
    # 4 children x 1 s of CPU = 4 s > 2.5 s: one process alone would be far under its budget
    with open_sandbox(CODE, tmp_path) as (box, report):
        assert (box._group is None) == (groups == "no-cgroup" or not GROUPS)
        assert call(box, "fork_spin", 4, 1.0, timeout=2.5).status == "timeout"
        assert call(box, "fork_spin", 2, 0.5, timeout=2.5).status == "ok"


def test_sleeping_is_idle_time_and_ends_after_the_budget_seconds(tmp_path):
    with open_sandbox(CODE, tmp_path) as (box, _):
        started = time.monotonic()
        assert call(box, "nap", 60, timeout=1.0).status == "timeout"
        assert time.monotonic() - started < 5  # not the backstop (33 s)
        assert call(box, "nap", 0.2, timeout=1.0).status == "ok"


@pytest.mark.slow  # CPU burners for 10-20 s: .ci/run's serial pass
@pytest.mark.alone
def test_busy_code_on_a_loaded_host_is_not_charged_for_the_wait(tmp_path, groups):
    # 2.0 s of CPU within a 2.5 s CPU budget beside more burners than cores: the wall time is
    # several times 2.5 s (a wall limit would have failed it), the CPU time is not
    with open_sandbox(CODE, tmp_path) as (box, _):
        hogs = burners(2 * (os.cpu_count() or 1) + 2)
        try:
            started = time.monotonic()
            assert call(box, "spin", 2.0, timeout=2.5).status == "ok"
            wall = time.monotonic() - started
        finally:
            stop(hogs)
    assert wall > 2.5, wall  # measured 6-9 s at load 10-30 (2 cores)


def test_submission_budget_is_cpu_time_across_restarts(tmp_path):
    limits = dataclasses.replace(LIMITS, submission_seconds=3.0)
    with open_sandbox(CODE, tmp_path, limits=limits) as (box, _):
        assert call(box, "spin", 2.5, timeout=2.0).status == "timeout"  # killed, restarts
        replies = [call(box, "spin", 0.6, timeout=5.0) for _ in range(3)]
    assert replies[-1].status == "timeout" and replies[-1].error["budget"] == 3.0


@pytest.mark.alone  # burners: never beside another xdist worker's sandboxes
def test_a_starved_sandbox_is_a_grader_fault_not_a_timeout(tmp_path, monkeypatch, groups):
    # A backstop of 2 s for a 3 s CPU budget: spinning beside 4 burners + 2 cores, the tree gets
    # at most 2/5 of a CPU and waits the rest: the host's doing, never charged to the student.
    monkeypatch.setattr(cpu_budget, "BACKSTOP_FACTOR", 0.0)
    monkeypatch.setattr(cpu_budget, "BACKSTOP_EXTRA", 2.0)
    with open_sandbox(CODE, tmp_path) as (box, _):
        hogs = burners(2 * (os.cpu_count() or 1) + 2)
        try:
            with pytest.raises(GraderFault) as caught:
                call(box, "spin", 30.0, timeout=3.0)
        finally:
            stop(hogs)
        assert not box._child_alive()  # killed before the fault was raised
    fault = caught.value
    assert fault.key == "grading_error.overloaded"
    assert fault.fields["waited"] >= cpu_budget.STARVED_FRACTION * fault.fields["seconds"]
    from autograder.reporters.catalogs import render
    assert "too busy" in render(fault.key, fault.fields, "en")
    assert "부하" in render(fault.key, fault.fields, "ko")


@needs_groups
def test_each_sandbox_has_its_own_group_with_share_and_cap_removed_at_close(tmp_path):
    found = cgroups.support()
    with open_sandbox(CODE, tmp_path) as (box, report):
        group = box._group
        assert any(a.startswith("cgroup") for a in report.isolation)
        dirs = dict(group.dirs)
        share = dirs[found.share.path]
        with open(os.path.join(share, "cpu.shares" if found.share.version == 1
                               else "cpu.weight")) as fh:
            assert int(fh.read()) == (cgroups.SHARES_V1 if found.share.version == 1
                                      else cgroups.WEIGHT_V2)
        with open(os.path.join(dirs[found.pids.path], "pids.max")) as fh:
            assert int(fh.read()) == LIMITS.processes + 1
        assert box.proc.pid in group.tasks()  # the launcher, hence the whole tree
        before = group.cpu_seconds()
        assert call(box, "fork_spin", 2, 0.5, timeout=5).status == "ok"
        assert group.cpu_seconds() - before >= 0.95  # exited children counted
    assert box._group is None and not any(os.path.exists(d) for d in dirs.values())


@needs_groups
def test_an_equal_share_whatever_the_process_count(tmp_path):
    """A sandbox running one busy process beside a sandbox of many busy processes gets its
    group's share: on 2 cores half of what the two use together (without groups: 1/9)."""
    cores = os.cpu_count() or 1
    many = min(4 * cores, 48)  # below the sandbox's process cap (64)
    expected = min(1.0, cores / 2) / cores  # one process can use one core at most
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with open_sandbox(CODE, tmp_path / "a") as (one, _), \
            open_sandbox(CODE, tmp_path / "b") as (hog, _):
        # MANY busy processes, left running (the request is never waited for)
        args = codec.encode({"func": "fork_spin", "args": [many, 1e9]})
        hog._send({"op": "probe", "probe": "common.call", "args": args}, time.monotonic() + 5)
        time.sleep(1.0)
        a0, b0 = one._group.cpu_seconds(), hog._group.cpu_seconds()
        assert call(one, "spin", 2.0, timeout=30).status == "ok"
        a1, b1 = one._group.cpu_seconds(), hog._group.cpu_seconds()
    mine = (a1 - a0) / ((a1 - a0) + (b1 - b0))
    # measured 0.50 on 2 cores at load average 29 (without groups: 1 / (1 + many) = 0.11)
    assert mine > expected / 2, (mine, expected)


def test_read_only_cgroups_are_a_known_condition(tmp_path):
    # A container's view: /sys/fs/cgroup mounted read-only (Docker's default)
    info = tmp_path / "mountinfo"
    info.write_text(
        "32 31 0:29 / /sys/fs/cgroup/cpu ro,nosuid - cgroup cgroup ro,cpu\n"
        "39 31 0:36 / /sys/fs/cgroup/pids ro,nosuid - cgroup cgroup ro,pids\n"
        "41 31 0:38 / /sys/fs/cgroup/unified ro,relatime - cgroup2 cgroup2 ro\n"
        "50 1 0:40 / /data\\040dir rw - ext4 /dev/sda1 rw\n")
    mounts = cgroups.cgroup_mounts(str(info))
    assert [(v, p, c, ro) for v, p, _, c, ro in mounts] == [
        (1, "/sys/fs/cgroup/cpu", {"cpu"}, True), (1, "/sys/fs/cgroup/pids", {"pids"}, True),
        (2, "/sys/fs/cgroup/unified", set(), True)]
    h = cgroups._hierarchy(1, "/sys/fs/cgroup/cpu", "/", "/", True)
    assert not h.writable and "read-only" in h.why


@pytest.mark.skipif(os.geteuid() != 0, reason="switches to an unprivileged uid")
def test_a_normal_user_gets_no_group_and_says_why():
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # a real unprivileged process (nobody), asking the same question
        try:
            os.setgid(65534)
            os.setuid(65534)
            found = cgroups.detect()
            os.write(write, f"{found.level}\n{found.why}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as fh:
        level, why = fh.read().split("\n", 1)
    os.waitpid(pid, 0)
    if cgroups.support().level != "none":  # what root gets here, nobody does not
        assert level == "none" and "not writable by uid 65534" in why, why


def test_status_reports_the_level():
    found = isolation.status()
    assert found.cpu_share in cgroups.LEVELS and found.cpu_share_why
