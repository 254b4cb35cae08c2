"""What the grader needs, checked by the grader itself: MNIST, isolation, imports in a sandbox.

Two uses:

* before a class run (`nngrade batch`, `nngrade grade FOLDER`): `problems(assignments, hidden,
  mnist)` lists what would make every student's result a grading error — the MNIST file for
  06_mnist, real isolation when hidden checks run, `import tensorflow` in a clean sandbox when
  a Keras assignment is in the run — and the frontend refuses to start, with the reason;
* while grading one submission (`grade.grade_file`): `mnist_file` resolves and validates the
  grader's MNIST file (a GraderFault when missing or unreadable), and `clean_sandbox_fault` is
  asked when a submission's sandbox did not start or its import of numpy/TensorFlow failed: if
  a sandbox holding nothing but that import fails too, the grader is at fault; if it works,
  the submission broke it and keeps its score. The clean sandbox is the parent's own probe, so a
  student cannot fake a grading error.
"""
import functools
import tempfile
from pathlib import Path

from autograder.assignments import KERAS_ASSIGNMENTS
from autograder.grader_fault import GraderFault

REFUSED = 3  # exit code of a frontend that refused to start (`nngrade grade`/`batch`)
MNIST_ASSIGNMENTS = ("06_mnist",)
# A clean sandbox's import of TensorFlow: ~8 s alone; minutes on a machine busy with training
# (the grader's own KERAS_LIMITS.load_seconds, 300 s, is the bound used here too).
IMPORT_SECONDS = 300.0
BASE_MODULES = ("numpy",)       # every sandbox imports these (the worker's codec)
KERAS_MODULES = ("tensorflow", "keras")


def _short(exc):
    return f"{type(exc).__name__}: {exc}"[:300]


@functools.lru_cache(maxsize=8)
def _valid_mnist(path, size, mtime_ns):  # cached per file version; only successes are kept
    import nndata
    nndata.load_mnist_raw(path)  # keys, shapes, dtypes, labels: raises ValueError / OSError
    return True


def mnist_file(explicit=None):
    """The grader's MNIST .npz → its resolved path, validated; GraderFault when missing or
    unreadable. EXPLICIT (a frontend's --mnist / $NNLAB_MNIST) wins; else nndata's rule
    ($NNLAB_MNIST, else Keras' cache, downloaded once when the host has internet)."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise GraderFault("grading_error.mnist_missing", error=f"no file at {explicit}"[:300])
    else:
        path = Path(_mnist_from_keras())
    path = path.resolve()  # the sandbox mounts the real file: a symlink's target may be hidden
    try:
        info = path.stat()
        _valid_mnist(str(path), info.st_size, info.st_mtime_ns)
    except Exception as exc:  # unreadable, not a zip, wrong keys/shapes/dtypes
        raise GraderFault("grading_error.mnist_unreadable", path=str(path), error=_short(exc))
    return str(path)


# Keras' cache, downloading once: a child process, so TensorFlow's log lines and Keras'
# "Downloading data" never reach the terminal and TensorFlow never loads in the grader itself
KERAS_MNIST = ("import os, nndata\n"
               "print(os.fspath(nndata.mnist_file()))\n")
DOWNLOAD_SECONDS = 600.0  # 11 MB; the child fails fast without internet


def _mnist_from_keras():
    """nndata's rule ($NNLAB_MNIST, else Keras' cache or its download) run in a child → the
    path; GraderFault with the child's last error line when it fails."""
    import os
    import subprocess
    import sys
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    try:
        proc = subprocess.run([sys.executable, "-c", KERAS_MNIST], capture_output=True,
                              text=True, env=env, timeout=DOWNLOAD_SECONDS)
    except subprocess.TimeoutExpired:
        raise GraderFault("grading_error.mnist_missing",
                          error=f"no MNIST after {DOWNLOAD_SECONDS:g} s of downloading")
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    if proc.returncode != 0 or not lines:
        errors = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        raise GraderFault("grading_error.mnist_missing",
                          error=(errors[-1] if errors else f"exit {proc.returncode}")[:300])
    return lines[-1]


