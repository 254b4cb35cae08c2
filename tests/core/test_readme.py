"""The README's points table is derived state: keep it equal to the check registry."""
import re
from pathlib import Path

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for

README = Path(__file__).resolve().parents[2] / "README.md"


def test_points_table_matches_registry():
    text = README.read_text(encoding="utf-8")
    for aid in ASSIGNMENT_IDS:
        row = re.search(rf"^\| `{aid}` \| (\d+) / (\d+) \| (\d+) / (\d+) \|", text, re.M)
        assert row, f"README has no points row for {aid}"
        checks = checks_for(aid)
        public = [c for c in checks if not c.hidden]
        hidden = [c for c in checks if c.hidden]
        assert tuple(map(int, row.groups())) == (
            len(public), sum(c.points for c in public), len(hidden), sum(c.points for c in hidden))
