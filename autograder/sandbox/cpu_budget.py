"""Budgets in CPU time of a sandbox's whole process tree, with a generous wall-clock backstop.

A busy machine must not cost a student points. So every limit on the student's work -- each
chunk while loading (`Limits.load_seconds`), each check (`Check.timeout`), the whole submission
(`Limits.submission_seconds`, across restarts) -- counts the CPU seconds the sandbox's process
tree used (all its processes and threads, exited ones included), not the seconds that passed:

* **CPU over the budget** → the student's: the request times out as before (`call.timeout`,
  `load.cell_killed`, `call.budget`).
* **Idle**: once t wall seconds have passed, a tree that was busy (running, or runnable and
  waiting for a CPU) less than `IDLE_FRACTION` of that time is sleeping or blocked: the
  student's, a timeout after t seconds as before (sleeping is not work the machine owes).
* **Wall backstop** (`backstop(t)` = 3 t + 30 s; for the sandbox's start, `START_SECONDS`) reached
  first: the tree neither finished nor used its CPU. Either it was idle after all (the
  student's, a timeout) or it wanted the CPU and did not get it (the host was overloaded: the
  grader's, `GraderFault("grading_error.overloaded")`, no score). "Wanted it"
  is measured as the time some task of the tree was runnable but waiting for a CPU: the group's
  pressure stall time (cgroup v2 ``cpu.pressure`` "some") where the sandbox has a v2 group, else
  the ``run_delay`` of the tree's live threads (``/proc/<pid>/task/*/schedstat``); the window is
  overloaded when that is at least `STARVED_FRACTION` of its wall time. With a share per sandbox,
  a tree that stays runnable gets at least its share, so it reaches its CPU budget before the
  backstop unless the host runs more than ~3x as many busy groups as it has cores.

Where to read the tree's CPU time: the sandbox's cgroup (`cgroups.SandboxCgroup.cpu_seconds`),
else `TreeMeter`: the launcher's live descendants in ``/proc`` (user + system time, plus what
they reaped), never decreasing; a process whose parent does not wait for it takes its time
along, so there ``RLIMIT_CPU`` per process is the floor (docs/SECURITY.md).
"""
import os
import time
from dataclasses import dataclass
from typing import Optional

from autograder import messages
from autograder.sandbox.protocol import ChildGone

BACKSTOP_FACTOR = 3.0
BACKSTOP_EXTRA = 30.0
START_SECONDS = 60.0  # wall: launcher, namespaces and the worker's interpreter (no student code)
STARVED_FRACTION = 0.25  # of the window's wall time spent runnable-but-waiting: "overloaded"
IDLE_FRACTION = 0.5  # below this share of busy (CPU + waiting) time after t wall s: "idle"
TICK = 0.5  # seconds between budget checks while waiting for a reply
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

MESSAGES = {
    "grading_error.overloaded": {
        "ko": "채점 오류: 채점 서버에 부하가 너무 커서 {what}을(를) 공정하게 잴 수 없었습니다 "
              "({seconds}초 동안 CPU를 {cpu}초만 받았고, {waited}초는 CPU를 기다렸습니다). "
              "점수를 매기지 않았습니다. 서버 부하가 줄어든 뒤 다시 채점하세요.",
        "en": "grading error: the grading machine was too busy to measure {what} fairly (in "
              "{seconds} s it got {cpu} s of CPU and waited {waited} s for a CPU); no score was "
              "given. Grade it again when the machine is less loaded."},
}

messages.register(MESSAGES)


def backstop(cpu_seconds):
    """The wall-clock backstop of a CPU budget."""
    return BACKSTOP_FACTOR * cpu_seconds + BACKSTOP_EXTRA


def _read(path):
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return b""


class TreeMeter:
    """CPU and CPU-wait seconds of a launcher's process tree from /proc (no cgroup here)."""

    def __init__(self):
        self.root = None
        self.ended = self.best = 0.0  # CPU: of earlier children; the most seen of this one
        self.waited, self.delays = 0.0, {}  # CPU wait: the sum of every thread's increments

    def attach(self, pid):
        """A new child (a restart): what the previous one used stays counted."""
        self.ended, self.root, self.best, self.delays = self.ended + self.best, pid, 0.0, {}

    def _tree(self):
        children = {}
        try:
            names = os.listdir("/proc")
        except OSError:
            return []
        stats = {}
        for name in names:
            if name.isdigit():
                data = _read(f"/proc/{name}/stat")
                fields = data.rsplit(b")", 1)[-1].split()
                if len(fields) > 14:
                    stats[int(name)] = fields
                    children.setdefault(int(fields[1]), []).append(int(name))
        out, todo = [], [self.root] if self.root in stats else []
        while todo:
            pid = todo.pop()
            out.append((pid, stats[pid]))
            todo.extend(children.get(pid, ()))
        return out

    def sample(self):
        """→ (cpu seconds, waiting seconds) of the whole tree, never decreasing."""
        if self.root is None:
            return self.ended, self.waited
        cpu, delays = 0, {}
        for pid, fields in self._tree():
            cpu += sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
            try:
                tasks = os.listdir(f"/proc/{pid}/task")
            except OSError:
                tasks = []
            for tid in tasks:
                parts = _read(f"/proc/{pid}/task/{tid}/schedstat").split()
                if len(parts) >= 2 and parts[1].isdigit():
                    delays[tid] = int(parts[1])
        for tid, delay in delays.items():  # a thread that exited keeps what it added
            self.waited += max(delay - self.delays.get(tid, 0), 0) / 1e9
        self.delays = delays
        self.best = max(self.best, cpu / CLOCK_TICKS)
        return self.ended + self.best, self.waited


