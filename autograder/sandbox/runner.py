"""Parent side of the sandbox: start the child, load the student's code, run probes.

A crash or timeout costs only the request in flight: the child is restarted and the student's
code reloaded (skipping any chunk that killed it during loading) before the next probe.
"""
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.sandbox import codec
from autograder.sandbox.limits import Limits, child_environment, make_preexec

HERE = Path(__file__).resolve().parent
PROBES = HERE.parent / "probes"
MAX_REPLY_BYTES = 400 * 2**20
MAX_RESTARTS = 8


@dataclass
class ProbeReply:
    status: str  # "ok" | "error" | "timeout" | "crashed" | "bad_output"
    value: object = None
    error: dict = field(default_factory=dict)


@dataclass
class LoadReport:
    errors: list = field(default_factory=list)   # exceptions raised by chunks
    names: list = field(default_factory=list)    # names the student's code defined
    skipped: dict = field(default_factory=dict)  # chunk index -> "timeout" | "crashed"


class ChildGone(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


class Sandbox:
    """One child process holding one submission's code for one assignment."""

    def __init__(self, chunks, workdir, labels=None, limits=None, extra_env=None):
        self.chunks = list(chunks)
        self.labels = list(labels) if labels else list(range(1, len(self.chunks) + 1))
        self.workdir = Path(workdir)
        self.limits = limits or Limits()
        self.extra_env = dict(extra_env or {})
        self.proc = None
        self.report = LoadReport()
        self.restarts = 0
        self._buffer = b""

    # -- lifecycle -----------------------------------------------------------------------------
    def _install_worker(self):
        target = self.workdir / ".nngrade_worker"
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copy2(HERE / "worker.py", target / "worker.py")
        shutil.copy2(HERE / "codec.py", target / "codec.py")
        shutil.copytree(PROBES, target / "probes", ignore=shutil.ignore_patterns("__pycache__"))
        return target / "worker.py"

    def _spawn(self):
        worker = self._install_worker()
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        self.stdout_path = self.workdir / ".nngrade_stdout.txt"
        with open(self.stdout_path, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-B", str(worker), str(req_r), str(resp_w)],
                cwd=self.workdir,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=child_environment(self.workdir, self.extra_env),
                pass_fds=(req_r, resp_w),
                start_new_session=True,
                preexec_fn=make_preexec(self.limits),
            )
        os.close(req_r)
        os.close(resp_w)
        self._requests = os.fdopen(req_w, "w", encoding="utf-8")
        self._replies = resp_r
        self._buffer = b""

    def start(self):
        """Start the child and load the code; returns the LoadReport."""
        self.report = LoadReport()
        while True:
            self._spawn()
            current = None
            try:
                self._send({"op": "load", "chunks": self.chunks, "labels": self.labels,
                            "skip": sorted(self.report.skipped)})
                deadline = time.monotonic() + self.limits.load_seconds
                while True:
                    message = self._receive(deadline)
                    if message.get("event") == "chunk":
                        current = message["index"]
                        deadline = time.monotonic() + self.limits.load_seconds
                    elif message.get("event") == "loaded":
                        self.report.errors = list(message.get("errors", []))
                        self.report.names = [str(n) for n in message.get("names", [])]
                        return self.report
                    else:
                        raise ChildGone("bad_output")
            except ChildGone as gone:
                self._kill()
                if current is None or self.restarts >= MAX_RESTARTS:
                    self.report.skipped[-1] = gone.status
                    return self.report
                self.report.skipped[current] = gone.status
                self.restarts += 1

    def close(self):
        self._kill()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def _kill(self):
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self._requests,):
            try:
                stream.close()
            except OSError:
                pass
        try:
            os.close(self._replies)
        except OSError:
            pass
        self.proc = None

    # -- requests ------------------------------------------------------------------------------
    def probe(self, name, args, timeout):
        """Run probe `name` on the student's code; never raises for anything the child does."""
        if self.proc is None or self.proc.poll() is not None:
            self.restarts += 1
            if self.restarts > MAX_RESTARTS:
                return ProbeReply("crashed", error={"message": "too many restarts"})
            self.start()
        try:
            self._send({"op": "probe", "probe": name, "args": codec.encode(args)})
            message = self._receive(time.monotonic() + timeout)
        except ChildGone as gone:
            self._kill()
            return ProbeReply(gone.status)
        if message.get("ok") is True:
            try:
                return ProbeReply("ok", value=codec.decode(message.get("value")))
            except (ValueError, TypeError, KeyError) as exc:
                return ProbeReply("bad_output", error={"message": str(exc)[:300]})
        if message.get("ok") is False and isinstance(message.get("error"), dict):
            return ProbeReply("error", error=_clean_error(message["error"]))
        return ProbeReply("bad_output", error={"message": "unexpected reply"})

    def _send(self, message):
        try:
            self._requests.write(json.dumps(message, separators=(",", ":")) + "\n")
            self._requests.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise ChildGone("crashed")

    def _receive(self, deadline):
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildGone("timeout")
            ready, _, _ = select.select([self._replies], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                raise ChildGone("crashed")
            self._buffer += chunk
            if len(self._buffer) > MAX_REPLY_BYTES:
                raise ChildGone("bad_output")
        line, _, self._buffer = self._buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            raise ChildGone("bad_output")
        if not isinstance(message, dict):
            raise ChildGone("bad_output")
        return message


def _clean_error(error):
    """Keep only short strings from a child's error description."""
    frames = error.get("frames") if isinstance(error.get("frames"), list) else []
    return {
        "type": str(error.get("type", "Exception"))[:100],
        "message": str(error.get("message", ""))[:2000],
        "frames": [str(f)[:300] for f in frames[:8]],
    }
