"""`nngrade batch`: grade a whole class from an nbgrader ``submitted/`` tree, in parallel.

    nngrade batch COURSE_OR_SUBMITTED_DIR -j 2 --out grades.csv [--results-dir results/]

Layout read: ``submitted/<student>/<assignment_id>/<assignment_id>.ipynb`` (or ``.py``, a renamed
``<assignment_id>*.ipynb``, or the folder's only notebook: the locator's rule,
``autograder/loader/locate.py``). One job = one (student, assignment). Nothing below
``submitted/`` is followed: a link (student folder, assignment folder, notebook, timestamp.txt)
makes that job a 0 with the reason, and the batch goes on.

Jobs run in long-lived *worker processes* (``-j N`` of them, started with ``spawn``). A worker
calls ``autograder.grade.grade_file``, which itself runs the student's code in a sandbox child.
The parent only schedules, so nothing a job does can stop the batch:

* an exception in the grader becomes an error row (score 0, ``error`` column says why);
* a worker that dies (segfault, OOM kill, ``os._exit``) is replaced; its job is retried once in a
  fresh worker, then becomes an error row;
* a job running longer than ``--timeout`` seconds is stopped (SIGTERM, so the worker closes its
  sandbox child; SIGKILL after a grace period) and becomes an error row.

All limits are wall-clock: with ``-j`` > 1, a submission that hogs the CPU slows its neighbours.
``--recheck-timeouts`` grades every job a time limit decided once more, alone, at the end.

Outputs: one CSV row per (student, assignment), sorted by (student, assignment) whatever ``-j``
is (``reporters/csv_rows.py`` documents the columns; ``--format nbgrader-csv`` writes nbgrader's
export columns instead) and ``<results-dir>/<student>/results.json`` in Gradescope's schema.

Seeds: each job's hidden-check seed is derived from ``--seed`` and (student, assignment), so a
row is reproducible with ``nngrade grade FILE --seed <row's seed>`` and independent of ``-j`` and
``--shard``. ``--shard K/N`` grades the students whose index in the sorted list is K-1 modulo N.
"""
import argparse
import hashlib
import importlib
import json
import multiprocessing
import os
import secrets
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_any
from pathlib import Path
from typing import Optional

from autograder.assignments import ASSIGNMENT_IDS, KERAS_ASSIGNMENTS
from autograder.loader.locate import (Refusal, SubmissionFile, entry_at, locate,
                                      read_small_text)
from autograder.results import AssignmentResult, CheckResult

DEFAULT_TIMEOUT = {"numpy": 600.0, "keras": 3600.0}  # seconds per (student, assignment) job
START_ALLOWANCE = 300.0  # a new worker's imports (numpy, the checks) before its clock starts
KILL_GRACE = 5.0      # seconds between SIGTERM and SIGKILL of a worker past its deadline
CRASH_RETRIES = 1     # a job whose worker died is retried this many times in a fresh worker
DEFAULT_GRADER = "autograder.batch:grade_job"
TIMEOUT_KEYS = {"batch.timeout", "call.timeout", "call.budget"}

# -- discovering the jobs ----------------------------------------------------------------------
@dataclass(frozen=True)
class Job:
    student: str
    assignment: str
    path: Optional[str]          # file to grade; None: the folder holds no notebook/module
    seed: int
    mode: str = "quick"
    mnist: Optional[str] = None
    timestamp: str = ""          # nbgrader's submitted/<student>/<id>/timestamp.txt, if any
    root: Optional[str] = None   # the resolved submitted/ folder; path lies below it
    refusal: Optional[Refusal] = None  # the locator refused this assignment (a link, a FIFO)

    @property
    def key(self):
        return (self.student, self.assignment)


@dataclass
class Outcome:
    job: Job
    result: AssignmentResult
    error: str = ""              # why the job could not be graded normally ("" when it was)
    attempts: int = 1
    rechecked: bool = False      # graded again alone (--recheck-timeouts)

    @property
    def timed_out(self):
        """Did a wall-clock limit decide anything here (the batch's, or a probe's/load's)?"""
        if self.error.startswith("timed out"):
            return True
        keys = {c.key for c in self.result.checks} | {k for k, _ in self.result.problems}
        statuses = {str(f.get("status")) for _, f in self.result.problems}
        return bool(keys & TIMEOUT_KEYS) or "timeout" in statuses


