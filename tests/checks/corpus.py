"""Shared runner for the corpus of whole student-style submissions (tests/corpus/<id>/*.py).

A test module declares one table per assignment and pulls in the standard tests:

    CORPUS = {"lambdas": Entry(100, set(), needs=LOADER_CLOSURE), ...}
    globals().update(corpus_tests("03_activations", CORPUS))

Each entry is graded once per module (hidden checks included, every seed in `seeds`) through the
real pipeline (`grade_file`, sandbox child) and must reach its exact score and exact set of
failing checks on every seed. `needs` names a pending change the entry waits for; such entries
run as xfail(strict=True) until the flag is removed (so they start failing the suite the day the
change lands, as a reminder to drop the flag).
"""
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.grade import grade_file
from autograder.loader import SubmissionFile

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LOADER_CLOSURE = "needs loader closure"   # issue 9 §1: lambdas and `x = obj.method` aliases


@dataclass(frozen=True)
class Entry:
    score: float                  # exact expected score (0..100)
    failing: frozenset = field(default_factory=frozenset)  # exact set of checks not at full score
    needs: str = ""               # a pending change this entry waits for (→ strict xfail)

    def __init__(self, score, failing=(), needs=""):
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "failing", frozenset(failing))
        object.__setattr__(self, "needs", needs)


def failing(result):
    return {c.name for c in result.checks if c.score < c.max_score}


def describe(result):
    return [(c.name, c.score, c.key) for c in result.checks if c.score < c.max_score]


def corpus_tests(aid, table, seeds=(11, 12)):
    folder = CORPUS / aid

    @pytest.fixture(scope="module")
    def corpus_graded(tmp_path_factory):
        root = tmp_path_factory.mktemp(f"corpus-{aid}")
        jobs = [(name, seed) for name in table for seed in seeds]

        def grade(job):
            name, seed = job
            target = root / f"{name}_{seed}"
            target.mkdir()
            path = target / f"{aid}.py"
            path.write_text((folder / f"{name}.py").read_text(encoding="utf-8"), "utf-8")
            return grade_file(SubmissionFile(aid, path), seed=seed, include_hidden=True)

        with ThreadPoolExecutor(2) as pool:
            return dict(zip(jobs, pool.map(grade, jobs)))

    def test_corpus_table_matches_disk():
        assert set(table) == {p.stem for p in folder.glob("*.py")}
        names = {c.name for c in checks_for(aid)}
        for name, entry in table.items():
            assert entry.failing <= names, (name, entry.failing - names)
            assert 0 <= entry.score <= 100

    params = [pytest.param(name, seed, marks=[pytest.mark.xfail(strict=True,
                                                                reason=table[name].needs)]
                           if table[name].needs else [], id=f"{name}@{seed}")
              for name in table for seed in seeds]

    @pytest.mark.parametrize("name,seed", params)
    def test_corpus_entry_scores_exactly(corpus_graded, name, seed):
        result = corpus_graded[(name, seed)]
        entry = table[name]
        assert failing(result) == set(entry.failing), describe(result)
        assert result.score == pytest.approx(entry.score, abs=1e-3), describe(result)
        assert not [c.name for c in result.checks if c.key.startswith("grader.")]

    return {"corpus_graded": corpus_graded,
            "test_corpus_table_matches_disk": test_corpus_table_matches_disk,
            "test_corpus_entry_scores_exactly": test_corpus_entry_scores_exactly}
