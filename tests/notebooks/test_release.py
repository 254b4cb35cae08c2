"""assignments/ (the committed student release) leaks nothing and equals a fresh
`nbgrader generate_assignment`."""
import json
import re
import time

import pytest

from autograder.assignments import ASSIGNMENT_IDS
from authoring import build, solution_source
from authoring.markers import clear_solutions
from authoring.template import parse
from tests.notebooks.support import ROOT, copy_course

RELEASE = ROOT / "assignments"


def release_files():
    return sorted(p for p in RELEASE.rglob("*") if p.is_file())


def release_nb(aid):
    return json.loads((RELEASE / aid / f"{aid}.ipynb").read_text(encoding="utf-8"))


def cell_text(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def public_template_text(aid):
    """Text the instructor wrote in the open (Markdown and experiment code of the template)."""
    items = parse(build.template_path(aid).read_text(encoding="utf-8"))
    return "\n".join(i.text for i in items if i.kind in ("markdown", "code"))


def secret_lines():
    """(assignment, line) for every line of a reference body that the release must not hold.

    Lines shorter than 12 characters (`return x`, `]`) prove nothing; a line the instructor also
    wrote in a template's experiment code or in a docstring is public by choice.
    """
    public = "\n".join(public_template_text(aid) for aid in ASSIGNMENT_IDS)
    public += "\n".join(clear_solutions(text) for aid in ASSIGNMENT_IDS
                        for text in solution_source.load(aid).definitions.values())
    out = set()
    for aid in ASSIGNMENT_IDS:
        for line in solution_source.body_lines(aid):
            if len(line) >= 12 and line not in public:
                out.add((aid, line))
    return sorted(out)


def hidden_check_names():
    return sorted({c.name for aid in ASSIGNMENT_IDS for c in build.registry(aid) if c.hidden})


def test_release_has_every_notebook_and_nothing_else():
    expected = sorted(RELEASE / aid / f"{aid}.ipynb" for aid in ASSIGNMENT_IDS)
    assert release_files() == expected


def test_no_solution_or_hidden_test_reaches_the_release():
    texts = {p.relative_to(ROOT): p.read_text(encoding="utf-8") for p in release_files()}
    for path, text in texts.items():
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN"):
            assert marker not in text, f"{marker!r} in {path}"
        for name in hidden_check_names():
            assert not re.search(rf"\b{re.escape(name)}\b", text), f"hidden check {name} in {path}"
    lines = secret_lines()
    assert len(lines) > 50  # the guard really looks at something
    leaked = [(aid, line, str(path)) for aid, line in lines for path, text in texts.items()
              if line in text]
    assert not leaked, f"reference code in the release: {leaked[:5]}"


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_release_cells(aid):
    """Stubs raise NotImplementedError; hidden test cells hold no grade() call; public test cells
    and the rest of the notebook are as in source/."""
    nb = release_nb(aid)
    module = solution_source.load(aid)
    solution_cells = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("solution")]
    stub = "\n".join(cell_text(c) for c in solution_cells)
    assert stub.count("raise NotImplementedError()") >= len(module.definitions)
    for name in module.definitions:
        assert re.search(rf"^(def|class) {name}\b", stub, re.M), name
    checks = {c.name: c for c in build.registry(aid)}
    hidden_cells = [c for c in nb["cells"]
                    if c["metadata"].get("nbgrader", {}).get("grade_id", "").startswith("hidden-")]
    assert len(hidden_cells) == sum(c.hidden for c in checks.values())
    for cell in hidden_cells:
        assert "grade(" not in cell_text(cell)
    for cell in nb["cells"]:
        assert not cell.get("outputs"), "the release has no outputs"


@pytest.mark.slow
def test_release_is_current(tmp_path):
    """`nbgrader generate_assignment` on source/ reproduces assignments/ byte for byte."""
    course = copy_course(tmp_path / "course")
    started = time.monotonic()
    build.generate_release(ASSIGNMENT_IDS, root=course)
    print(f"generate_assignment (all seven): {time.monotonic() - started:.1f} s")
    fresh = sorted(p.relative_to(course / "assignments")
                   for p in (course / "assignments").rglob("*") if p.is_file())
    assert fresh == [p.relative_to(RELEASE) for p in release_files()]
    for rel in fresh:
        assert (course / "assignments" / rel).read_bytes() == (RELEASE / rel).read_bytes(), \
            f"assignments/{rel} is stale: run python -m authoring.build --release"
