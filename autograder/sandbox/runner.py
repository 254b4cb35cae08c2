"""Parent side of the sandbox: start the child, load the student's code, run probes.

A crash or timeout costs only the request in flight: the child is restarted and the student's
code reloaded (skipping any chunk that killed it during loading) before the next probe. Budgets
are CPU time of the child's whole process tree, read from its cgroup (`cgroups.py`) where the host
gives one, with wall-clock backstops (`cpu_budget.py`); one per submission
(`Limits.submission_seconds`) bounds loading, restarts and probes together.

Everything the child says is untrusted: replies are read and parsed within fixed memory caps
(`channel.py`), must answer the request in flight (request ids), are decoded by `codec.decode`
(exact types, plain dtypes, no pickle), and every string that may reach a report is cut and
stripped of control characters. The parent never follows a path inside the directory the child
can write to. Without a PID namespace the grader is the subreaper of what the child leaves
behind and kills it at close (`reaper.py`).
"""
import fcntl
import json
import logging
import marshal
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from autograder.grader_fault import GraderFault
from autograder.sandbox import cgroups, cpu_budget, isolation, reaper, verbose
from autograder.sandbox.channel import ChildGone, ReplyChannel  # noqa: F401 (re-exported)
from autograder.sandbox.limits import Limits, child_environment
from autograder.sandbox.protocol import (LoadReport, ProbeReply,  # noqa: F401
                                         ProbeRequests, clean, clean_error,
                                         clean_load_errors, loaded_names)

HERE = Path(__file__).resolve().parent
PROBES = HERE.parent / "probes"
START_SECONDS = cpu_budget.START_SECONDS  # wall: launcher and the worker's interpreter start
log = logging.getLogger("autograder.sandbox")
_LOGGED = set()  # degradations already logged by this process (one line each, not per child)


