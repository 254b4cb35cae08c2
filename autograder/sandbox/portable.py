"""Portable runner: the student's code in a plain child process, on any OS (Windows, macOS, Colab).

For public checks on a student's own machine (`nngrade check`, the student-side
`pytest --nngrade`): it is their code on their computer, so no isolation is attempted — only a
separate process, a wall-clock timeout per request and the same replies, messages and restarts
as `runner.Sandbox`. Hidden checks never run here (`autograder.sandbox.open_sandbox` decides).

Standard library only, and only calls every platform has: `subprocess` with pipes, a reader
thread per child and a writer thread per request (no `select` on pipes, no `fcntl`, `resource`,
`os.fork`, `killpg`, `start_new_session`, `setitimer`/`alarm`). Killing the child ends it, not
processes it may have started itself (acceptable on the student's own machine).

The worker is the sandbox's own `worker.py` in its ``--stdio`` mode, copied with ``codec.py`` and
the probes into the grading folder as the sandbox does.
"""
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from autograder.sandbox import verbose
from autograder.sandbox.limits import Limits, child_environment
from autograder.sandbox.protocol import (ChildGone, LoadReport, ProbeRequests,
                                         clean_load_errors, loaded_names)

HERE = Path(__file__).resolve().parent
PROBES = HERE.parent / "probes"
MAX_REPLY_BYTES = 400 * 2**20
START_SECONDS = 120.0  # interpreter + numpy start on a student's laptop (antivirus scans, ...)
ISOLATION = "portable: separate process and wall-clock timeouts only (no isolation)"



class PortableRunner(ProbeRequests):
    """Same interface as `runner.Sandbox`: start() → LoadReport, probe(), close(), .report."""

    def __init__(self, chunks, workdir, labels=None, limits=None, extra_env=None, readable=(),
                 hide=(), require_isolation=False):
        # require_isolation: accepted for the common interface and unused — `open_sandbox` picks
        # this runner only for public checks, which need no isolation
        self.chunks = list(chunks)
        self.labels = list(labels) if labels else list(range(1, len(self.chunks) + 1))
        self.workdir = Path(workdir)
        self.limits = limits or Limits()
        self.extra_env = dict(extra_env or {})
        self.proc = None
        self.report = LoadReport()
        self.restarts = 0
        self._lines = None
        self._next_id = 0
        self._deadline = None
        self._output = None

    # -- lifecycle -----------------------------------------------------------------------------
    def _prepare(self):
        run, home = self.workdir / "run", self.workdir / "home"
        if run.exists():
            shutil.rmtree(run)
        run.mkdir()
        for name in ("worker.py", "codec.py"):
            shutil.copyfile(HERE / name, run / name)
        shutil.copytree(PROBES, run / "probes", ignore=shutil.ignore_patterns("__pycache__"))
        home.mkdir(exist_ok=True)
        return run, home

    def _environment(self, home):
        """The user's own environment (the OS needs it, e.g. SYSTEMROOT on Windows) with the
        sandbox's fixed settings on top, so numbers and logging match the sandbox's."""
        env = dict(os.environ)
        for key, value in child_environment(self.workdir, self.extra_env).items():
            if key != "PATH":
                env[key] = value.replace("{home}", str(home))
        return env

    def _spawn(self):
        run, home = self._prepare()
        config = {"block": ["solutions", "autograder"], "output_bytes": self.limits.output_bytes}
        if self._output is not None:
            self._output.close()
        self._output = open(run / "output.txt", "wb")
        self._shown = verbose.open_reader(run / "output.txt")  # before the child exists
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-B", str(run / "worker.py"), "--stdio", json.dumps(config)],
            cwd=home, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._output,
            env=self._environment(home))
        self._lines = queue.Queue()
        threading.Thread(target=_read_lines, args=(self.proc.stdout, self._lines),
                         daemon=True, name="nngrade-portable-reader").start()

    def start(self):
        """Start the child and load the code; returns the LoadReport."""
        if self._deadline is None:
            self._deadline = time.monotonic() + self.limits.submission_seconds
        self.report = LoadReport(skipped=dict(self.report.skipped), isolation=[ISOLATION])
        while True:
            if self._remaining() <= 0:
                self.report.skipped[-1] = "budget"
                return self.report
            current = None
            try:
                try:
                    self._spawn()
                except OSError:
                    raise ChildGone("crashed")
                if self._receive(self._until(START_SECONDS), expect=None).get("event") != "ready":
                    raise ChildGone("bad_output")
                request = self._send({"op": "load", "chunks": self.chunks, "labels": self.labels,
                                      "skip": sorted(i for i in self.report.skipped if i >= 0)},
                                     time.monotonic() + 60)
                deadline = self._until(self.limits.load_seconds)
                while True:
                    message = self._receive(deadline, expect=request)
                    if message.get("event") == "chunk":
                        index = message.get("index")
                        if type(index) is not int or not 0 <= index < len(self.chunks):
                            raise ChildGone("bad_output")
                        current = index
                        deadline = self._until(self.limits.load_seconds)
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
                if current is None or self.restarts >= self.max_restarts or status == "budget":
                    self.report.skipped[-1] = status
                    return self.report
                self.report.skipped[current] = status
                self.restarts += 1

    def close(self):
        self._kill()
        if self._output is not None:
            self._output.close()
            self._output = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def _kill(self):
        if self.proc is None:
            return
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        self.proc = None
        verbose.show(getattr(self, "_shown", None))  # --verbose: what the child printed
        self._shown = None

    # -- requests ------------------------------------------------------------------------------
    def _send(self, message, deadline):
        """Write one request from a helper thread, waiting for it at most until `deadline`."""
        self._next_id += 1
        message["id"] = self._next_id
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        failed = []

        def write():
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
            except (OSError, ValueError):
                failed.append(True)

        writer = threading.Thread(target=write, daemon=True, name="nngrade-portable-writer")
        writer.start()
        writer.join(max(deadline - time.monotonic(), 0))
        if writer.is_alive():
            raise ChildGone("timeout")  # the child does not read; killing it ends the write
        if failed:
            raise ChildGone("crashed")
        return self._next_id

    def _receive(self, deadline, expect):
        """Next message answering request `expect` (None: the worker's "ready" line)."""
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildGone("timeout")
            try:
                line = self._lines.get(timeout=remaining)
            except queue.Empty:
                raise ChildGone("timeout")
            if line is None:
                raise ChildGone("crashed")
            if line is _OVERSIZE:
                raise ChildGone("bad_output")
            try:
                message = json.loads(line)
            except (ValueError, RecursionError):
                raise ChildGone("bad_output")
            if not isinstance(message, dict):
                raise ChildGone("bad_output")
            if message.get("id") == expect:
                return message
            # a line for an earlier request: never an answer


_OVERSIZE = object()


def _read_lines(stream, lines):
    """Reader thread: one queue entry per reply line; None at end of file."""
    try:
        while True:
            line = stream.readline(MAX_REPLY_BYTES + 1)
            if not line:
                break
            if len(line) > MAX_REPLY_BYTES and not line.endswith(b"\n"):
                lines.put(_OVERSIZE)
                break
            lines.put(line)
    except (OSError, ValueError):
        pass
    lines.put(None)
