"""Shared proof for the corpus of whole student-style submissions (tests/corpus/<id>/*.py).

A test module declares one table per assignment in a subclass; the tests are the base class's:

    class TestCorpus(CorpusProof):
        AID = "03_activations"
        TABLE = {"lambdas": Entry(100), "scalar_only": Entry(86, {"relu_values", ...}), ...}

Each entry is graded once per class (hidden checks included, every seed in SEEDS) through the
real pipeline (`grade_file`, sandbox child) and must reach its exact score and exact set of
failing checks on every seed. Extra tests of a module read `graded[(name, seed)]`.

Scores derived, not pinned: `Fails(checks, paid={check: fraction})` states which checks fail
(and what share of its points a failing check still earns); the expected score is computed from
the registry's points, so adding or re-weighting checks never moves a literal here. With
`COMPLETE = True` each file is completed from the reference (`tests.fixtures.build.complete`):
a function added to the contract later is the reference's in every old corpus file. (`Entry`,
an exact score, remains for tables not converted yet.)
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from tests.fixtures.build import complete

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@dataclass(frozen=True)
class Entry:
    score: float                  # exact expected score (0..100)
    failing: frozenset = field(default_factory=frozenset)  # exact set of checks not at full score

    def __init__(self, score, failing=()):
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "failing", frozenset(failing))


@dataclass(frozen=True)
class Fails:
    failing: frozenset = field(default_factory=frozenset)  # exact set of checks not at full score
    paid: tuple = ()              # (check, fraction of its points it still earns), partial credit

    def __init__(self, failing=(), paid=None):
        object.__setattr__(self, "failing", frozenset(failing))
        object.__setattr__(self, "paid", tuple(sorted((paid or {}).items())))

    def score(self, points):
        """The expected score from the registry's points {check: points}."""
        paid = dict(self.paid)
        return round(sum(p * (paid.get(name, 0.0) if name in self.failing else 1.0)
                         for name, p in points.items()), 4)  # as results.GradeResult.score


def expected_score(entry, points):
    return entry.score(points) if isinstance(entry, Fails) else entry.score


def failing(result):
    return {c.name for c in result.checks if c.score < c.max_score}


def describe(result):
    return [(c.name, c.score, c.key) for c in result.checks if c.score < c.max_score]


def _entries(cls):
    return [(name, seed) for name in cls.TABLE for seed in cls.SEEDS]


class CorpusProof:
    """Base class: set AID and TABLE (style name → Entry); SEEDS may be overridden."""
    AID = ""
    TABLE = {}
    SEEDS = (11, 12)
    MIN_ENTRIES = 8
    COMPLETE = False  # True: contract functions a file leaves out come from the reference

    @classmethod
    def options(cls):
        """Further GradeOptions fields for every entry (e.g. 06's MNIST file)."""
        return {}

    @pytest.fixture(scope="class")
    @classmethod
    def graded(cls, tmp_path_factory, pytestconfig):
        root = tmp_path_factory.mktemp(f"corpus-{cls.AID}")
        # the README's fast run grades every entry at the first seed; --run-slow (CI) at all
        seeds = cls.SEEDS if pytestconfig.getoption("--run-slow") else cls.SEEDS[:1]

        def grade(job):
            name, seed = job
            target = root / f"{name}_{seed}"
            target.mkdir()
            path = target / f"{cls.AID}.py"
            source = (CORPUS / cls.AID / f"{name}.py").read_text(encoding="utf-8")
            path.write_text(complete(cls.AID, source) if cls.COMPLETE else source, "utf-8")
            return grade_file(SubmissionFile(cls.AID, path),
                              GradeOptions(seed=seed, include_hidden=True, **cls.options()))

        jobs = [(name, seed) for name, seed in _entries(cls) if seed in seeds]
        with ThreadPoolExecutor(2) as pool:
            return dict(zip(jobs, pool.map(grade, jobs)))

    def test_table_matches_disk(self):
        assert set(self.TABLE) == {p.stem for p in (CORPUS / self.AID).glob("*.py")}
        assert len(self.TABLE) >= self.MIN_ENTRIES
        names = {c.name for c in checks_for(self.AID)}
        points = {c.name: c.points for c in checks_for(self.AID)}
        for name, entry in self.TABLE.items():
            assert entry.failing <= names, (name, entry.failing - names)
            assert 0 <= expected_score(entry, points) <= 100
            assert set(dict(getattr(entry, "paid", ()))) <= entry.failing, name

    def test_every_entry_scores_exactly(self, graded):
        wrong = {}
        points = {c.name: c.points for c in checks_for(self.AID)}
        for (name, seed), result in graded.items():
            entry = self.TABLE[name]
            if (failing(result) != set(entry.failing)
                    or result.score != pytest.approx(expected_score(entry, points), abs=1e-3)):
                wrong[f"{name}@{seed}"] = (result.score, describe(result))
            assert not [c.name for c in result.checks if c.key.startswith("grader.")], name
        assert not wrong, wrong
