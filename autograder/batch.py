"""`nngrade batch`: grade a whole class from an nbgrader ``submitted/`` tree, in parallel.

    nngrade batch COURSE_OR_SUBMITTED_DIR -j 2 --out grades.csv [--results-dir results/]

Layout read: ``submitted/<student>/<assignment_id>/<assignment_id>.ipynb`` (or ``.py``, a renamed
``<assignment_id>*.ipynb``, or the folder's only notebook: the locator's rule,
``autograder/loader/locate.py``). One job = one (student, assignment). Nothing below
``submitted/`` is followed: a link (student folder, assignment folder, notebook, timestamp.txt)
makes that job a 0 with the reason, and the batch goes on.

Jobs run in long-lived *worker processes* (``-j N`` of them, started with ``spawn``). A worker
calls ``autograder.grade.grade_file``, which itself runs the student's code in a sandbox child.
The parent only schedules, so nothing a job does can stop the batch. A student's Keras jobs
(05/06/07) go to one worker as one task and share one sandbox child, so TensorFlow is imported
once per student (`batch_groups.py`); every rule below still applies per job:

* a grading error (the grader could not measure: `autograder/grading_error.py`), an exception
  in the grader, or a worker that dies (segfault, OOM kill, ``os._exit``; the student's code runs
  in the sandbox, not the worker) is retried once, then becomes a row with an EMPTY score and
  "grading error: <reason>" in the ``error`` column, and the batch exits 4;
* a job running longer than ``--timeout`` wall seconds is stopped (SIGTERM, so the worker closes
  its sandbox child; SIGKILL after a grace period) and becomes a grading-error row
  (``grading_error.batch_timeout``, no score): the student's time is judged inside the sandbox by
  CPU budgets (a starved sandbox is a grading error too, ``sandbox/cpu_budget.py``), so a job
  still running at this backstop means the host or the grader failed, not the student.
``--recheck-timeouts`` grades every job a time limit decided once more, alone, at the end.

Outputs: one CSV row per (student, assignment), sorted by (student, assignment) whatever ``-j``
is (``reporters/csv_rows.py`` documents the columns; ``--format nbgrader-csv`` writes nbgrader's
export columns instead) and ``<results-dir>/<student>/results.json`` in Gradescope's schema. When
the CSV or a results.json of an earlier run is already there, the batch refuses before grading
(exit 2) unless ``--force`` (which also removes the earlier run's results.json files).

Before any job, a preflight (`autograder/preflight.py`) refuses (exit 3) a run that would fail
every student: no readable MNIST with 06_mnist in the run, no isolation for hidden checks,
numpy or TensorFlow not importing in a clean sandbox.

Seeds: each job's hidden-check seed is derived from a base seed and (student, assignment), so a
row is reproducible with ``nngrade grade FILE --seed <row's seed>`` and independent of ``-j`` and
``--shard``. The base seed is ``--seed``, else the course's ``c.SandboxGrade.base_seed`` from the
nbgrader_config.py beside ``submitted/`` (`course_config.py`: the seeds `nbgrader autograde`
uses), else random; it is printed and written in every row (``base_seed``).
``--shard K/N`` grades the students whose index in the sorted list is K-1 modulo N.

``timestamp.txt`` is parsed as a timestamp and written normalized (`reporters/cells.py`), or left
empty with a warning in the error column; no cell of either CSV starts a spreadsheet formula.
"""
import argparse
import hashlib
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from autograder.assignments import ASSIGNMENT_IDS
from autograder.batch_pool import (DEFAULT_GRADER, DEFAULT_TIMEOUT, JobOutcome, Pool,  # noqa: F401
                                   run_batch)
from autograder.batch_progress import Progress
from autograder.reporters.cells import parse_timestamp
from autograder.loader.locate import (Refusal, SubmissionFile, entry_at, locate,
                                      read_small_text)
from autograder.sandbox.reaper import write_output

# The scheduler (worker processes, deadlines, retries) is `batch_pool`, the progress line
# `batch_progress`; both are re-exported here for `from autograder.batch import ...`.


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
    base_seed: Optional[int] = None    # the batch's base seed `seed` was derived from
    warnings: tuple = ()               # notes for the error column (e.g. a bad timestamp.txt)

    @property
    def key(self):
        return (self.student, self.assignment)


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


TIMESTAMP_WARNING = "timestamp.txt is not a timestamp; left empty"


def checked_timestamp(text):
    """timestamp.txt's first line → (normalized timestamp or "", warnings)."""
    if not text:
        return "", ()
    parsed = parse_timestamp(text)
    return (parsed, ()) if parsed else ("", (TIMESTAMP_WARNING,))


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
            when, warnings = checked_timestamp(when)
            jobs.append(Job(student=student, assignment=aid,
                            path=str(found.path) if found.path else None,
                            seed=derive_seed(seed, student, aid), mode=mode, mnist=mnist,
                            timestamp=when, root=str(root), refusal=found.refusal,
                            base_seed=seed, warnings=warnings))
    return sorted(jobs, key=lambda j: j.key)


