"""The README's points table is derived state (authoring/readme_points.py): keep it current."""
from authoring import readme_points


def test_points_table_matches_registry():
    text = readme_points.README.read_text(encoding="utf-8")
    assert readme_points.render(text) == text, "run: python -m authoring.build"