@functools.lru_cache(maxsize=4)
def _clean_import_works(module, public_only):  # only successes are cached (failures raise)
    fault = _clean_import(module, public_only)
    if fault is not None:
        raise fault
    return True


def _clean_import(module, public_only):
    from autograder.sandbox import isolation, open_sandbox
    from autograder.sandbox.limits import Limits
    limits = Limits(load_seconds=IMPORT_SECONDS, submission_seconds=IMPORT_SECONDS + 60)
    with tempfile.TemporaryDirectory(prefix="nngrade-preflight-") as tmp:
        sandbox = open_sandbox([f"import {module}\n"], tmp, public_only=public_only,
                               labels=["preflight"], limits=limits,
                               require_isolation=not public_only and not isolation.unsafe_allowed())
        try:
            report = sandbox.start()
        finally:
            sandbox.close()
    if report.errors:
        err = report.errors[0]
        return GraderFault("grading_error.import_failed", module=module,
                           error=f"{err.get('type')}: {err.get('message')}"[:300])
    if report.skipped:
        status = next(iter(report.skipped.values()))
        if report.skipped.get(-1) == "refused":
            why = next((f.get("why", "") for k, f in report.warnings if k == "sandbox.refused"),
                       "")
            return GraderFault("grading_error.isolation", why=why or "refused")
        return GraderFault("grading_error.import_failed", module=module, error=str(status))
    return None


def clean_sandbox_fault(module, public_only=False):
    """None when a sandbox holding only `import MODULE` loads; else the GraderFault saying why."""
    try:
        _clean_import_works(module, bool(public_only))
    except GraderFault as fault:
        return fault
    return None


IMPORT_ERRORS = ("ImportError", "ModuleNotFoundError")


def failed_import(report, modules):
    """The first of MODULES a LoadReport's errors show failing to import (None if none)."""
    for err in report.errors:
        if err.get("type") not in IMPORT_ERRORS:
            continue
        text = str(err.get("message", ""))
        for module in modules:
            if module in text:
                return module
    return None


def isolation_fault():
    """GraderFault when hidden checks cannot get real isolation here (and it was not waived)."""
    from autograder.sandbox import isolation
    found = isolation.status()
    if found.real or isolation.unsafe_allowed():
        return None
    return GraderFault("grading_error.isolation", why=found.explain("en"))


def problems(assignments, hidden, mnist=None, sandbox_imports=True):
    """Before a class run: [(assignments affected, GraderFault)] that would fail every student.
    sandbox_imports=False skips the clean-sandbox imports (seconds each; TensorFlow ~8 s)."""
    assignments = sorted(set(assignments))
    found = []
    if hidden:
        fault = isolation_fault()
        if fault is not None:
            return [(assignments, fault)]  # nothing else can be checked without it
    mnist_run = [a for a in assignments if a in MNIST_ASSIGNMENTS]
    if mnist_run:
        try:
            mnist_file(mnist)
        except GraderFault as fault:
            found.append((mnist_run, fault))
    if not sandbox_imports:
        return found
    for module in BASE_MODULES:
        fault = clean_sandbox_fault(module, public_only=not hidden)
        if fault is not None:
            return found + [(assignments, fault)]
    # one reason per assignment: a Keras assignment refused already (no MNIST) needs no clean
    # sandbox's TensorFlow import (~8 s) to be refused
    refused = {a for aids, _ in found for a in aids}
    keras_run = [a for a in assignments if a in KERAS_ASSIGNMENTS and a not in refused]
    if keras_run:
        fault = clean_sandbox_fault("tensorflow", public_only=not hidden)
        if fault is not None:
            found.append((keras_run, fault))
    return found


def refusal_lines(found, lang="en"):
    """The lines a frontend prints when `problems` found something."""
    from autograder import grading_error
    from autograder.messages import render
    return [render("grading_error.preflight", {"assignments": ", ".join(aids),
                                               "reason": grading_error.reason(
                                                   grading_error.error_of(fault), lang)}, lang)
            for aids, fault in found]
