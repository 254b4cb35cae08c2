"""One sandbox child for several assignments of ONE student (grouped grading).

Every Keras assignment's child imports TensorFlow (≈ 5 CPU s, bench/README.md). Where one
student's 05/06/07 are graded together (`autograder/grade_student.py`: `nngrade grade DIR`,
`nngrade batch`, Gradescope `--all`), a `SharedChild` keeps the child alive between them: the
next assignment's code is loaded into a fresh namespace of the same child (the worker's `load`:
`worker.fresh_start` clears the Keras session and reseeds Python, NumPy, Keras and TensorFlow),
so TensorFlow is imported once per student. Two students never share one: a `SharedChild` is
made for one student's group and closed after it.

Each assignment is a `Member`: a `runner.Sandbox` with its own report, restarts, request
windows and CPU budget (`Limits.submission_seconds`, counted from the moment it took the child
over: `OffsetMeter`), so grouping changes no verdict and no budget. The parent still decides
everything from raw values (runner.py). A member hands the child back only when nothing went
wrong; otherwise the next assignment gets a fresh child:

* a crash, timeout, memory kill or budget overrun kills the child (as alone: `Sandbox._kill`);
  the member's own restarts load only its own code; a member that restarted, or lost a chunk
  while loading, does not hand its child on;
* a child that still runs (or waits for a CPU) while it should wait for the next request (a
  thread or process an earlier assignment left running) is replaced (`IDLE_BUSY` seconds over
  `IDLE_WINDOW`);
* a child whose per-process CPU rlimit (`Limits.cpu_seconds`) could end inside the next
  assignment's budget is replaced, so the budgets stay per assignment;
* a child started with less (no MNIST file mounted, isolation not required) is replaced.

What an assignment can still leave to the next one of the same student: patched modules other
than those `worker.Pristine` restores, files in the child's /tmp, the printed-output cap. The
same student's code on both sides: nothing another student or the grader depends on.
"""
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass

from autograder.sandbox import cgroups, cpu_budget, isolation, runner

IDLE_WINDOW = 0.25  # wall seconds a returned child is watched before the next assignment
IDLE_BUSY = 0.1     # seconds it may run or wait for a CPU meanwhile (a waiting worker: ~0);
#                     busy, not CPU: on a loaded host a burner gets little CPU but waits
log = logging.getLogger("autograder.sandbox")


class OffsetMeter:
    """A `cpu_budget.Meter` read from a baseline: one member's share of a shared child."""

    def __init__(self, meter):
        self.meter = meter
        self.cpu0, self.waited0 = meter.sample()

    def attach(self, pid, joined=True):
        self.meter.attach(pid, joined)

    def sample(self):
        cpu, waited = self.meter.sample()
        return cpu - self.cpu0, waited - self.waited0


@dataclass
class _Live:
    """A running child between two members."""
    proc: object
    channel: object
    requests: int
    replies: int
    namespaces: bool
    next_id: int
    limits: object
    released: float  # monotonic time it was handed back
    busy: float      # the host meter's CPU + CPU-wait seconds then


