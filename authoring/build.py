"""Generate source/<id>/<id>.ipynb and tests/fixtures/stubs/<id>.py from templates + solutions.

    python -m authoring.build              # write everything that changed
    python -m authoring.build --check      # exit 1 when a generated file is stale
    python -m authoring.build --release    # then `nbgrader generate_assignment` into assignments/
    python -m authoring.build 01_perceptron 04_optimizers   # only these
"""
import argparse
import dataclasses
import hashlib
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.assignments import ASSIGNMENT_IDS, module_of
from autograder.checks import weights
from authoring import readme_points, solution_source, stubs
from authoring.markers import BEGIN_HIDDEN, END_HIDDEN
from authoring.template import parse

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).resolve().parent / "templates"
SOURCE = ROOT / "source"
RELEASE = ROOT / "assignments"

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3",
                 "codemirror_mode": {"name": "ipython", "version": 3},
                 "file_extension": ".py", "mimetype": "text/x-python",
                 "nbconvert_exporter": "python"}
GRADE_CALL = re.compile(r'grade\("(?P<aid>[^"]+)", "(?P<check>[^"]+)", ns=globals\(\)\)')


def template_path(aid):
    return TEMPLATES / f"{aid}.md"


def notebook_path(aid):
    return SOURCE / aid / f"{aid}.ipynb"


def registry(aid):
    """Checks of the assignment, public then hidden; a checks module not written yet → none."""
    from autograder.checks import _load
    checks = []
    for kind in ("public", "hidden"):
        try:
            checks += _load(kind, aid)
        except ModuleNotFoundError as exc:
            if not (exc.name or "").startswith("autograder.checks"):
                raise
            warnings.warn(f"{aid}: no {kind} checks module yet ({exc.name})")
    names = [c.name for c in checks]
    if len(names) != len(set(names)):
        raise ValueError(f"duplicate check names in {aid}")
    points = weights.normalised({c.name: c.points for c in checks}) if checks else {}
    return [dataclasses.replace(c, points=points[c.name]) for c in checks]


def _points(value):
    value = round(float(value), 2)  # points are hundredths (checks/weights.py); sums too
    return int(value) if value.is_integer() else value


def test_cell_source(aid, check):
    call = f'from autograder.kernel_checks import grade\ngrade("{aid}", "{check.name}", ns=globals())'
    points = _points(check.points)
    if check.hidden:
        return (f"# 비공개 테스트: 제출 후 채점됩니다 ({points}점).\n"
                f"{BEGIN_HIDDEN}\n{call}\n{END_HIDDEN}")
    what = f" — {check.what}" if check.what else ""
    return f"# 공개 테스트 ({points}점): {check.name}{what}\n{call}"