class Meter:
    """The sandbox tree's CPU and CPU-wait seconds: from its cgroup where it has one."""

    def __init__(self, group=None):
        self.group, self.tree = group, TreeMeter()

    def attach(self, pid, joined=True):
        """`joined`: the launcher reported that it entered the group (else: read /proc)."""
        if not joined:
            self.group = None
        self.tree.attach(pid)

    def sample(self):
        cpu = self.group.cpu_seconds() if self.group else None
        waited = self.group.waiting_seconds() if self.group else None
        if cpu is None or waited is None:
            tree_cpu, tree_waited = self.tree.sample()
            cpu = tree_cpu if cpu is None else cpu
            waited = tree_waited if waited is None else waited
        return cpu, waited


@dataclass
class Window:
    """One request's budget: `cpu_limit` CPU seconds (None: no CPU limit, e.g. the start)."""
    cpu_limit: Optional[float]
    started: float
    cpu0: float
    waited0: float

    def spent(self, cpu, waited):
        """→ (wall, busy) seconds so far; busy = CPU used + time spent waiting for a CPU."""
        return time.monotonic() - self.started, (cpu - self.cpu0) + (waited - self.waited0)

    def over(self, cpu):
        return self.cpu_limit is not None and cpu - self.cpu0 > self.cpu_limit

    def verdict(self, cpu, waited, what):
        """At the wall backstop: the GraderFault fields when the host starved the tree, else
        None (the tree was idle: the student's timeout)."""
        wall = max(time.monotonic() - self.started, 1e-9)
        used, delayed = cpu - self.cpu0, waited - self.waited0
        if delayed >= STARVED_FRACTION * wall:
            return {"what": what, "seconds": round(wall), "cpu": round(used, 1),
                    "waited": round(delayed)}
        return None


def idle(wall, busy, seconds):
    """`seconds` have passed on the wall clock and the tree was busy less than IDLE_FRACTION of
    them (asleep, blocked): the student's time is up, as a wall limit would have said."""
    return wall >= seconds and busy < IDLE_FRACTION * wall


class Ledger:
    """One submission's account (all its child starts): CPU of the tree, and the wall and busy
    time of its requests (the time the child waits for the parent between requests is not
    the student's). `budget`: `Limits.submission_seconds`."""

    def __init__(self, meter, budget):
        self.meter, self.budget = meter, float(budget)
        self.window, self.wall, self.busy = None, 0.0, 0.0

    def open(self, cpu_limit):
        """A request of `cpu_limit` CPU seconds (None: the start) begins now."""
        self.close()
        cpu, waited = self.meter.sample()
        limit = None if cpu_limit is None else min(cpu_limit, max(self.budget - cpu, 0))
        self.window = Window(limit, time.monotonic(), cpu, waited)

    def close(self):
        """The request in flight was answered (or abandoned)."""
        if self.window is not None:
            wall, busy = self.window.spent(*self.meter.sample())
            self.wall, self.busy, self.window = self.wall + wall, self.busy + busy, None

    def _totals(self, cpu, waited):
        wall, busy = self.window.spent(cpu, waited) if self.window else (0.0, 0.0)
        return self.wall + wall, self.busy + busy

    def left(self):
        """CPU seconds left of the submission's budget (0 once its requests idled through it)."""
        cpu, waited = self.meter.sample()
        if idle(*self._totals(cpu, waited), self.budget):
            return 0.0
        return self.budget - cpu

    def tick(self, deadline):
        """While a request waits: raise ChildGone("timeout") when its CPU budget is used up or it
        idled through its seconds (or the submission did), or at the wall `deadline` when the
        tree was not starved; → GraderFault fields when it was (the host's doing); else None."""
        cpu, waited = self.meter.sample()
        window = self.window
        if window is not None and window.cpu_limit is not None and (
                window.over(cpu) or idle(*window.spent(cpu, waited), window.cpu_limit)
                or idle(*self._totals(cpu, waited), self.budget)):
            raise ChildGone("timeout")
        if time.monotonic() < deadline:
            return None
        fault = window.verdict(cpu, waited, "the submission") if window else None
        if fault is None:
            raise ChildGone("timeout")
        return fault