class SharedChild:
    """The child one student's assignments share (see the module docstring); `close()` ends it."""

    def __init__(self, readable=(), hide=(), require_isolation=False):
        self.workdir = tempfile.mkdtemp(prefix="nngrade-student-")
        self.readable, self.hide = tuple(readable), tuple(hide)
        self.require_isolation = bool(require_isolation)
        self.uid = isolation.new_uid() if os.geteuid() == 0 else None
        self.group, self.meter = None, None
        self.live = None
        self.spawn_cpu = 0.0
        self.isolation, self.warnings = [], []
        self.spawns = 0  # children started (bench and tests read it)

    def session(self, chunks, labels, limits, readable=(), require_isolation=False):
        """A `Member` (not started) for one assignment's code."""
        wider = tuple(p for p in readable if p not in self.readable)
        if wider or (require_isolation and not self.require_isolation):
            self.readable += wider  # the live child lacks a mount or a requirement: replaced
            self.require_isolation = self.require_isolation or bool(require_isolation)
            self._discard()
        return Member(self, chunks, labels, limits)

    def take(self, limits):
        """The live child → (live, None) to reuse, (live, why) to kill, or (None, None)."""
        live, self.live = self.live, None
        if live is None:
            return None, None
        if live.proc.poll() is not None:
            return live, "exited"
        if live.limits != limits:
            return live, "other limits"
        cpu = self.meter.sample()[0]
        if cpu - self.spawn_cpu + limits.submission_seconds > limits.cpu_seconds:
            return live, "CPU rlimit"
        wait = IDLE_WINDOW - (time.monotonic() - live.released)
        if wait > 0:
            time.sleep(wait)
        if sum(self.meter.sample()) - live.busy > IDLE_BUSY:
            return live, "busy while idle"
        return live, None

    def keep(self, member):
        self.live = _Live(member.proc, member._channel, member._requests, member._replies,
                          member._namespaces, member._next_id, member.limits,
                          time.monotonic(), sum(self.meter.sample()))

    def _discard(self):
        live, self.live = self.live, None
        if live is not None:
            killer = Member(self, [], [], live.limits)
            killer._install(live)
            killer._kill()

    def close(self):
        self._discard()
        if self.group is not None and not self.group.remove():
            log.error("cannot remove the sandbox's cgroup %s", self.group.name)
        self.group = None
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Member(runner.Sandbox):
    """One assignment's use of a `SharedChild` (a `runner.Sandbox` in every other respect)."""

    def __init__(self, host, chunks, labels, limits):
        super().__init__(chunks, host.workdir, labels=labels or None, limits=limits,
                         readable=host.readable, hide=host.hide,
                         require_isolation=host.require_isolation)
        self.host = host
        self.uid = host.uid
        self._adopted = False

    def _install(self, live):
        self.proc, self._channel = live.proc, live.channel
        self._requests, self._replies = live.requests, live.replies
        self._namespaces, self._next_id = live.namespaces, live.next_id

    def _open_group(self):
        host = self.host
        if host.meter is None:
            host.group, why = cgroups.open_group(self.limits.processes + 1)  # + the launcher
            if why and "cgroup" not in runner._LOGGED:
                runner._LOGGED.add("cgroup")
                log.warning("no CPU share per sandbox; CPU time read from /proc (%s)", why)
            host.meter = cpu_budget.Meter(host.group)
        if self._ledger is None:
            self._ledger = cpu_budget.Ledger(OffsetMeter(host.meter),
                                             self.limits.submission_seconds)
        return host.group.procs if host.group else []

    def _spawn(self):
        self._open_group()
        live, why = self.host.take(self.limits)
        if live is not None:
            self._install(live)
            if why is None:  # the same child, the next assignment: no start, no TensorFlow
                self._ledger.open(None)
                self._adopted = True
                return
            log.info("shared sandbox child replaced (%s)", why)
            self._kill()
        self.host.spawn_cpu = self.host.meter.sample()[0]
        self.host.spawns += 1
        super()._spawn()

    def _hello(self):
        if self._adopted:  # the launcher's account, as the child's start reported it
            self._adopted = False
            self.report.isolation = list(self.host.isolation)
            self.report.warnings.extend(self.host.warnings)
            return
        super()._hello()
        self.host.isolation = list(self.report.isolation)
        self.host.warnings = [w for w in self.report.warnings if w[0] == "sandbox.degraded"]

    def close(self):
        """Hand the child back when nothing went wrong; else end it (as `Sandbox.close`)."""
        clean = (self.proc is not None and self.proc.poll() is None and self.restarts == 0
                 and not self.report.skipped and self.host.live is None)
        if clean:
            self._ledger.close()
            self.host.keep(self)
            self.proc = None
        else:
            self._kill()
