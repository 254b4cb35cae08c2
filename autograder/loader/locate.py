"""Find the file to grade for each assignment in a submission path."""
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from autograder.assignments import ASSIGNMENT_IDS


@dataclass(frozen=True)
class SubmissionFile:
    assignment: str
    path: Optional[Path]  # None: nothing found for this assignment


def _candidates(root, aid):
    for folder in (root / aid, root):
        for suffix in (".ipynb", ".py"):
            yield folder / f"{aid}{suffix}"


def find_one(root, aid):
    for candidate in _candidates(Path(root), aid):
        if candidate.is_file():
            return candidate
    return None


def infer_assignment(path):
    stem = Path(path).stem
    return stem if stem in ASSIGNMENT_IDS else None


def find_submissions(path, assignment=None):
    """Resolve PATH (+ optional assignment id) to SubmissionFiles.

    A file needs `assignment` unless its name is `<id>.ipynb`/`<id>.py`. A directory is searched
    in nbgrader layout (`<dir>/<id>/<id>.ipynb`) and flat (`<dir>/<id>.ipynb`). Raises ValueError
    when nothing at all can be graded.
    """
    path = Path(path)
    if not path.exists():
        raise ValueError(f"no such file or directory: {path}")
    if assignment is not None and assignment not in ASSIGNMENT_IDS:
        raise ValueError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENT_IDS)}")
    if path.is_file():
        aid = assignment or infer_assignment(path)
        if aid is None:
            raise ValueError(f"cannot tell which assignment {path.name} is; pass --assignment ID")
        return [SubmissionFile(aid, path)]
    if assignment is not None:
        return [SubmissionFile(assignment, find_one(path, assignment))]
    found = [SubmissionFile(aid, find_one(path, aid)) for aid in ASSIGNMENT_IDS]
    found = [f for f in found if f.path is not None]
    if not found:
        raise ValueError(f"no assignment notebook or module found under {path}")
    return found
