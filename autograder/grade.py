"""The grading pipeline: locate → read → load in sandbox → run checks → settle → results.

Each step is a small function; `grade_file` chains them for one submission file and
`grade_path` runs it for every file the locator finds (docs/ARCHITECTURE.md traces one run).
Nothing a submission does can make these functions raise: every failure becomes a CheckResult
with score 0 and a message. The grader's own failures (a `GraderFault`: MNIST missing, a clean
sandbox failing too, the host out of memory or disk; `grading_error.py`) become a result with
`error` set and no score. (Isolation refused before any work is the grader's condition too:
`isolation.IsolationRequired` propagates to the frontend, which refuses the whole run.)
"""
import secrets
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from autograder import expected as expected_store
from autograder.assignments import KERAS_ASSIGNMENTS
from autograder.checks import checks_for
from autograder.checks.base import Context
from autograder.compare import Outcome, fail
from autograder.grader_fault import GraderFault
from autograder import grading_error, isolate, preflight, probe_share
from autograder.diagnosis import diagnose
from autograder.inprocess import reference_session
from autograder.loader import Source, find_submissions, read_source
from autograder.loader.locate import private_copy
from autograder.options import GradeOptions
from autograder.results import AssignmentResult, CheckResult, all_failed
from autograder.sandbox import choose_runner, isolation, open_sandbox
from autograder.sandbox.limits import Limits

# Budgets are CPU seconds of the sandbox's tree (`sandbox/cpu_budget.py`); they stay below
# `nngrade batch`'s per-job wall timeouts (600 s / 3600 s), so a slow submission gets per-check
# messages rather than a killed job.
NUMPY_LIMITS = Limits(cpu_seconds=300, address_space=8 * 2**30, submission_seconds=480)
MNIST_ASSIGNMENTS = preflight.MNIST_ASSIGNMENTS
# load_seconds: importing TensorFlow takes ~8 s of CPU; CPU time does not grow with the load
# (the wall time did: > 120 s at load average 100), the margin covers slow CPUs.
KERAS_LIMITS = Limits(cpu_seconds=3600, submission_seconds=3000, load_seconds=300)


def outcome_of_reply(reply, check):
    """A probe that did not return normally → the matching failure."""
    what = check.what or check.name
    if reply.status == "error":
        err = reply.error
        where = f" ({err['frames'][-1]})" if err.get("frames") else ""
        if err.get("type") == "ValueError" and "truth value of an array" in str(
                err.get("message", "")):  # scalar-only code: the same advice as observed.py
            return fail("call.not_vectorized", what=what, message=err.get("message"))
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
    if callable(check.expected):  # computed here from what the parent sent (e.g. the data a
        return check.expected(args)  # Keras fit is judged on): no reference run, no TensorFlow
    if not check.hidden:
        return expected_store.load(assignment)[check.name]
    reply = reference().probe(check.probe, args)
    if reply.status != "ok":  # inputs the grader drew, code the grader holds: the grader's fault
        raise GraderFault("grading_error.reference", check=check.name,
                          detail=str(reply.error)[:300])
    return reply.value


def run_check(check, session, ctx, assignment, reference, why_missing=None, drawn=None,
              substitute=()):
    """Run one check against a session (sandbox or in-process) → CheckResult.

    why_missing: name → (key, fields) saying why a needed name is not defined (the loader's
    account: failed statement, dropped cell, …); default "not defined".
    drawn: {check name: args} shared between a check's runs (a rerun gets the same inputs);
    substitute: contract functions whose reference stands in for the student's (isolate.py).
    """
    started = time.monotonic()
    found = []  # ids of the known misconceptions the values match (autograder/diagnoses)
    missing = [n for n in check.needs if n not in session.report.names]
    if missing:
        key, fields = why_missing(missing[0]) if why_missing else ("call.missing",
                                                                   {"name": missing[0]})
        outcome = fail(key, **fields)
    else:
        try:
            args = drawn[check.name] if drawn and check.name in drawn else check.make_args(ctx)
            if drawn is not None:
                drawn[check.name] = args
            probe = (isolate.wrap(check.probe, args, assignment, substitute) if substitute
                     else (check.probe, args))
            reply = session.probe(*probe, check.timeout)
            if reply.status != "ok":
                outcome = outcome_of_reply(reply, check)
            else:
                expected = expected_for(check, assignment, args, reference)
                outcome, found = diagnose(check, assignment, args, reply.value, expected,
                                          check.compare(reply.value, expected))
            if not isinstance(outcome, Outcome):
                raise TypeError("compare returned no Outcome")
        except Exception as exc:  # a grader bug must not cost the other checks
            fault = grading_error.classify(exc)
            if fault is not None:  # the grader could not measure: no score for this check
                key, fields = grading_error.error_of(fault)
                return CheckResult(name=check.name, max_score=check.points, score=0.0,
                                   hidden=check.hidden, key=key, fields=fields,
                                   seconds=round(time.monotonic() - started, 3),
                                   error=(key, fields))
            outcome = fail("grader.error", type=f"{type(exc).__name__}: {exc}"[:300])
    fraction = min(max(float(outcome.fraction), 0.0), 1.0)
    return CheckResult(
        name=check.name, max_score=check.points, score=round(check.points * fraction, 4),
        hidden=check.hidden, key=outcome.key, fields=dict(outcome.fields),
        seconds=round(time.monotonic() - started, 3), diagnoses=found)


