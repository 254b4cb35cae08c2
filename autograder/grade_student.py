"""Grade one student's assignments together: their Keras assignments share one sandbox child.

Every frontend that grades several assignments of ONE student — `nngrade grade DIR` (and
`grade_path` here), a group of `nngrade batch` jobs (`batch_groups.py`), Gradescope `--all` —
calls `grade_student` (or `grade_each` for one option set) instead of `grade_file` per
assignment. When two or more Keras assignments (05/06/07) are to be graded, they run in one
`sandbox.shared.SharedChild`: TensorFlow is imported once, each assignment's code is loaded in a
fresh namespace, and each keeps its own checks, budget, restarts and grading errors
(docs/ARCHITECTURE.md, "One TensorFlow start per student"). Everything else is `grade_file`.

The same submission and seed give the same per-check scores grouped and alone
(tests/sandbox/test_shared_child.py): the worker reseeds and clears the Keras session before each
assignment's code loads, and every training probe seeds itself.
"""
from pathlib import Path

from autograder.assignments import KERAS_ASSIGNMENTS
from autograder.grade import grade_file
from autograder.grader_fault import GraderFault
from autograder.loader import find_submissions
from autograder.options import GradeOptions
from autograder import preflight


def shareable(submission):
    """A Keras assignment with a file to read (a missing or refused file starts no child)."""
    return (submission.assignment in KERAS_ASSIGNMENTS and submission.path is not None
            and submission.refusal is None)


def _mnist(items):
    """The MNIST file to mount in the shared child when 06 is among them (None: not needed, or
    missing: 06's own `grade_file` then reports the grading error)."""
    for submission, options in items:
        if submission.assignment in preflight.MNIST_ASSIGNMENTS:
            try:
                return preflight.mnist_file(options.mnist_path)
            except GraderFault:
                return None
    return None


def open_child(items):
    """A SharedChild for these (submission, options) pairs, or None when fewer than two of them
    can share one or the full sandbox cannot run here (the portable runner starts per file)."""
    from autograder.sandbox import sandbox_runs_here
    if sum(shareable(s) for s, _ in items) < 2 or not sandbox_runs_here():
        return None
    from autograder.sandbox.shared import SharedChild
    mnist = _mnist(items)
    return SharedChild(readable=[mnist] if mnist else [])


def grade_student(items):
    """(SubmissionFile, GradeOptions) pairs of ONE student → their AssignmentResults, in order
    (a generator: each result as soon as it is graded). An exception of `grade_file` (e.g.
    `isolation.IsolationRequired`) ends the generator after closing the shared child."""
    items = list(items)
    child = open_child(items)
    try:
        for submission, options in items:
            shared = child if child is not None and shareable(submission) else None
            yield grade_file(submission, options, child=shared)
    finally:
        if child is not None:
            child.close()


def grade_each(submissions, options):
    """`grade_student` with one GradeOptions for every submission (one student's folder)."""
    return grade_student([(s, options) for s in submissions])


def grade_path(path, assignment=None, *, options=GradeOptions()):
    """`grade.grade_path` with 05–07 in one sandbox child → list of AssignmentResult."""
    return list(grade_each(find_submissions(Path(path), assignment), options))
