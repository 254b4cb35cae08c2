"""The grading pipeline: locate → read → load in sandbox → run checks → results.

Each step is a small function; `grade_path` chains them. Nothing a submission does can make
these functions raise: every failure becomes a CheckResult with score 0 and a message.
"""
import secrets
import tempfile
import time
from pathlib import Path

import numpy as np

from autograder import expected as expected_store
from autograder.assignments import KERAS_ASSIGNMENTS
from autograder.checks import checks_for
from autograder.checks.base import Context
from autograder.compare import Outcome, fail
from autograder.inprocess import reference_session
from autograder.loader import find_submissions, read_source
from autograder.results import AssignmentResult, CheckResult
from autograder.sandbox import open_sandbox
from autograder.sandbox.limits import Limits

# Wall budgets stay below `nngrade batch`'s per-job timeouts (600 s / 3600 s), so a slow
# submission gets per-check messages rather than a killed job.
NUMPY_LIMITS = Limits(cpu_seconds=300, address_space=8 * 2**30, submission_seconds=480)
MNIST_ASSIGNMENTS = ("06_mnist",)
# load_seconds: importing TensorFlow takes ~8 s alone but minutes on a machine busy with
# parallel TensorFlow jobs (seen: > 120 s at load average 100).
KERAS_LIMITS = Limits(cpu_seconds=3600, submission_seconds=3000, load_seconds=300)


def outcome_of_reply(reply, check):
    """A probe that did not return normally → the matching failure."""
    what = check.what or check.name
    if reply.status == "error":
        err = reply.error
        where = f" ({err['frames'][-1]})" if err.get("frames") else ""
        return fail("call.error", what=what, type=err.get("type"), message=err.get("message"),
                    where=where)
    if reply.status == "timeout":
        if reply.error.get("budget"):
            return fail("call.budget", what=what, seconds=reply.error["budget"])
        return fail("call.timeout", what=what, seconds=check.timeout)
    if reply.status == "crashed":
        return fail("call.crashed", what=what)
    return fail("call.bad_output", what=what, message=reply.error.get("message", ""))


def expected_for(check, assignment, args, reference):
    if check.expected is None:
        return None
    if not check.hidden:
        return expected_store.load(assignment)[check.name]
    reply = reference().probe(check.probe, args)
    if reply.status != "ok":
        raise RuntimeError(f"reference failed on {check.name}: {reply.error}")
    return reply.value


def run_check(check, session, ctx, assignment, reference):
    """Run one check against a session (sandbox or in-process) → CheckResult."""
    started = time.monotonic()
    missing = [n for n in check.needs if n not in session.report.names]
    if missing:
        outcome = fail("call.missing", name=missing[0])
    else:
        try:
            args = check.make_args(ctx)
            reply = session.probe(check.probe, args, check.timeout)
            if reply.status != "ok":
                outcome = outcome_of_reply(reply, check)
            else:
                outcome = check.compare(reply.value, expected_for(check, assignment, args,
                                                                   reference))
            if not isinstance(outcome, Outcome):
                raise TypeError("compare returned no Outcome")
        except Exception as exc:  # a grader bug must not cost the other checks
            outcome = fail("grader.error", type=f"{type(exc).__name__}: {exc}"[:300])
    fraction = min(max(float(outcome.fraction), 0.0), 1.0)
    return CheckResult(
        name=check.name, max_score=check.points, score=round(check.points * fraction, 4),
        hidden=check.hidden, key=outcome.key, fields=dict(outcome.fields),
        seconds=round(time.monotonic() - started, 3))


def load_problems(report, cells):
    """LoadReport → (key, fields) messages; `cells` maps chunk index → notebook cell number."""
    problems = list(getattr(report, "warnings", []))
    problems += [("load.cell_error", {"cell": e.get("cell"), "type": e.get("type"),
                                     "message": e.get("message")}) for e in report.errors]
    for index, status in sorted(report.skipped.items()):
        if index < 0:
            problems.append(("load.failed", {"status": status}))
        else:
            problems.append(("load.cell_killed", {"cell": cells[index], "status": status}))
    return problems


def find_mnist(problems):
    """MNIST for the sandbox, which has no network: $NNLAB_MNIST or Keras' cache (downloaded here,
    in the grader, once). None (and a problem message) when neither works."""
    try:
        import nndata
        return str(nndata.mnist_file())
    except Exception as exc:  # no file, no internet: the MNIST checks report it
        problems.append(("load.no_mnist", {"error": f"{type(exc).__name__}: {exc}"[:300]}))
        return None


def _all_failed(checks, key, fields):
    return [CheckResult(name=c.name, max_score=c.points, score=0.0, hidden=c.hidden, key=key,
                        fields=dict(fields)) for c in checks]


def grade_file(submission, *, mode="quick", seed=None, include_hidden=True, mnist_path=None,
               workdir=None, only=None, runner="auto"):
    """Grade one assignment file → AssignmentResult.

    only: names of the checks to run (all when None); for tests that need a few checks only.
    runner: "auto" (the choice `autograder.sandbox.open_sandbox` makes), or "sandbox" /
    "portable" to force one ("portable" is refused for hidden checks).
    """
    started = time.monotonic()
    aid = submission.assignment
    seed = secrets.randbits(32) if seed is None else int(seed)
    checks = checks_for(aid, include_hidden)
    if only is not None:
        unknown = set(only) - {c.name for c in checks}
        if unknown:
            raise ValueError(f"no such checks in {aid}: {', '.join(sorted(unknown))}")
        checks = [c for c in checks if c.name in only]
    result = AssignmentResult(assignment=aid, file=str(submission.path) if submission.path else None,
                              seed=seed)
    if submission.path is None:
        result.checks = _all_failed(checks, "load.missing_file",
                                    {"expected": f"{aid}/{aid}.ipynb"})
        return result
    source = read_source(submission.path)
    result.problems.extend(source.problems)
    if source.fatal:
        key, fields = source.problems[0]
        result.checks = _all_failed(checks, key, fields)
        return result
    if aid in MNIST_ASSIGNMENTS and mnist_path is None:
        mnist_path = find_mnist(result.problems)
    if mnist_path:  # the sandbox mounts the real file: a symlink's target may be hidden there
        mnist_path = str(Path(mnist_path).resolve())
    ctx = Context(rng=np.random.default_rng(seed), mode=mode, mnist_path=mnist_path)
    reference_cache = []

    def reference():
        if not reference_cache:
            reference_cache.append(reference_session(aid))
        return reference_cache[0]

    limits = KERAS_LIMITS if aid in KERAS_ASSIGNMENTS else NUMPY_LIMITS
    with tempfile.TemporaryDirectory(prefix=f"nngrade-{aid}-", dir=workdir) as tmp:
        public_only = not any(c.hidden for c in checks)  # e.g. the student wheel has none
        sandbox = open_sandbox(source.chunks, tmp, public_only=public_only, runner=runner,
                               labels=source.cells, limits=limits,
                               readable=[mnist_path] if mnist_path else [])
        try:
            result.problems.extend(load_problems(sandbox.start(), source.cells))
            result.checks = [run_check(c, sandbox, ctx, aid, reference) for c in checks]
        finally:
            sandbox.close()
    result.seconds = round(time.monotonic() - started, 3)
    return result


def grade_path(path, assignment=None, **options):
    """Grade every assignment found at PATH → list of AssignmentResult (ValueError if none)."""
    return [grade_file(sub, **options) for sub in find_submissions(Path(path), assignment)]