def submitted_root(path):
    """A course folder (holding submitted/) or the submitted/ folder itself."""
    path = Path(path)
    return path / "submitted" if (path / "submitted").is_dir() else path


def derive_seed(base, student, assignment):
    digest = hashlib.sha256(f"{base}:{student}:{assignment}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def parse_shard(text):
    """'K/N' (1 <= K <= N) → (K, N)."""
    try:
        k, n = (int(x) for x in str(text).split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard wants K/N, e.g. 1/4; got {text!r}")
    if not 1 <= k <= n:
        raise argparse.ArgumentTypeError(f"--shard {text}: need 1 <= K <= N")
    return k, n


def students_of(root, shard=None):
    """Student folder names (a link among them is listed: discovery refuses it, visibly)."""
    names = sorted(p.name for p in Path(root).iterdir()
                   if (p.is_symlink() or p.is_dir()) and not p.name.startswith("."))
    if shard:
        k, n = shard
        names = [s for i, s in enumerate(names) if i % n == k - 1]
    return names


def locate_job(root, student, aid):
    """(SubmissionFile, timestamp) of submitted/<student>/<aid>/ by the locator's rule, or None
    when the student has no such folder. Links on the way are refused, never followed."""
    folder = (student, aid)
    for parts in ((student,), folder):
        entry = entry_at(root, parts)
        if entry.kind == "link":
            return SubmissionFile(aid, root.joinpath(*parts), root,
                                  Refusal("locate.symlink", "/".join(parts))), ""
    if not root.joinpath(*folder).is_dir():
        return None
    found = locate(root, aid, known=True, prefix=folder)
    when, refused = read_small_text(root, (*folder, "timestamp.txt"))
    if refused and found.refusal is None:
        found = SubmissionFile(aid, found.path or root.joinpath(*folder), root, refused)
    first_line = when.splitlines()[0] if when.strip() else ""
    return found, first_line.strip()[:64]


def discover(root, assignment=None, shard=None, seed=0, mode="quick", mnist=None):
    """Jobs for every submitted (student, assignment) under ROOT, sorted."""
    root = submitted_root(root)
    if not root.is_dir():
        raise ValueError(f"no such folder: {root}")
    root = root.resolve()  # the folder the instructor named may be a link; nothing below it
    wanted = [assignment] if assignment else list(ASSIGNMENT_IDS)
    jobs = []
    for student in students_of(root, shard):
        for aid in wanted:
            located = locate_job(root, student, aid)
            if located is None:
                continue
            found, when = located
            jobs.append(Job(student=student, assignment=aid,
                            path=str(found.path) if found.path else None,
                            seed=derive_seed(seed, student, aid), mode=mode, mnist=mnist,
                            timestamp=when, root=str(root), refusal=found.refusal))
    return sorted(jobs, key=lambda j: j.key)


# -- what a worker does --------------------------------------------------------------------------
def grade_job(job):
    """The default grader: one (student, assignment) through the normal pipeline."""
    from autograder.grade import grade_file
    path = Path(job.path) if job.path else None
    submission = SubmissionFile(job.assignment, path, Path(job.root) if job.root else None,
                                job.refusal)
    return grade_file(submission, mode=job.mode, seed=job.seed, include_hidden=True,
                      mnist_path=job.mnist)


def _resolve(spec):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # unwinds grade_file's `finally`, which kills the sandbox


def worker_main(conn, grader_spec):
    """Worker process loop: receive a Job, send ("started", None), then ("ok", AssignmentResult)
    or ("error", text)."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    grader = _resolve(grader_spec)
    importlib.import_module("autograder.grade")  # warm up before any job's clock runs
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(("started", None))  # the job's clock starts now, not while we imported
        try:
            reply = ("ok", grader(job))
        except Exception as exc:
            reply = ("error", f"{type(exc).__name__}: {exc}"[:500])
        try:
            conn.send(reply)
        except Exception as exc:  # e.g. an unpicklable value: report instead of dying
            conn.send(("error", f"cannot return the result: {type(exc).__name__}: {exc}"[:500]))


# -- failure rows --------------------------------------------------------------------------------
def failed_result(job, key, fields):
    """An AssignmentResult with every check at 0 and KEY as the reason."""
    result = AssignmentResult(assignment=job.assignment, file=job.path, seed=job.seed)
    try:
        from autograder.checks import checks_for
        checks = checks_for(job.assignment, include_hidden=True)
    except Exception as exc:  # no checks module for this assignment (yet)
        result.problems.append((key, dict(fields)))
        result.problems.append(("batch.error", {"detail": f"{type(exc).__name__}: {exc}"[:300]}))
        return result
    result.checks = [CheckResult(name=c.name, max_score=c.points, score=0.0, hidden=c.hidden,
                                 key=key, fields=dict(fields)) for c in checks]
    return result


def job_timeout(job, override=None):
    if override:
        return float(override)
    return DEFAULT_TIMEOUT["keras" if job.assignment in KERAS_ASSIGNMENTS else "numpy"]


# -- the scheduler -------------------------------------------------------------------------------
@dataclass
class _Slot:
    proc: object
    conn: object
    job: Optional[Job] = None
    attempt: int = 1
    started: float = 0.0
    deadline: float = 0.0


class Pool:
    """N worker processes; one job each at a time; dead or stuck workers are replaced."""

    def __init__(self, workers, grader=DEFAULT_GRADER):
        self.size = max(1, int(workers))
        self.grader = grader
        self.ctx = multiprocessing.get_context("spawn")
        self.slots = []

    def _start(self):
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_main, args=(child, self.grader), daemon=True,
                                name="nngrade-batch-worker")
        proc.start()
        child.close()
        slot = _Slot(proc=proc, conn=parent)
        self.slots.append(slot)
        return slot

    def _retire(self, slot, kill=False):
        """Stop a worker: politely (SIGTERM, so its sandbox child is closed), then SIGKILL."""
        if slot in self.slots:
            self.slots.remove(slot)
        proc = slot.proc
        if kill and proc.is_alive():
            proc.terminate()
            proc.join(KILL_GRACE)
        if proc.is_alive():
            proc.kill()
        proc.join(KILL_GRACE)
        try:
            slot.conn.close()
        except OSError:
            pass
        return proc.exitcode

    def close(self):
        for slot in list(self.slots):
            if slot.job is None:
                try:
                    slot.conn.send(None)
                except (OSError, ValueError):
                    pass
        for slot in list(self.slots):
            slot.proc.join(2.0 if slot.job is None else 0)
            self._retire(slot, kill=True)

    def run(self, jobs, timeout=None, on_done=None):
        """Run JOBS → {job.key: Outcome}; calls on_done(outcome) as each finishes."""
        queue = deque((job, 1) for job in jobs)
        outcomes = {}

        def finish(outcome):
            outcomes[outcome.job.key] = outcome
            if on_done:
                on_done(outcome)

        try:
            while queue or any(s.job for s in self.slots):
                # hand out work: idle workers first, then new ones up to the pool size
                idle = [s for s in self.slots if s.job is None]
                while queue and (idle or len(self.slots) < self.size):
                    slot = idle.pop() if idle else self._start()
                    job, attempt = queue.popleft()
                    now = time.monotonic()
                    slot.job, slot.attempt = job, attempt
                    slot.started = now
                    slot.deadline = now + job_timeout(job, timeout) + START_ALLOWANCE
                    try:
                        slot.conn.send(job)
                    except (OSError, ValueError):
                        pass  # the worker is gone; noticed below as a crash
                busy = [s for s in self.slots if s.job is not None]
                if not busy:
                    continue
                wait_for = max(0.0, min(s.deadline for s in busy) - time.monotonic())
                ready = set(wait_any([s.conn for s in busy] + [s.proc.sentinel for s in busy],
                                     timeout=min(wait_for, 5.0)))
                now = time.monotonic()
                for slot in busy:
                    job = slot.job
                    if slot.conn in ready or slot.proc.sentinel in ready:
                        try:
                            if not slot.conn.poll():
                                raise EOFError
                            status, payload = slot.conn.recv()
                        except (EOFError, OSError, ValueError, TypeError):
                            code = self._retire(slot, kill=True)
                            detail = f"worker exit code {code}"
                            if slot.attempt <= CRASH_RETRIES:
                                queue.appendleft((job, slot.attempt + 1))
                            else:
                                finish(Outcome(job, failed_result(job, "batch.crashed",
                                                                  {"detail": detail}),
                                               error=f"worker crashed ({detail})",
                                               attempts=slot.attempt))
                            continue
                        if status == "started":
                            slot.started = now
                            slot.deadline = now + job_timeout(job, timeout)
                            continue
                        slot.job = None
                        if status == "ok" and isinstance(payload, AssignmentResult):
                            finish(Outcome(job, payload, attempts=slot.attempt))
                        else:
                            finish(Outcome(job, failed_result(job, "batch.error",
                                                              {"detail": str(payload)[:300]}),
                                           error=f"grader error: {payload}"[:500],
                                           attempts=slot.attempt))
                    elif now >= slot.deadline:
                        seconds = round(slot.deadline - slot.started)
                        self._retire(slot, kill=True)
                        result = failed_result(job, "batch.timeout", {"seconds": seconds})
                        result.seconds = round(now - slot.started, 3)
                        finish(Outcome(job, result, error=f"timed out after {seconds} s",
                                       attempts=slot.attempt))
        finally:
            self.close()
        return outcomes


def run_batch(jobs, workers=1, timeout=None, grader=DEFAULT_GRADER, progress=None,
              recheck_timeouts=False):
    """Grade JOBS with WORKERS processes → list of Outcome in job order (sorted).

    Limits are wall-clock, so with several workers a neighbour that hogs the CPU (a fork bomb
    is contained by the sandbox's process limit, not its CPU share) can push an honest job past
    a limit. recheck_timeouts=True grades every job a time limit decided once more, alone,
    after the others, and keeps that result (what -j1 gives).
    """
    if not jobs:
        return []
    pool = Pool(min(workers, len(jobs)), grader)
    outcomes = pool.run(jobs, timeout=timeout, on_done=progress.update if progress else None)
    if progress:
        progress.close()
    again = [job for job in jobs if outcomes[job.key].timed_out]
    if recheck_timeouts and workers > 1 and again:
        if progress and progress.enabled:
            progress.stream.write(f"rechecking {len(again)} timed-out job(s) alone\n")
        redo = Pool(1, grader).run(again, timeout=timeout)
        for job in again:
            redo[job.key].rechecked = True
            redo[job.key].attempts += outcomes[job.key].attempts
            outcomes[job.key] = redo[job.key]
    return [outcomes[job.key] for job in jobs]


# -- progress ------------------------------------------------------------------------------------
def _clock(seconds):
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60:02d}:{seconds % 60:02d}"


class Progress:
    """A one-line bar on a terminal; one line per finished job otherwise (logs, CI)."""

    WIDTH = 28

    def __init__(self, total, stream=None, enabled=True):
        self.total, self.done, self.errors = total, 0, 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()

    def update(self, outcome):
        self.done += 1
        self.errors += bool(outcome.error)
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        res = outcome.result
        what = f"{outcome.job.student}/{outcome.job.assignment} {res.score:g}/{res.max_score:g}"
        if outcome.error:
            what += f" [{outcome.error[:60]}]"
        if self.tty:
            filled = int(self.WIDTH * self.done / max(self.total, 1))
            eta = elapsed / self.done * (self.total - self.done)
            line = (f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} "
                    f"{_clock(elapsed)}<{_clock(eta)}  {what}")
            self.stream.write(line[:160] + "\x1b[K")
        else:
            width = len(str(self.total))
            self.stream.write(f"[{self.done:>{width}}/{self.total}] {_clock(elapsed)} {what}\n")
        self.stream.flush()

    def close(self):
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()


# -- writing the results -------------------------------------------------------------------------
def write_results_dir(outcomes, folder, lang):
    """<folder>/<student>/results.json (Gradescope schema) for every student."""
    from autograder.reporters.gradescope import to_dict
    folder = Path(folder)
    by_student = {}
    for o in outcomes:
        by_student.setdefault(o.job.student, []).append(o)
    for student, items in by_student.items():
        data = to_dict([o.result for o in items], lang)
        errors = {o.job.assignment: o.error for o in items if o.error}
        if errors:
            data.setdefault("extra_data", {})["errors"] = errors
        target = folder / student
        target.mkdir(parents=True, exist_ok=True)
        (target / "results.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
            errors="replace")  # lone surrogates from student strings


def render_csv(outcomes, fmt="csv", gradebook=None):
    if fmt == "nbgrader-csv":
        from autograder.reporters.nbgrader_csv import report_outcomes
        return report_outcomes(outcomes, gradebook)
    from autograder.reporters.csv_rows import report_outcomes
    return report_outcomes(outcomes)


def default_gradebook(root):
    db = Path(root) / "gradebook.db"
    return db if db.is_file() else None


def cmd_batch(args):
    from autograder.cli import mnist_path
    base_seed = args.seed if args.seed is not None else secrets.randbits(32)
    try:
        jobs = discover(args.dir, args.assignment, args.shard, base_seed, args.mode,
                        mnist_path(args))
    except ValueError as exc:
        print(f"nngrade batch: {exc}", file=sys.stderr)
        return 2
    shard = f" (shard {args.shard[0]}/{args.shard[1]})" if args.shard else ""
    print(f"nngrade batch: {len(jobs)} submission(s) of "
          f"{len({j.student for j in jobs})} student(s){shard}, {args.jobs} worker(s), "
          f"seed {base_seed}", file=sys.stderr)
    started = time.monotonic()
    progress = Progress(len(jobs), enabled=not args.quiet)
    outcomes = run_batch(jobs, args.jobs, args.timeout, args.grader, progress,
                         args.recheck_timeouts)
    seconds = time.monotonic() - started
    out = Path(args.out)
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    gradebook = args.gradebook or default_gradebook(args.dir)
    out.write_text(render_csv(outcomes, args.format, gradebook), encoding="utf-8",
                   errors="replace")
    results_dir = Path(args.results_dir) if args.results_dir else out.parent / "results"
    write_results_dir(outcomes, results_dir, args.lang)
    errors = sum(bool(o.error) for o in outcomes)
    rate = len(jobs) / seconds if seconds > 0 else 0.0
    print(f"nngrade batch: wrote {out} and {results_dir}/<student>/results.json; "
          f"{len(jobs)} graded in {seconds:.1f} s ({rate:.2f}/s), {errors} error(s)",
          file=sys.stderr)
    return 0


def add_parser(subparsers, add_common):
    p = subparsers.add_parser(
        "batch", help="instructors: grade every student under an nbgrader submitted/ folder",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dir", help="course folder holding submitted/, or the submitted/ folder")
    p.add_argument("-j", "--jobs", type=int, default=max(1, (os.cpu_count() or 2) // 2),
                   help="worker processes (default: half the CPUs)")
    p.add_argument("--out", default="grades.csv", help="CSV to write (default: grades.csv)")
    p.add_argument("--format", choices=("csv", "nbgrader-csv"), default="csv",
                   help="csv: nngrade columns (default); nbgrader-csv: `nbgrader export` columns")
    p.add_argument("--results-dir", metavar="DIR",
                   help="per-student results.json folder (default: results/ beside --out)")
    p.add_argument("--assignment", choices=ASSIGNMENT_IDS, help="grade only this assignment")
    p.add_argument("--seed", type=int,
                   help="base seed; each job's seed is derived from it (default: random)")
    p.add_argument("--shard", type=parse_shard, metavar="K/N",
                   help="grade only the K-th of N student shards (1-based), for CI matrices")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="wall-clock limit per (student, assignment) job "
                        f"(default: {DEFAULT_TIMEOUT['numpy']:g} numpy, "
                        f"{DEFAULT_TIMEOUT['keras']:g} keras)")
    p.add_argument("--recheck-timeouts", action="store_true",
                   help="with -j > 1: grade again, alone, every job a time limit decided (a "
                        "CPU-hogging neighbour cannot cost an honest student points)")
    p.add_argument("--gradebook", metavar="DB",
                   help="nbgrader gradebook.db for names/e-mails/due dates in nbgrader-csv "
                        "(default: DIR/gradebook.db if present)")
    p.add_argument("--mode", choices=("quick", "full"), default=argparse.SUPPRESS,
                   help="same as --quick/--full")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    p.add_argument("--grader", default=DEFAULT_GRADER, help=argparse.SUPPRESS)  # tests
    add_common(p)
    p.set_defaults(func=cmd_batch)
    return p
