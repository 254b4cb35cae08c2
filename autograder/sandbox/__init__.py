"""Run student code in a limited, isolated child process; only plain values come back.

See docs/SECURITY.md for what is enforced where. `open_sandbox` is the one place that decides
which runner grades a submission:

* the full sandbox (`runner.Sandbox`, Linux) wherever real isolation is available;
* the portable runner (`portable.PortableRunner`, any OS) where it is not and only public checks
  run — a student checking their own code on their own machine;
* hidden checks without real isolation: the full sandbox in its degraded mode where it runs (the
  grader's refusal policy decides whether it may), and a refusal where it cannot run at all.

`runner.py` (POSIX-only imports) is imported only when the full sandbox is chosen, so this package
imports on Windows.
"""
import os
import sys

from autograder.sandbox import isolation
from autograder.sandbox.protocol import LoadReport, ProbeReply  # noqa: F401

RUNNERS = ("auto", "sandbox", "portable")


def sandbox_runs_here():
    """Can the full sandbox start at all (even degraded)? Linux with fork (the launcher uses
    prctl, /proc and POSIX process groups)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def choose_runner(public_only, requested="auto"):
    """→ "sandbox" | "portable" | "refused". `requested` forces a runner ("portable" only for
    public checks: hidden checks never run without the sandbox)."""
    if requested not in RUNNERS:
        raise ValueError(f"unknown runner {requested!r}; choose one of {', '.join(RUNNERS)}")
    if requested == "portable":
        return "portable" if public_only else "refused"
    runs = sandbox_runs_here()
    if requested == "sandbox":
        return "sandbox" if runs else "refused"
    if runs and isolation.status().real:
        return "sandbox"
    if public_only:
        return "portable"
    return "sandbox" if runs else "refused"


class Refused:
    """Runs nothing: every check gets `call.crashed` and the report says why."""

    def __init__(self, *args, **kwargs):
        self.report = LoadReport(skipped={-1: "refused"},
                                 warnings=[("sandbox.unavailable", {})])

    def start(self):
        return self.report

    def probe(self, name, args, timeout):
        return ProbeReply("crashed", error={"message": "the sandbox is not available here"})

    def close(self):
        pass


def open_sandbox(chunks, workdir, *, public_only, runner="auto", **options):
    """A runner for one submission (not started); options as for `runner.Sandbox`."""
    kind = choose_runner(public_only, runner)
    if kind == "portable":
        from autograder.sandbox.portable import PortableRunner
        return PortableRunner(chunks, workdir, **options)
    if kind == "refused":
        return Refused()
    from autograder.sandbox.runner import Sandbox
    return Sandbox(chunks, workdir, **options)


def __getattr__(name):  # `from autograder.sandbox import Sandbox` keeps working (POSIX only)
    if name == "Sandbox":
        from autograder.sandbox.runner import Sandbox
        return Sandbox
    raise AttributeError(name)
