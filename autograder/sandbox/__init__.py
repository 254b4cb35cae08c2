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
from dataclasses import dataclass

from autograder.messages import register
from autograder.sandbox.protocol import LoadReport, ProbeReply  # noqa: F401

RUNNERS = ("auto", "sandbox", "portable")

register({
    "sandbox.degraded": {
        "ko": "채점 격리 약화: {what} 적용 불가 ({why}). 채점은 계속합니다.",
        "en": "sandbox: {what} could not be applied ({why}); grading continues with weaker "
              "isolation"},
    "sandbox.refused": {
        "ko": "채점 샌드박스를 시작하지 않았습니다: {why}",
        "en": "the grading sandbox did not start: {why}"},
    "sandbox.unavailable": {
        "ko": "이 컴퓨터에서는 격리 채점 샌드박스(Linux 전용)를 쓸 수 없어 비공개 테스트를 채점하지 "
              "않았습니다. 공개 테스트만 실행하려면 `nngrade check`를 쓰세요.",
        "en": "the isolated grading sandbox (Linux only) is not available on this computer, so "
              "hidden checks were not graded; use `nngrade check` for the public checks"},
    "call.budget": {
        "ko": "{what}: 제출물 전체의 채점 시간 한도({seconds}초)를 모두 사용해 실행하지 않았습니다.",
        "en": "{what}: not run, the submission used up its total time budget ({seconds} s)"},
})


@dataclass(frozen=True)
class IsolationStatus:
    real: bool   # namespaces and a private uid can be applied: hidden checks may be graded
    why: str     # one line for logs and reports


def isolation_status():
    """Whether real isolation is available here.

    Stand-in with the contract of `autograder.sandbox.isolation.status()`, which the isolation
    work adds (namespaces as root, or unprivileged user namespaces); until then: Linux, running
    as root, with `os.fork` (the launcher's namespace set-up).
    """
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return IsolationStatus(False, f"no Linux sandbox on this platform ({sys.platform})")
    if os.geteuid() != 0:
        return IsolationStatus(False, "not running as root")
    return IsolationStatus(True, "namespaces as root")


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
    if requested == "sandbox" or isolation_status().real:
        return "sandbox" if sandbox_runs_here() else "refused"
    if public_only:
        return "portable"
    return "sandbox" if sandbox_runs_here() else "refused"


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


def __getattr__(name):  # `from autograder.sandbox import Sandbox` keeps working (POSIX)
    if name == "Sandbox":
        from autograder.sandbox.runner import Sandbox
        return Sandbox
    raise AttributeError(name)