def settle(checks, results):
    """Rules across checks, applied once every check has run (on the unsettled results):

    * a check pays only when every check it `requires` passed (property checks — no mutation,
      defaults, shapes — earn nothing next to wrong or missing values; a required check that did
      not run counts as not passed);
    * a failed check whose `uses`/`own` functions failed a check of their own says so in a note
      (not for a helper the reference stood in for: `isolate.rerun_dependents`);
    * a grading error stays one, and a check `requires`-gated on one becomes one (no score).
    """
    passed = {r.name: r.passed for r in results}
    errors = {r.name: r.error for r in results if r.error}
    failed_functions = {c.function for c, r in zip(checks, results)
                        if c.function and not r.passed and r.error is None}
    uses_of = {}  # a function's helpers, from all of its checks (isolate.rerun_dependents)
    for check in checks:
        uses_of.setdefault(check.function, {}).update(dict.fromkeys(check.uses))
    settled = []
    for check, result in zip(checks, results):
        unmet = [name for name in check.requires if not passed.get(name, False)]
        faulted = [errors[name] for name in check.requires if name in errors]
        if result.error is None and faulted:  # gated on a check the grader could not measure
            result = replace(result, score=0.0, key=faulted[0][0], fields=dict(faulted[0][1]),
                             error=faulted[0])
        if result.error is not None:
            settled.append(result)
            continue
        if unmet and result.score > 0:
            result = replace(result, score=0.0, key="check.needs_values",
                             fields={"check": unmet[0], **{k: v for k, v in result.fields.items()
                                                           if k == "diagnoses"}})
        replaced = {n for key, f in result.fields.get("notes", ())
                    if key.startswith("note.reference_helper")
                    for n in f["functions"].replace("`", "").split(", ")}
        deps = [f for f in list(uses_of.get(check.function, ())) + list(check.own)
                if f in failed_functions and f not in replaced]
        if deps and not result.passed:
            notes = list(result.fields.get("notes", ())) + [
                ["note.dependency", {"functions": ", ".join(f"`{d}`" for d in deps)}]]
            fields = {k: v for k, v in result.fields.items() if k != "diagnoses"}
            # values computed through a failing function say nothing about this one's ideas
            result = replace(result, fields={**fields, "notes": notes}, diagnoses=[])
        settled.append(result)
    return settled


def load_problems(report, cells, source=None):
    """LoadReport → (key, fields) messages, each naming the statement's cell and line.

    `source`: the loader's Source the sandbox ran (`cells`, its chunk → cell list, is the same
    information for callers that have no Source).
    """
    if source is None:
        source = Source(chunks=[""] * len(cells), cells=list(cells), lines=[(0, 0)] * len(cells))
    return list(getattr(report, "warnings", [])) + source.load_problems(report)


def grade_file(submission, options=GradeOptions(), child=None):
    """Grade one assignment file → AssignmentResult, as `options` (GradeOptions) say.

    `child`: a `sandbox.shared.SharedChild` of this student (`grade_student.py`): a Keras
    assignment graded in the full sandbox then runs in it (TensorFlow imported once per student).

    Hidden checks (the reference runs in this process) need real isolation: raises
    `isolation.IsolationRequired` without it, unless `--unsafe-no-isolation` was given.
    A GraderFault (or a host memory/disk failure) while grading → the result carries the
    grading error and no score (`grading_error.mark`).
    """
    include_hidden, only = options.include_hidden, options.only
    started = time.monotonic()
    aid = submission.assignment
    seed = secrets.randbits(32) if options.seed is None else options.seed
    checks = checks_for(aid, include_hidden)
    if only is not None:
        unknown = set(only) - {c.name for c in checks}
        if unknown:
            raise ValueError(f"no such checks in {aid}: {', '.join(sorted(unknown))}")
        checks = [c for c in checks if c.name in only]
    hidden = any(c.hidden for c in checks)  # the reference then runs in this process
    needs_isolation = hidden and not isolation.unsafe_allowed()
    if hidden:
        isolation.require_real_isolation()
    result = AssignmentResult(assignment=aid, file=str(submission.path) if submission.path else None,
                              seed=seed)
    try:
        _grade_into(result, submission, checks, options, hidden, needs_isolation, child)
    except Exception as exc:
        fault = grading_error.classify(exc)
        if fault is None:
            raise
        grading_error.mark(result, checks, fault)
    result.seconds = round(time.monotonic() - started, 3)
    if result.error is None:
        result.error = next((c.error for c in result.checks if c.error), None)
    return result


