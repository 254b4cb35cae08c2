"""What a runner (the full sandbox or the portable runner) hands back to the grader.

Kept free of POSIX-only imports: the portable runner, the in-process session and the notebook
helpers import these on every platform, Windows included.
"""
import time
from dataclasses import dataclass, field

from autograder.sandbox import codec

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
    skipped: dict = field(default_factory=dict)  # chunk index -> "timeout" | "crashed" | ...
    warnings: list = field(default_factory=list)  # (message key, fields): weaker isolation
    isolation: list = field(default_factory=list)  # what the launcher applied


def clean(text, limit=300):
    return codec.clean_text(text, limit)


def clean_error(error):
    """Keep only short, printable strings from a child's error description."""
    frames = error.get("frames") if isinstance(error.get("frames"), list) else []
    return {
        "type": clean(error.get("type", "Exception"), 100),
        "message": clean(error.get("message", ""), 2000),
        "frames": [clean(f, 300) for f in frames[:8]],
    }


def clean_load_errors(errors):
    out = []
    for error in errors[:50] if isinstance(errors, list) else []:
        if isinstance(error, dict):
            cell = error.get("cell")
            out.append({"cell": cell if type(cell) is int else None, **clean_error(error)})
    return out


def loaded_names(names):
    """The names a `loaded` event lists, kept only when they are identifiers."""
    if not isinstance(names, list):
        return []
    return [n for n in names if type(n) is str and n.isidentifier()][:1000]


class ChildGone(Exception):
    """The child must be killed: status "timeout" | "crashed" | "bad_output" | "refused"."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class ProbeRequests:
    """The request logic both runners share (`runner.Sandbox`, `portable.PortableRunner`).

    A runner provides `start()`, `_send(message, deadline) -> id`, `_receive(deadline, expect)`
    and `_kill()` for its transport, and the attributes `proc`, `report`, `restarts`, `limits`
    and `_deadline` (end of the submission's wall budget, set by `start`; the full sandbox
    overrides `_remaining`/`_until` with CPU-time budgets, `cpu_budget.py`).
    """
    max_restarts = MAX_RESTARTS  # restarts after a crash or timeout, per submission

    def _remaining(self):
        return self._deadline - time.monotonic()

    def _until(self, seconds):
        return time.monotonic() + min(seconds, max(self._remaining(), 0))

    def _child_alive(self):
        return self.proc is not None and self.proc.poll() is None

    def probe(self, name, args, timeout):
        """Run probe `name` on the student's code; never raises for anything the child does."""
        if self._deadline is not None and self._remaining() <= 0:
            return self._out_of_budget()
        if self.report.skipped.get(-1) == "refused":
            return ProbeReply("crashed", error={"message": "the sandbox refused to start"})
        if not self._child_alive():
            self.restarts += 1
            if self.restarts > self.max_restarts:
                return ProbeReply("crashed", error={"message": "too many restarts"})
            self.start()
            if self.proc is None:
                if self.report.skipped.get(-1) == "budget":
                    return self._out_of_budget()
                return ProbeReply("crashed", error={"message": "the sandbox did not start"})
        deadline = self._until(timeout)
        try:
            request = self._send({"op": "probe", "probe": name, "args": codec.encode(args)},
                                 deadline)
            message = self._receive(deadline, expect=request)
        except ChildGone as gone:
            self._kill()
            if gone.status == "timeout" and self._remaining() <= 0:
                return self._out_of_budget()
            return ProbeReply(gone.status)
        return reply_of(message)

    def _out_of_budget(self):
        seconds = self.limits.submission_seconds
        return ProbeReply("timeout", error={"message": f"submission time budget ({seconds:g} s) "
                                            "used up", "budget": seconds})


def reply_of(message):
    """A probe's answer line → ProbeReply (values decoded by `codec.decode`, text cleaned)."""
    if message.get("ok") is True:
        try:
            return ProbeReply("ok", value=codec.decode(message.get("value")))
        except ValueError as exc:
            return ProbeReply("bad_output", error={"message": clean(exc)})
    if message.get("ok") is False and isinstance(message.get("error"), dict):
        return ProbeReply("error", error=clean_error(message["error"]))
    return ProbeReply("bad_output", error={"message": "unexpected reply"})