class Sandbox(ProbeRequests):
    """One child process holding one submission's code for one assignment.

    `readable`: extra files/folders the child may read (e.g. the MNIST .npz given to a probe);
    `hide`: extra folders it must not see (e.g. the folder holding everyone's submissions);
    `require_isolation`: refuse to run (`sandbox.refused`) when the launcher could not build the
    namespaces and masks (grading with hidden checks needs them).
    """

    def __init__(self, chunks, workdir, labels=None, limits=None, extra_env=None, readable=(),
                 hide=(), require_isolation=False):
        self.chunks = list(chunks)
        self.labels = list(labels) if labels else list(range(1, len(self.chunks) + 1))
        self.workdir = Path(workdir)
        self.limits = limits or Limits()
        self.extra_env = dict(extra_env or {})
        self.readable, self.hide = tuple(readable), tuple(hide)
        self.require_isolation = bool(require_isolation)
        self.uid = isolation.new_uid() if os.geteuid() == 0 else None
        self.proc = None
        self.report = LoadReport()
        self.restarts = 0
        self._channel = None
        self._next_id = 0
        self._deadline = None  # the submission's wall backstop (its budget is CPU time)
        self._namespaces = False
        self._group, self._ledger = None, None  # cpu_budget.py

    # -- lifecycle -----------------------------------------------------------------------------
    def _prepare(self):
        """Fresh worker files in `run/` (root-owned, read-only for the child) and `home/`."""
        run, home = self.workdir / "run", self.workdir / "home"
        if os.path.lexists(run):
            shutil.rmtree(run) if run.is_dir() and not run.is_symlink() else os.unlink(run)
        run.mkdir(mode=0o755)
        os.chmod(run, 0o755)
        for name in ("worker.py", "codec.py", "launcher.py", "confine.py"):
            shutil.copyfile(HERE / name, run / name)
        shutil.copytree(PROBES, run / "probes", ignore=shutil.ignore_patterns("__pycache__"))
        if not os.path.lexists(home):
            home.mkdir(mode=0o700)
        if self.uid is not None:
            os.chown(home, self.uid, self.uid, follow_symlinks=False)
        if os.geteuid() == 0:
            os.chmod(self.workdir, 0o711)  # the child may pass through (non-namespace mode)
        out = os.open(run / "output.txt", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW,
                      0o600)
        return run, home, out

    def _spawn(self):
        run, home, out = self._prepare()
        self._shown = verbose.open_reader(run / "output.txt")  # before the child exists
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        hidden = isolation.hidden_paths(self.hide)
        config = {"block": list(isolation.HIDDEN_PACKAGES), "output_bytes":
                  self.limits.output_bytes, "hidden": hidden,
                  "public": [p for p in isolation.exposed_paths(self.readable)
                             if any(isolation.inside(p, h) for h in hidden)]}
        plan = isolation.make_plan(
            self.limits, run, home, child_environment(self.workdir, self.extra_env),
            [req_r, resp_w, json.dumps(config)], resp_w, self.readable, self.hide, self.uid)
        plan["require"] = self.require_isolation
        _container_prepare(plan)
        plan["cgroups"] = self._open_group()
        if not plan["namespaces"]:
            reaper.become_subreaper()  # setsid() escapees come back to us, see _kill
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-S", "-B", str(run / "launcher.py"),
                 marshal.dumps(plan).hex()],
                cwd=run, stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
                pass_fds=(req_r, resp_w), start_new_session=True)
        except OSError:
            os.close(req_w)
            os.close(resp_r)
            raise
        finally:
            for fd in (req_r, resp_w, out):
                os.close(fd)
        reaper.protect(self.proc.pid)
        self._ledger.open(None)  # the start: no CPU limit, a wall backstop
        fcntl.fcntl(req_w, fcntl.F_SETFL, fcntl.fcntl(req_w, fcntl.F_GETFL) | os.O_NONBLOCK)
        self._requests, self._replies = req_w, resp_r
        self._channel = ReplyChannel(resp_r)

    def _hello(self):
        """First line: the launcher's account of the isolation it applied."""
        message = self._receive(time.monotonic() + min(START_SECONDS, max(self._wall_left(), 0)),
                                expect=None)
        if message.get("event") != "sandbox":
            raise ChildGone("bad_output")
        self.report.isolation = [clean(a) for a in message.get("applied", [])][:50]
        self._namespaces = any(a.startswith("namespaces") for a in self.report.isolation)
        self._ledger.meter.attach(self.proc.pid,
                                  any(a.startswith("cgroup") for a in self.report.isolation))
        for item in message.get("degraded", [])[:50]:
            what, why = clean(item.get("what", "?"), 200), clean(item.get("why", ""), 300)
            if what not in _LOGGED:
                _LOGGED.add(what)
                log.warning("sandbox isolation degraded: %s (%s)", what, why)
            self.report.warnings.append(("sandbox.degraded", {"what": what, "why": why}))
        if message.get("fatal"):
            reason = clean(message["fatal"])
            log.error("sandbox refused to start: %s", reason)
            self.report.warnings.append(("sandbox.refused", {"why": reason}))
            raise ChildGone("refused")
        # then the worker's own line, once its interpreter is up (machine load, not the student)
        ready = self._receive(time.monotonic() + min(START_SECONDS, max(self._wall_left(), 0)),
                              expect=None)
        if ready.get("event") != "ready":
            raise ChildGone("bad_output")

    def start(self):
        """Start the child and load the code; returns the LoadReport."""
        if self._deadline is None:
            self._deadline = time.monotonic() + cpu_budget.backstop(self.limits.submission_seconds)
        skipped = dict(self.report.skipped)
        self.report = LoadReport(skipped=skipped)
        while True:
            if self._remaining() <= 0:
                self.report.skipped[-1] = "budget"
                return self.report
            self.report.warnings, current = [], None
            try:
                try:
                    self._spawn()
                except OSError as exc:  # e.g. out of file descriptors: not the student's doing
                    log.error("cannot start the sandbox: %s", exc)
                    raise ChildGone("crashed")
                self._hello()
                request = self._send({"op": "load", "chunks": self.chunks, "labels": self.labels,
                                      "skip": sorted(i for i in self.report.skipped if i >= 0)},
                                     time.monotonic() + 60)
                deadline = self._load_deadline()
                while True:
                    message = self._receive(deadline, expect=request)
                    if message.get("event") == "chunk":
                        index = message.get("index")
                        if type(index) is not int or not 0 <= index < len(self.chunks):
                            raise ChildGone("bad_output")
                        current = index
                        deadline = self._load_deadline()
                    elif message.get("event") == "loaded":
                        self.report.errors = clean_load_errors(message.get("errors"))
                        self.report.names = loaded_names(message.get("names"))
                        return self.report
                    else:
                        raise ChildGone("bad_output")
            except ChildGone as gone:
                self._kill()
                status = "budget" if gone.status == "timeout" and self._remaining() <= 0 \
                    else gone.status
                if current is None or self.restarts >= self.max_restarts or status in ("budget",
                                                                                   "refused"):
                    self.report.skipped[-1] = status
                    return self.report
                self.report.skipped[current] = status
                self.restarts += 1

    def _load_deadline(self):
        return self._until(self.limits.load_seconds)

    # -- CPU budgets (cpu_budget.py) -----------------------------------------------------------
    def _open_group(self):
        """This sandbox's cgroup (made once, reused by restarts) → the launcher's procs files."""
        if self._ledger is None:
            self._group, why = cgroups.open_group(self.limits.processes + 1)  # + the launcher
            if why and "cgroup" not in _LOGGED:
                _LOGGED.add("cgroup")
                log.warning("no CPU share per sandbox; CPU time read from /proc (%s)", why)
            self._ledger = cpu_budget.Ledger(cpu_budget.Meter(self._group),
                                             self.limits.submission_seconds)
        return self._group.procs if self._group else []

    def _wall_left(self):
        return self._deadline - time.monotonic()

    def _remaining(self):
        """Seconds left of the submission: CPU budget and wall backstop, whichever is less."""
        left = self._ledger.left() if self._ledger else self.limits.submission_seconds
        return min(self._wall_left(), left)

    def _until(self, seconds):
        """A request of `seconds` CPU time starts now → its wall backstop (a deadline)."""
        self._ledger.open(seconds)
        return time.monotonic() + max(0, min(cpu_budget.backstop(seconds), self._wall_left()))

    def close(self):
        self._kill()
        if self._group is not None:
            if not self._group.remove():
                log.error("cannot remove the sandbox's cgroup %s", self._group.name)
            self._group = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def _kill(self):
        if self.proc is None:
            return
        if self._namespaces:
            # The launcher kills the namespace's init and waits for it: when the launcher has
            # exited, every process of the namespace is gone (so the uid is free for a restart).
            try:
                os.kill(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=5)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        reaper.release(self.proc.pid)
        if self.uid is not None and not self._namespaces:
            _kill_uid(self.uid)  # descendants that left the process group (setsid)
        if not self._namespaces:
            reaper.kill_escapees()  # orphans re-parented to us (subreaper) in other sessions
        for fd in (self._requests, self._replies):
            try:
                os.close(fd)
            except OSError:
                pass
        self.proc = None
        verbose.show(getattr(self, "_shown", None))  # --verbose: what the child printed
        self._shown = None

    # -- requests ------------------------------------------------------------------------------
    def _send(self, message, deadline):
        """Write one request without ever blocking past `deadline`; returns its id."""
        self._next_id += 1
        message["id"] = self._next_id
        self._channel.new_request()
        data = memoryview((json.dumps(message, separators=(",", ":")) + "\n").encode())
        while data:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildGone("timeout")
            _, ready, _ = select.select([], [self._requests], [], min(remaining, 1.0))
            if not ready:
                continue
            try:
                data = data[os.write(self._requests, data):]
            except BlockingIOError:
                continue
            except OSError:
                raise ChildGone("crashed")
        return self._next_id

    def _receive(self, deadline, expect):
        """Next message answering request `expect` (None: the launcher's line); checks the
        request's CPU budget every `cpu_budget.TICK` seconds (`Ledger.tick`). GraderFault (the
        child killed first) when the wall deadline passes while the host starved the tree."""
        while True:
            try:
                message = self._channel.message(min(deadline,
                                                    time.monotonic() + cpu_budget.TICK))
            except ChildGone as gone:
                if gone.status != "timeout":
                    self._ledger.close()
                    raise
                try:
                    fault = self._ledger.tick(deadline)
                except ChildGone:
                    self._ledger.close()
                    raise
                if fault:
                    log.error("host overloaded: %s", fault)
                    self._ledger.close()
                    self._kill()
                    raise GraderFault("grading_error.overloaded", **fault)
                continue
            if message.get("id") == expect:
                if expect is not None:  # a request answered (the start's window stays open)
                    self._ledger.close()
                return message
            # a line for an earlier request or one the student wrote: never an answer


def _container_prepare(plan):
    """Isolation level "container": the sandbox's hidden paths lose their group/other
    permissions before the child starts (the launcher then checks them as the child's uid)."""
    if plan.get("container"):
        from autograder.sandbox import container
        container.protect(plan["hidden"], keep=[plan["python"], plan["run"]] + plan["expose"])


def _kill_uid(uid):
    """SIGKILL every process of `uid` (ours alone: a fresh uid per sandbox). Root only."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