# -- what a worker does --------------------------------------------------------------------------
def grade_job(job):
    """The default grader: one (student, assignment) through the normal pipeline."""
    from autograder.batch_groups import job_input
    from autograder.grade import grade_file
    return grade_file(*job_input(job))


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
        write_output(target / "results.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def render_csv(outcomes, fmt="csv", gradebook=None):
    if fmt == "nbgrader-csv":
        from autograder.reporters.nbgrader_csv import report_outcomes
        return report_outcomes(outcomes, gradebook)
    from autograder.reporters.csv_rows import report_outcomes
    return report_outcomes(outcomes)


def default_gradebook(root):
    db = Path(root) / "gradebook.db"
    return db if db.is_file() else None


def choose_base_seed(args):
    """(base seed, where from): --seed, else the course's nbgrader_config.py, else random."""
    if args.seed is not None:
        return args.seed, "--seed"
    from autograder.course_config import base_seed
    seed, where = base_seed(args.dir)
    if seed is not None:
        return seed, where
    return secrets.randbits(32), "random (no --seed, no nbgrader_config.py)"


def preflight_refusal(jobs, args):
    """3 (and the reasons) when the run would fail every student; None to start."""
    from autograder import preflight
    from autograder.checks import hidden_available
    aids = {j.assignment for j in jobs if j.path and j.refusal is None}
    found = preflight.problems(aids, hidden_available(), getattr(args, "mnist", None))
    for line in preflight.refusal_lines(found, args.lang):
        print(f"nngrade batch: {line}", file=sys.stderr)
    return preflight.REFUSED if found else None


def earlier_run(out, results_dir):
    """What an earlier run left where this one writes: the CSV, a results folder with files."""
    found = [str(out)] if out.exists() else []
    if any(Path(results_dir).glob("*/results.json")):
        found.append(f"{results_dir}/")
    return found


def cmd_batch(args):
    from autograder import grading_error
    from autograder.course_config import CourseConfigError
    try:
        base_seed, seed_from = choose_base_seed(args)
        jobs = discover(args.dir, args.assignment, args.shard, base_seed, args.mode,
                        getattr(args, "mnist", None))
    except (ValueError, CourseConfigError) as exc:
        print(f"nngrade batch: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    results_dir = Path(args.results_dir) if args.results_dir else out.parent / "results"
    earlier = earlier_run(out, results_dir)
    if earlier and not args.force:  # before any grading: a second run never overwrites silently
        print(f"nngrade batch: {' and '.join(earlier)} hold an earlier run's results; choose "
              "another --out/--results-dir, or pass --force to replace them", file=sys.stderr)
        return 2
    refused = preflight_refusal(jobs, args) if jobs else None
    if refused:
        return refused
    shard = f" (shard {args.shard[0]}/{args.shard[1]})" if args.shard else ""
    print(f"nngrade batch: {len(jobs)} submission(s) of "
          f"{len({j.student for j in jobs})} student(s){shard}, {args.jobs} worker(s), "
          f"base seed {base_seed} from {seed_from}", file=sys.stderr)
    started = time.monotonic()
    progress = Progress(len(jobs), enabled=not args.quiet)
    outcomes = run_batch(jobs, args.jobs, args.timeout, args.grader, progress,
                         args.recheck_timeouts)
    seconds = time.monotonic() - started
    if out.parent != Path(""):
        out.parent.mkdir(parents=True, exist_ok=True)
    gradebook = args.gradebook or default_gradebook(args.dir)
    write_output(out, render_csv(outcomes, args.format, gradebook))
    for stale in results_dir.glob("*/results.json") if earlier else ():  # --force: no mix of runs
        stale.unlink()
    write_results_dir(outcomes, results_dir, args.lang)
    errors = sum(bool(o.error) or o.result.error is not None for o in outcomes)
    rate = len(jobs) / seconds if seconds > 0 else 0.0
    print(f"nngrade batch: wrote {out} and {results_dir}/<student>/results.json; "
          f"{len(jobs)} graded in {seconds:.1f} s ({rate:.2f}/s), {errors} error(s)",
          file=sys.stderr)
    faulted = [o for o in outcomes if o.result.error is not None]
    for o in faulted:  # what to fix, one line per row without a score
        print(f"nngrade batch: {o.job.student}/{o.job.assignment}: "
              f"{grading_error.label(o.result.error, args.lang)}", file=sys.stderr)
    return grading_error.EXIT_CODE if faulted else 0


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
    p.add_argument("--force", action="store_true",
                   help="replace the CSV and results folder of an earlier run (refused without)")
    p.add_argument("--assignment", choices=ASSIGNMENT_IDS, help="grade only this assignment")
    p.add_argument("--seed", type=int,
                   help="base seed; each job's seed is derived from it (default: the course's "
                        "c.SandboxGrade.base_seed from DIR/nbgrader_config.py, else random)")
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
