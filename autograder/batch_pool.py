"""`nngrade batch`'s scheduler: worker processes, per-job deadlines, crash retries.

Jobs run in long-lived *worker processes* (``-j N`` of them, started with ``spawn``). A worker
imports the grader named by a ``module:function`` spec (``autograder.batch:grade_job`` by
default) and calls it on each job; the parent only schedules, so nothing a job does can stop the
batch (see `autograder.batch` for the rules). Jobs are duck-typed: anything with ``key``,
``assignment``, ``path`` and ``seed`` (``autograder.batch.Job``). A task is a job or a
``batch_groups.JobGroup`` (one student's Keras jobs, one sandbox child): the worker reports each
of its jobs as it starts and ends, and every rule below stays per job.
"""
import importlib
import multiprocessing
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_any
from typing import Optional

from autograder import grading_error
from autograder.assignments import KERAS_ASSIGNMENTS
from autograder.batch_groups import DEFAULT_GROUP_GRADER, JobGroup, group_jobs, run_group
from autograder.grader_fault import GraderFault
from autograder.results import AssignmentResult

DEFAULT_TIMEOUT = {"numpy": 600.0, "keras": 3600.0}  # seconds per (student, assignment) job
START_ALLOWANCE = 300.0  # a new worker's imports (numpy, the checks) before its clock starts
KILL_GRACE = 5.0      # seconds between SIGTERM and SIGKILL of a worker past its deadline
CRASH_RETRIES = 1     # a job whose worker died is retried this many times in a fresh worker
FAULT_RETRIES = grading_error.BATCH_RETRIES  # a job ending in a grading error: graded again
DEFAULT_GRADER = "autograder.batch:grade_job"
GROUP_GRADERS = {DEFAULT_GRADER: DEFAULT_GROUP_GRADER}  # graders that can grade a JobGroup
TIMEOUT_KEYS = {"grading_error.batch_timeout", "call.timeout", "call.budget"}


@dataclass
class JobOutcome:
    job: object                  # autograder.batch.Job
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


# -- what a worker does --------------------------------------------------------------------------
def _resolve(spec):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # unwinds grade_file's `finally`, which kills the sandbox


def worker_main(conn, grader_spec, group_spec=None):
    """Worker process loop: receive a Job, send ("started", None), then ("ok", AssignmentResult)
    or ("error", text); a JobGroup: the same for each of its jobs (`batch_groups.run_group`)."""
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    grader = _resolve(grader_spec)
    group_grader = _resolve(group_spec) if group_spec else None
    importlib.import_module("autograder.grade")  # warm up before any job's clock runs
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        if isinstance(job, JobGroup):
            run_group(conn, job, group_grader)
            continue
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
def faulted_result(job, key, fields):
    """An AssignmentResult that is a grading error (KEY, FIELDS): no score (grading_error.py)."""
    result = AssignmentResult(assignment=job.assignment, file=job.path, seed=job.seed)
    try:
        from autograder.checks import checks_for
        checks = checks_for(job.assignment, include_hidden=True)
    except Exception:  # no checks module for this assignment (yet): the error alone
        checks = []
    return grading_error.mark(result, checks, GraderFault(key, **fields))


def job_timeout(job, override=None):
    if override:
        return float(override)
    return DEFAULT_TIMEOUT["keras" if job.assignment in KERAS_ASSIGNMENTS else "numpy"]


# -- the scheduler -------------------------------------------------------------------------------
@dataclass
class _Slot:
    proc: object
    conn: object
    job: Optional[object] = None
    pending: tuple = ()  # the task's jobs not finished yet (job first)
    attempt: int = 1
    started: float = 0.0
    deadline: float = 0.0


