"""Grading jobs for the Keras assignments' check tests (05, 06, 07).

Every job grades one fixture through the real pipeline (`grade_file`, sandbox child) once per
test module. Each child imports TensorFlow (~6 s CPU), so the jobs a module's selected tests need
all start when its `grader` fixture is set up, two at a time (one per core).
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Optional

from autograder.checks import checks_for
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from tests.checks.harness import STUBS
from tests.fixtures.build import make_submission

SEEDS = (1, 2)  # hidden checks run under both (CHECKS_GUIDE: at least two seeds)
WORKERS = 2


@dataclass(frozen=True)
class Job:
    fixture: Optional[str]            # None: the reference; "stub": the generated handout
    only: Optional[frozenset] = None  # check names to grade; None: all, hidden included
    mode: str = "quick"
    seed: int = SEEDS[0]
    base: bool = True                 # False: the fixture is a whole submission on its own


def whole(fixture, only=None, seed=SEEDS[1]):
    """A job grading a fixture that is a complete submission (lecture style, do-nothing)."""
    return Job(fixture, only, seed=seed, base=False)


def names(assignment):
    return {c.name for c in checks_for(assignment)}


class Grader:
    """Grades the jobs of one test module; the ones the selected tests need start at once, in
    the order of `jobs` (put the jobs that train first)."""

    def __init__(self, request, assignment, folder, jobs, mnist_path=None, edits=None):
        self.assignment, self.folder, self.jobs = assignment, folder, jobs
        self.mnist_path = mnist_path
        self.edits = edits or {}  # fixture → function(source text) → source text
        self.pool = ThreadPoolExecutor(WORKERS)
        self.futures = {}
        wanted = _selected(request)
        for name in jobs:
            if name in wanted:
                self._start(name)

    def _grade(self, name):
        job = self.jobs[name]
        folder = self.folder / name
        folder.mkdir()
        if job.fixture == "stub":
            path = folder / f"{self.assignment}.py"
            path.write_text((STUBS / f"{self.assignment}.py").read_text(encoding="utf-8"), "utf-8")
        else:
            path = make_submission(self.assignment, job.fixture, folder, base=job.base)
        if job.fixture in self.edits:
            path.write_text(self.edits[job.fixture](path.read_text()), encoding="utf-8")
        return grade_file(SubmissionFile(self.assignment, path),
                          GradeOptions(mode=job.mode, seed=job.seed, include_hidden=True,
                                       mnist_path=self.mnist_path, only=job.only))

    def _start(self, name):
        if name not in self.futures:
            self.futures[name] = self.pool.submit(self._grade, name)

    def result(self, name):
        self._start(name)
        return self.futures[name].result()

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)


def _selected(request, argname="job"):
    """Job names the selected, not skipped tests of the requesting module use."""
    wanted = set()
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if item.module is request.module and callspec and argname in callspec.params:
            if not item.get_closest_marker("skip"):
                wanted.add(callspec.params[argname])
    return wanted