def _grade_into(result, submission, checks, options, hidden, needs_isolation, child=None):
    """`grade_file`'s steps for one submission, filling RESULT (may raise a GraderFault)."""
    aid, seed = result.assignment, result.seed
    if submission.path is None:
        result.checks = all_failed(checks, "load.missing_file",
                                    {"expected": f"{aid}/{aid}.ipynb"})
        return result
    if submission.refusal is not None:  # the locator saw a link or a FIFO: nothing is read
        refusal = (submission.refusal.key, submission.refusal.fields)
        result.problems.append(refusal)
        result.checks = all_failed(checks, *refusal)
        return result
    with tempfile.TemporaryDirectory(prefix="nngrade-read-") as private:
        copy, refusal = private_copy(submission, private)  # re-checked while reading
        if refusal is not None:
            result.problems.append(refusal)
            result.checks = all_failed(checks, *refusal)
            return result
        source = read_source(copy, needed={n for c in checks for n in c.needs})
    result.problems.extend(source.problems)
    if source.fatal:
        key, fields = source.problems[0]
        result.checks = all_failed(checks, key, fields)
        return result
    mnist_path = None  # only the MNIST assignment sees the file (resolved: the sandbox
    if aid in MNIST_ASSIGNMENTS:  # mounts the real file, a symlink's target may be hidden there)
        mnist_path = preflight.mnist_file(options.mnist_path)
    ctx = Context(rng=np.random.default_rng(seed), mode=options.mode, mnist_path=mnist_path,
                  graded=frozenset(c.name for c in checks))

    def reference():  # loaded on first use (public checks never need it), then cached
        return reference_session(aid)

    limits = KERAS_LIMITS if aid in KERAS_ASSIGNMENTS else NUMPY_LIMITS
    with tempfile.TemporaryDirectory(prefix=f"nngrade-{aid}-") as tmp:
        readable = [mnist_path] if mnist_path else []
        if child is not None and aid in KERAS_ASSIGNMENTS \
                and choose_runner(not hidden, options.runner) == "sandbox":
            sandbox = child.session(source.chunks, source.cells, limits, readable,
                                    require_isolation=needs_isolation)
        else:
            sandbox = open_sandbox(source.chunks, tmp, public_only=not hidden,
                                   runner=options.runner, labels=source.cells, limits=limits,
                                   readable=readable, require_isolation=needs_isolation)
        try:
            report = sandbox.start()
            result.problems.extend(load_problems(report, source.cells, source))
            grader_side(report, aid, public_only=not hidden)

            def why_missing(name):
                return source.why_missing(name, sandbox.report)
            drawn = {}
            session = probe_share.OneCallPerArgs(sandbox) if aid in KERAS_ASSIGNMENTS \
                else sandbox  # equal Keras probe calls run once (probe_share.py)

            def run(check, substitute=()):
                return run_check(check, session, ctx, aid, reference, why_missing, drawn,
                                 substitute)
            results = isolate.rerun_dependents(checks, [run(c) for c in checks], aid, run)
            result.checks = settle(checks, results)
        finally:
            sandbox.close()


def grader_side(report, aid, public_only):
    """Raise a GraderFault when the sandbox's trouble is the grader's: isolation refused at
    start, or the sandbox not starting / numpy or TensorFlow not importing, and a clean
    sandbox (the parent's own probe, `preflight.clean_sandbox_fault`) failing the same way."""
    if report.skipped.get(-1) == "refused":
        why = next((f.get("why", "") for k, f in report.warnings if k == "sandbox.refused"), "")
        raise GraderFault("grading_error.isolation", why=why or "the sandbox is not available")
    modules = preflight.BASE_MODULES + (preflight.KERAS_MODULES if aid in KERAS_ASSIGNMENTS
                                        else ())
    module = preflight.failed_import(report, modules)
    if module is None and report.skipped.get(-1) in ("crashed", "bad_output") \
            and not report.names:
        module = preflight.BASE_MODULES[0]  # nothing loaded at all: does a clean one start?
    if module is not None:
        fault = preflight.clean_sandbox_fault(module, public_only)
        if fault is not None:
            raise fault


def grade_path(path, assignment=None, *, options=GradeOptions()):
    """Grade every assignment found at PATH → list of AssignmentResult (ValueError if none);
    one sandbox child per file (`grade_student.grade_path` shares one among 05–07)."""
    return [grade_file(sub, options) for sub in find_submissions(Path(path), assignment)]