class Pool:
    """N worker processes; one job each at a time; dead or stuck workers are replaced."""

    def __init__(self, workers, grader=DEFAULT_GRADER, group_grader=None):
        self.size = max(1, int(workers))
        self.grader, self.group_grader = grader, group_grader
        self.ctx = multiprocessing.get_context("spawn")
        self.slots = []

    def _start(self):
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=worker_main, args=(child, self.grader, self.group_grader),
                                daemon=True, name="nngrade-batch-worker")
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
        """Run JOBS → {job.key: JobOutcome}; calls on_done(outcome) as each finishes."""
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
                    task, attempt = queue.popleft()
                    now = time.monotonic()
                    slot.pending = tuple(task.jobs) if isinstance(task, JobGroup) else (task,)
                    slot.job, slot.attempt = slot.pending[0], attempt
                    slot.started = now
                    slot.deadline = now + job_timeout(slot.job, timeout) + START_ALLOWANCE
                    try:
                        slot.conn.send(task)
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
                            requeue_rest(queue, slot)
                            if slot.attempt <= CRASH_RETRIES:
                                queue.appendleft((job, slot.attempt + 1))
                            else:  # the student's code runs in the sandbox, not the worker
                                finish(JobOutcome(job, faulted_result(
                                    job, "grading_error.worker_died", {"detail": detail}),
                                    error=f"worker crashed ({detail})", attempts=slot.attempt))
                            continue
                        if status == "started":
                            slot.started = now
                            slot.deadline = now + job_timeout(job, timeout)
                            continue
                        slot.pending = slot.pending[1:]  # the next job of a group, if any
                        slot.job = slot.pending[0] if slot.pending else None
                        if slot.job is not None:
                            slot.started = now
                            slot.deadline = now + job_timeout(slot.job, timeout) + START_ALLOWANCE
                        if status == "ok" and isinstance(payload, AssignmentResult):
                            outcome = JobOutcome(job, payload, attempts=slot.attempt)
                        else:  # the grader raised: the grader's failure, not the student's
                            outcome = JobOutcome(job, faulted_result(
                                job, "grading_error.grader_crashed",
                                {"detail": str(payload)[:300]}),
                                error=f"grader error: {payload}"[:500], attempts=slot.attempt)
                        if outcome.result.error is not None and slot.attempt <= FAULT_RETRIES:
                            queue.appendleft((job, slot.attempt + 1))  # once more, then report
                            continue
                        finish(outcome)
                    elif now >= slot.deadline:
                        seconds = round(slot.deadline - slot.started)
                        self._retire(slot, kill=True)
                        requeue_rest(queue, slot)
                        # The sandbox's CPU budgets judge the student's time; a job still
                        # running at this wall-clock backstop is the host's or the grader's
                        # failure: a grading error, never a score.
                        result = faulted_result(job, "grading_error.batch_timeout",
                                                {"seconds": seconds,
                                                 "load": f"{os.getloadavg()[0]:.1f}"})
                        result.seconds = round(now - slot.started, 3)
                        finish(JobOutcome(job, result, error=f"timed out after {seconds} s",
                                       attempts=slot.attempt))
        finally:
            self.close()
        return outcomes


def requeue_rest(queue, slot):
    """A worker stopped inside a group: its jobs after the one in flight go back to the queue
    (as a group when two or more are left), to a fresh worker."""
    rest = tuple(slot.pending[1:])
    slot.pending = ()
    if rest:
        queue.append((JobGroup(rest) if len(rest) > 1 else rest[0], 1))


def run_batch(jobs, workers=1, timeout=None, grader=DEFAULT_GRADER, progress=None,
              recheck_timeouts=False, group_grader=None):
    """Grade JOBS with WORKERS processes → list of JobOutcome in job order (sorted).

    Limits are wall-clock, so with several workers a neighbour that hogs the CPU (a fork bomb
    is contained by the sandbox's process limit, not its CPU share) can push an honest job past
    a limit. recheck_timeouts=True grades every job a time limit decided once more, alone,
    after the others, and keeps that result (what -j1 gives).

    A student's Keras jobs are graded as one task in one sandbox child (`batch_groups.py`) when
    the grader can (`GROUP_GRADERS`, or `group_grader`: jobs → generator of results).
    """
    if not jobs:
        return []
    group_grader = group_grader or GROUP_GRADERS.get(grader)
    tasks = group_jobs(jobs) if group_grader else list(jobs)
    pool = Pool(min(workers, len(tasks)), grader, group_grader)
    outcomes = pool.run(tasks, timeout=timeout, on_done=progress.update if progress else None)
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
