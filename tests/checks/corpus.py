"""Shared proof for the corpus of whole student-style submissions (tests/corpus/<id>/*.py).

A test module declares one table per assignment in a subclass; the tests are the base class's:

    class TestCorpus(CorpusProof):
        AID = "03_activations"
        TABLE = {"lambdas": Entry(100), "scalar_only": Entry(86, {"relu_values", ...}), ...}

Each entry is graded once per class (hidden checks included, every seed in SEEDS) through the
real pipeline (`grade_file`, sandbox child) and must reach its exact score and exact set of
failing checks on every seed. Extra tests of a module read `graded[(name, seed)]`.
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@dataclass(frozen=True)
class Entry:
    score: float                  # exact expected score (0..100)
    failing: frozenset = field(default_factory=frozenset)  # exact set of checks not at full score

    def __init__(self, score, failing=()):
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "failing", frozenset(failing))


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

    @pytest.fixture(scope="class")
    @classmethod
    def graded(cls, tmp_path_factory):
        root = tmp_path_factory.mktemp(f"corpus-{cls.AID}")

        def grade(job):
            name, seed = job
            target = root / f"{name}_{seed}"
            target.mkdir()
            path = target / f"{cls.AID}.py"
            path.write_text((CORPUS / cls.AID / f"{name}.py").read_text(encoding="utf-8"),
                            "utf-8")
            return grade_file(SubmissionFile(cls.AID, path),
                              GradeOptions(seed=seed, include_hidden=True))

        jobs = _entries(cls)
        with ThreadPoolExecutor(2) as pool:
            return dict(zip(jobs, pool.map(grade, jobs)))

    def test_table_matches_disk(self):
        assert set(self.TABLE) == {p.stem for p in (CORPUS / self.AID).glob("*.py")}
        assert len(self.TABLE) >= self.MIN_ENTRIES
        names = {c.name for c in checks_for(self.AID)}
        for name, entry in self.TABLE.items():
            assert entry.failing <= names, (name, entry.failing - names)
            assert 0 <= entry.score <= 100

    def test_every_entry_scores_exactly(self, graded):
        wrong = {}
        for (name, seed), result in graded.items():
            entry = self.TABLE[name]
            if (failing(result) != set(entry.failing)
                    or result.score != pytest.approx(entry.score, abs=1e-3)):
                wrong[f"{name}@{seed}"] = (result.score, describe(result))
            assert not [c.name for c in result.checks if c.key.startswith("grader.")], name
        assert not wrong, wrong
