"""A grader for the batch tests: the *worker process itself* dies on student "bob"."""
import os

from autograder.batch import grade_job


def grade(job):
    if job.student == "bob":
        os._exit(7)
    return grade_job(job)


def explode(job):
    if job.student == "bob":
        raise RuntimeError("grader bug")
    return grade_job(job)


def instant(job):
    """No sandbox: a fixed full-marks result (scheduler tests that must not depend on load)."""
    from autograder.results import AssignmentResult, CheckResult
    return AssignmentResult(job.assignment, job.path, seed=job.seed, checks=[
        CheckResult("only", 10, 10.0, False, "passed")])


def hang(job):
    """Never returns for "carol"; instant for everyone else."""
    if job.student == "carol":
        import time
        while True:
            time.sleep(1)
    return instant(job)


def no_mnist_for_bob(job):
    """The real pipeline; bob's job alone runs on a grader without MNIST (a grading error)."""
    if job.student == "bob":
        from dataclasses import replace
        job = replace(job, mnist="/nonexistent/mnist.npz")
    return grade_job(job)