def nbgrader_meta(grade_id, *, grade, solution, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": grade and not solution,
            "schema_version": 3, "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


class Builder:
    def __init__(self, aid):
        self.aid = aid
        self.module = solution_source.load(aid)
        self.checks = registry(aid)
        self.defined = set()
        self.placed = []          # check names in notebook order
        self.hidden_count = 0
        self.solutions_placed = []
        self.cells = []

    # --- cells -------------------------------------------------------------------------------
    def markdown(self, text):
        self.cells.append(new_markdown_cell(text))

    def code(self, text, **metadata):
        cell = new_code_cell(text)
        cell.metadata.update(metadata)
        self.cells.append(cell)

    def solution(self, names):
        if not names:
            raise ValueError("{{solution}} needs names")
        missing = [n for n in names if n not in self.module.definitions]
        if missing:
            raise ValueError(f"{self.aid}: solutions.{self.module.name} defines no {missing}")
        again = [n for n in names if n in self.solutions_placed]
        if again:
            raise ValueError(f"{self.aid}: {again} placed twice")
        text = "\n\n\n".join(self.module.definitions[n] for n in names)
        self.code(text, nbgrader=nbgrader_meta("sol-" + "-".join(names), grade=False,
                                               solution=True))
        self.defined.update(names)
        self.solutions_placed += names

    def tests(self, args):
        by_name = {c.name: c for c in self.checks}
        todo = [c for c in self.checks if c.name not in self.placed]
        if not args:
            chosen = [c for c in todo if c.needs and set(c.needs) <= self.defined]
        elif args == ["rest"]:
            chosen = todo
            if chosen:
                self.markdown("### 나머지 채점 셀\n\n위에서 다루지 않은 채점 항목입니다.")
        else:
            unknown = [a for a in args if a not in by_name]
            if unknown:
                raise ValueError(f"{self.aid}: unknown check(s) {unknown}")
            chosen = [by_name[a] for a in args]
        for check in chosen:
            if check.name in self.placed:
                raise ValueError(f"{self.aid}: check {check.name} placed twice")
            if check.hidden:
                self.hidden_count += 1
                grade_id = f"hidden-test-{self.hidden_count}"
            else:
                grade_id = check.name
            self.code(test_cell_source(self.aid, check),
                      nbgrader=nbgrader_meta(grade_id, grade=True, solution=False,
                                             points=_points(check.points)),
                      deletable=False, editable=False)
            self.placed.append(check.name)

    def grading_table(self):
        public = [c for c in self.checks if not c.hidden]
        hidden = [c for c in self.checks if c.hidden]
        rows = ["| 채점 항목 (check) | 내용 | 배점 |", "|---|---|---:|"]
        rows += [f"| `{c.name}` | `{c.what or '-'}` | {_points(c.points)} |" for c in public]
        if hidden:
            rows.append(f"| 비공개 테스트 {len(hidden)}개 | 제출 후 채점 | "
                        f"{_points(sum(c.points for c in hidden))} |")
        rows.append(f"| **합계** | | **{_points(sum(c.points for c in self.checks))}** |")
        self.markdown("\n".join(rows))

    def total(self):
        """The last cell: every public check once and their total (like Otter's check_all)."""
        self.markdown("## 공개 테스트 합계\n\n모든 공개 테스트를 한 번 더 실행하고 합계를 보여 줍니다. "
                      "제출하기 전에 마지막으로 실행해 보세요.")
        self.code(f'from autograder.kernel_checks import grade_all\n'
                  f'grade_all("{self.aid}", ns=globals())')

    # --- whole notebook ----------------------------------------------------------------------
    def build(self):
        items = parse(template_path(self.aid).read_text(encoding="utf-8"),
                      name=str(template_path(self.aid)))
        for item in items:
            if item.kind == "markdown":
                self.markdown(item.text)
            elif item.kind == "code":
                self.code(item.text)
            elif item.text == "imports":
                self.code(self.module.imports)
            elif item.text == "solution":
                self.solution(item.args)
            elif item.text == "tests":
                self.tests(item.args)
            elif item.text == "grading":
                self.grading_table()
            elif item.text == "total":
                self.total()
            else:
                raise ValueError(f"{template_path(self.aid)}:{item.line}: unknown directive "
                                 f"{{{{{item.text}}}}}")
        unplaced_defs = [n for n in self.module.definitions if n not in self.solutions_placed]
        if unplaced_defs:
            raise ValueError(f"{self.aid}: template places no solution cell for {unplaced_defs}")
        unplaced = [c.name for c in self.checks if c.name not in self.placed]
        if unplaced:
            raise ValueError(f"{self.aid}: checks without a test cell: {unplaced} "
                             "(end the template with {{tests: rest}})")
        nb = new_notebook(cells=self.cells, metadata={"kernelspec": dict(KERNELSPEC),
                                                      "language_info": dict(LANGUAGE_INFO)})
        assign_ids(nb, self.aid)
        nbformat.validate(nb)
        return nb


def assign_ids(nb, aid):
    """Deterministic cell ids (nbgrader/nbformat would invent random ones)."""
    seen = {}
    for index, cell in enumerate(nb.cells):
        meta = cell.metadata.get("nbgrader")
        if meta:
            base = meta["grade_id"]
        else:
            digest = hashlib.sha1(cell.source.encode("utf-8")).hexdigest()[:10]
            base = f"{cell.cell_type[:2]}-{digest}"
        base = re.sub(r"[^A-Za-z0-9_-]", "-", base)[:56]
        seen[base] = seen.get(base, 0) + 1
        cell.id = base if seen[base] == 1 else f"{base}-{seen[base]}"


def render(aid):
    return nbformat.writes(Builder(aid).build()) + "\n"


def grade_cells(nb):
    """[(grade_id, check name, points)] of the test cells of a notebook node."""
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            m = GRADE_CALL.search(cell.source)
            out.append((meta["grade_id"], m.group("check") if m else None, meta["points"]))
    return out


def outputs(aid):
    """{path: text} of every generated file of one assignment."""
    return {notebook_path(aid): render(aid), stubs.stub_path(aid): stubs.stub_source(aid)}


def nbgrader_env():
    """Environment for nbgrader subprocesses: the venv's bin first (nbgrader runs `alembic`)."""
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def generate_release(aids=ASSIGNMENT_IDS, root=ROOT):
    """`nbgrader generate_assignment` (one process; "*" when all ids) in the course at `root`."""
    ids = ["*"] if set(aids) == set(ASSIGNMENT_IDS) else list(aids)
    for aid in ids:
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", aid, "--force",
                        "--log-level=WARN"], cwd=root, check=True, env=nbgrader_env())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("assignments", nargs="*", default=list(ASSIGNMENT_IDS))
    parser.add_argument("--check", action="store_true", help="only report stale files")
    parser.add_argument("--release", action="store_true",
                        help="then run nbgrader generate_assignment into assignments/")
    args = parser.parse_args(argv)
    stale = []
    jobs = [outputs(aid) for aid in args.assignments] + [readme_points.outputs()]
    for files in jobs:
        for path, text in files.items():
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            stale.append(path.relative_to(ROOT))
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if args.check:
        if stale:
            print("stale generated files (run python -m authoring.build):", file=sys.stderr)
            for p in stale:
                print(f"  {p}", file=sys.stderr)
            return 1
        return 0
    for p in stale:
        print(f"wrote {p}")
    if args.release:
        generate_release(args.assignments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
