"""The README's points table, derived from the check registry.

`python -m authoring.build` rewrites the count and points columns of each assignment's row
(`| `<id>` | public checks / points | hidden checks / points | weight lies on |`); the last column
is prose and stays as written. `tests/core/test_readme.py` proves the README current.
"""
import re
from pathlib import Path

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for

README = Path(__file__).resolve().parents[1] / "README.md"
NUMBER = r"\d+(?:\.\d+)?"
ROW = r"^\| `{aid}` \| {n} / {n} \| {n} / {n} \|"


def fmt(points):
    """Points as people write them: 62, 4.5, 3.6 (hundredths at most, see checks/weights.py)."""
    return f"{round(points, 2):g}"


def row_head(aid):
    checks = checks_for(aid)
    public = [c for c in checks if not c.hidden]
    hidden = [c for c in checks if c.hidden]
    return (f"| `{aid}` | {len(public)} / {fmt(sum(c.points for c in public))} | "
            f"{len(hidden)} / {fmt(sum(c.points for c in hidden))} |")


def render(text):
    """README text with every assignment's counts and points taken from the registry."""
    for aid in ASSIGNMENT_IDS:
        pattern = re.compile(ROW.format(aid=re.escape(aid), n=NUMBER), re.M)
        if not pattern.search(text):
            raise ValueError(f"README.md has no points row for {aid}")
        text = pattern.sub(lambda _: row_head(aid), text, count=1)
    return text


def outputs():
    """{README path: regenerated text} (authoring.build writes what changed)."""
    return {README: render(README.read_text(encoding="utf-8"))}
