"""Plain result records that every reporter reads."""
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class CheckResult:
    name: str
    max_score: float
    score: float
    hidden: bool
    key: str                      # message key (autograder.messages)
    fields: dict = field(default_factory=dict)
    seconds: float = 0.0
    error: Optional[tuple] = None  # (key, fields): a grading error, no score (grading_error.py)
    diagnoses: list = field(default_factory=list)  # ids of matched misconceptions (diagnoses/)

    @property
    def passed(self):
        return self.error is None and self.score >= self.max_score

    @property
    def status(self):
        if self.error is not None:
            return "error"
        return "passed" if self.passed else "failed"


@dataclass
class AssignmentResult:
    assignment: str
    file: Optional[str]
    checks: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (key, fields) about loading the submission
    seed: Optional[int] = None
    seconds: float = 0.0
    error: Optional[tuple] = None  # (key, fields): the grader could not measure; score is None

    @property
    def score(self):
        """Points earned; None for a grading error (reporters leave the cell empty, never 0)."""
        if self.error is not None:
            return None
        return round(sum(c.score for c in self.checks), 4)

    @property
    def max_score(self):
        return round(sum(c.max_score for c in self.checks), 4)


def all_failed(checks, key, fields):
    """Every one of CHECKS at 0 points with the same reason (KEY, FIELDS): a submission that
    could not be read, located or graded at all."""
    return [CheckResult(name=c.name, max_score=c.points, score=0.0, hidden=c.hidden, key=key,
                        fields=dict(fields)) for c in checks]
