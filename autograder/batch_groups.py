"""`nngrade batch`: a student's Keras jobs as one task, graded in one sandbox child.

`group_jobs` turns the sorted job list into tasks: each student's Keras jobs that have a file
(two or more of 05/06/07) become one `JobGroup`; every other job stays a task of its own. A
worker (`batch_pool.worker_main`) hands a group to `run_group`, which grades its jobs one after
the other with the group grader (`grade_jobs`: `grade_student.grade_student`, TensorFlow imported
once) and reports each job as the single-job protocol does: ("started", key) when the job's
clock starts, then ("ok", result) or ("error", text). The scheduler keeps one deadline, one
retry count and one row per job, so a group changes nothing in the CSV: a job that times out,
crashes its worker or ends in a grading error is handled (and retried alone) as before, and the
group's remaining jobs are queued again as a group (a fresh worker, a fresh sandbox child).
Two students never share a task.
"""
from dataclasses import dataclass
from pathlib import Path

from autograder.assignments import KERAS_ASSIGNMENTS

DEFAULT_GROUP_GRADER = "autograder.batch_groups:grade_jobs"


@dataclass(frozen=True)
class JobGroup:
    """Jobs of one student graded in one worker task, in this order."""
    jobs: tuple

    @property
    def key(self):
        return self.jobs[0].key


def _shareable(job):
    return job.assignment in KERAS_ASSIGNMENTS and job.path and job.refusal is None


def group_jobs(jobs):
    """JOBS → tasks: per student, its shareable Keras jobs (≥ 2) as one JobGroup where the first
    of them was; the other jobs as they are."""
    keras = {}
    for job in jobs:
        if _shareable(job):
            keras.setdefault(job.student, []).append(job)
    tasks, placed = [], set()
    for job in jobs:
        group = keras.get(job.student, [])
        if len(group) < 2 or job not in group:
            tasks.append(job)
        elif job.student not in placed:
            placed.add(job.student)
            tasks.append(JobGroup(tuple(group)))
    return tasks


def job_input(job):
    """A batch Job → (SubmissionFile, GradeOptions) for `grade_file`."""
    from autograder.loader.locate import SubmissionFile
    from autograder.options import GradeOptions
    path = Path(job.path) if job.path else None
    submission = SubmissionFile(job.assignment, path, Path(job.root) if job.root else None,
                                job.refusal)
    return submission, GradeOptions(mode=job.mode, seed=job.seed, include_hidden=True,
                                    mnist_path=job.mnist)


def grade_jobs(jobs):
    """The default group grader: one student's jobs → their AssignmentResults, one by one."""
    from autograder.grade_student import grade_student
    return grade_student([job_input(job) for job in jobs])


def run_group(conn, group, grader):
    """In a batch worker: grade GROUP's jobs with GRADER (jobs → generator of results) and send
    ("started", key) and ("ok", result) / ("error", text) for each. A grader exception costs its
    job only: the rest are graded by a fresh generator (a fresh shared child)."""
    remaining = list(group.jobs)
    while remaining:
        results = iter(grader(tuple(remaining)))
        try:
            while remaining:
                job = remaining.pop(0)
                conn.send(("started", job.key))
                try:
                    reply = ("ok", next(results))
                except Exception as exc:
                    reply = ("error", f"{type(exc).__name__}: {exc}"[:500])
                try:
                    conn.send(reply)
                except Exception as exc:  # e.g. an unpicklable value: report instead of dying
                    conn.send(("error", f"cannot return the result: {type(exc).__name__}: "
                                        f"{exc}"[:500]))
                if reply[0] == "error":
                    break  # that generator is finished (its child closed): a new one
        finally:
            getattr(results, "close", lambda: None)()
