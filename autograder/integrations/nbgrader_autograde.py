"""`nbgrader autograde` through the sandbox: grade cells get nngrade's verdicts, no kernel runs.

nbgrader_config.py puts `SandboxGrade` in place of nbgrader's `Execute` in
`Autograde.autograde_preprocessors`. It runs after nbgrader's sanitizing pass (`OverwriteCells`
has restored locked, deleted and hidden test cells from the gradebook) and

1. grades the notebook **once** with `autograder.grade.grade_file` (the sandbox, hidden checks
   included, seed `autograder.batch.derive_seed(base_seed, student, assignment)` — the seed
   `nngrade batch --seed <base_seed>` gives the same job);
2. writes every grade cell's outputs: a stdout stream with one ✔/✘ line per check the cell names
   (failed checks with their message, in `lang`) and an `execute_result` whose text/plain is the
   cell's points, the sum of those checks' scores — what `nbgrader.utils.determine_grade` reads.
   Every grade cell receives an explicit result (nbgrader gives full marks to a grade cell with
   neither an error nor a result), 0 when it names no known check.

Which checks a cell names is read from the gradebook's copy of the cell (the instructor's source:
``grade("<id>", "<check>", ..., ns=globals())`` calls), never from the submitted notebook.
`SaveAutoGrades`, the gradebook, `generate_feedback` and `export` then work unchanged; nothing
the student's code does reaches a score except through the sandbox.

`execute_for_display` (off by default) also runs the non-grade cells in a plain, unsandboxed
kernel so plots and prints appear in the autograded notebook and the feedback. It costs one
kernel start plus the notebook's own run time (seconds for 01–04, minutes for 05–07's training)
and lets student code run with the instructor's rights (it could touch the gradebook); nothing
computed there reaches a score: grade cells are emptied before that run and written afterwards.

A grading error (the grader could not measure: MNIST missing, isolation refused, …;
`autograder/grading_error.py`) writes no points: the reason is logged (Korean and English) and
`GradingError` is raised, so nbgrader records no grade for that notebook, reports the student
in its error summary, goes on with the others and exits non-zero.

`report_unreadable` is a pre-convert hook: a submitted notebook that is not valid JSON fails
inside nbgrader before any preprocessor runs; the hook logs one clear line per student (the same
reason `nngrade batch` puts in that student's row), and nbgrader goes on with the rest of the class.
"""
import ast
import copy
import logging
import tempfile
from pathlib import Path

import nbformat
from nbformat.v4 import new_output
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool, Enum, Integer, Unicode

from autograder.assignments import ASSIGNMENT_IDS
from autograder.batch import derive_seed
from autograder.grade import grade_file
from autograder.options import GradeOptions, mnist_from_environment
from autograder.loader import SubmissionFile, read_source
from autograder.messages import render
from autograder.notebook_cells import format_points
from autograder.sandbox.isolation import IsolationRequired

log = logging.getLogger("autograder.nbgrader")


class GradingError(RuntimeError):
    """The grader could not measure this notebook: nbgrader must record no score for it."""


def named_checks(source, assignment):
    """Check names in a test cell's code: the string arguments of ``grade("<assignment>", ...)``
    calls (``grade`` or ``<module>.grade``), in the order they appear."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
             and (getattr(node.func, "id", None) == "grade"
                  or getattr(node.func, "attr", None) == "grade")]
    names = []
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        texts = [a.value for a in call.args if isinstance(a, ast.Constant)
                 and isinstance(a.value, str)]
        if texts and len(texts) == len(call.args) and texts[0] == assignment:
            names += texts[1:]
    return names


def check_lines(checks, lang):
    """The ✔/✘ lines `autograder.kernel_checks.grade` prints, for CheckResults."""
    lines = []
    for r in checks:
        detail = "" if r.passed else " — " + render(r.key, r.fields, lang)
        lines.append(f"{'✔' if r.passed else '✘'} {r.name}: {format_points(r.score)}/"
                     f"{format_points(r.max_score)}{detail}")
    return lines


def cell_outputs(text, points, execution_count):
    return [new_output("stream", name="stdout", text=text),
            new_output("execute_result", data={"text/plain": repr(float(points))},
                       execution_count=execution_count)]


def grade_cell_ids(nb):
    return [cell.metadata.nbgrader["grade_id"] for cell in nb.cells
            if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)]


class SandboxGrade(NbGraderPreprocessor):
    """Grade the notebook in nngrade's sandbox and write each grade cell's verdict."""

    base_seed = Integer(0, help="course base seed: student seeds are derived from it as "
                                "`nngrade batch --seed` does").tag(config=True)
    mode = Enum(("quick", "full"), "quick",
                help="quick: 1 MNIST epoch (nngrade's default); full: as assigned").tag(config=True)
    lang = Enum(("ko", "en"), "ko", help="language of the feedback lines").tag(config=True)
    mnist = Unicode("", help="MNIST .npz (default: $NNLAB_MNIST or Keras' cache)").tag(config=True)
    execute_for_display = Bool(False, help="also run the non-grade cells in an unsandboxed "
                                           "kernel, for display only").tag(config=True)
    display_timeout = Integer(1800, help="seconds per cell of the display run").tag(config=True)

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        notebook, assignment, student = info["notebook"], info["assignment"], info["student"]
        aid = notebook if notebook in ASSIGNMENT_IDS else assignment
        try:
            result = self.grade(nb, aid, student) if aid in ASSIGNMENT_IDS else None
        except IsolationRequired as exc:  # no score is written: nbgrader reports this student
            log.error("%s/%s: %s", student, aid, render(
                "sandbox.isolation_required", {"why": exc.status.explain(self.lang)}, self.lang))
            raise
        if result is not None and result.error is not None:  # no points, never a 0
            from autograder.grading_error import label
            for lang in ("en", "ko"):
                log.error("%s/%s: %s", student, aid, label(result.error, lang))
            raise GradingError(f"{student}/{aid}: {label(result.error, 'en')}")
        sources = self.trusted_sources(info["db_url"], notebook, assignment, grade_cell_ids(nb))
        if self.execute_for_display:  # after grading: grade cells are emptied in a copy only
            self.display_run(nb, resources)
        by_name = {c.name: c for c in result.checks} if result else {}
        problems = [f"! {render(k, f, self.lang)}" for k, f in result.problems] if result else []
        count = 0
        for cell in nb.cells:
            if not (cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)):
                continue
            count += 1
            grade_id = cell.metadata.nbgrader["grade_id"]
            lines, problems = problems, []  # load problems once, in the first grade cell
            names = named_checks(sources.get(grade_id, ""), aid)
            found = [by_name[n] for n in names if n in by_name]
            lines += [f"✘ {render('nbgrader.unknown_check', {'name': n, 'assignment': aid}, self.lang)}"
                      for n in names if n not in by_name]
            if not names:
                lines.append(f"✘ {render('nbgrader.no_checks', {}, self.lang)}")
            lines += check_lines(found, self.lang)
            points = round(sum(r.score for r in found), 4)
            maximum = float(cell.metadata.nbgrader.get("points", 0))
            if points > maximum:  # the registry and the notebook disagree: never above the cell
                log.warning("%s/%s: checks of cell %s are worth more than its %g points",
                            student, aid, grade_id, maximum)
                points = maximum
            cell.outputs = cell_outputs("\n".join(lines) + "\n", points, count)
            cell.execution_count = count
        if result is not None:
            unnamed = set(by_name) - {n for s in sources.values() for n in named_checks(s, aid)}
            if unnamed:
                log.warning("%s/%s: checks no grade cell names (not in nbgrader's total): %s",
                            student, aid, ", ".join(sorted(unnamed)))
        return nb, resources

    def trusted_sources(self, db_url, notebook, assignment, grade_ids):
        """{grade_id: source} of the instructor's test cells, from the gradebook."""
        out = {}
        with Gradebook(db_url) as gb:
            for grade_id in grade_ids:
                try:
                    out[grade_id] = gb.find_source_cell(grade_id, notebook, assignment).source
                except MissingEntry:
                    out[grade_id] = ""  # not a cell of the release: names no check, scores 0
        return out

    def grade(self, nb, aid, student):
        """The sanitized notebook through `grade_file`, as `nngrade batch` grades a job."""
        with tempfile.TemporaryDirectory(prefix="nngrade-nbgrader-") as tmp:
            path = Path(tmp) / f"{aid}.ipynb"
            nbformat.write(nb, str(path))
            options = GradeOptions(mode=self.mode, seed=derive_seed(self.base_seed, student, aid),
                                   include_hidden=True,
                                   mnist_path=mnist_from_environment(self.mnist or None))
            return grade_file(SubmissionFile(aid, path), options)

    def display_run(self, nb, resources):
        """Outputs of the non-grade cells from a plain kernel run (display only)."""
        from nbclient import NotebookClient
        shown = copy.deepcopy(nb)
        for cell in shown.cells:
            if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
                cell.source = ""
        path = resources.get("metadata", {}).get("path") or None
        NotebookClient(shown, timeout=self.display_timeout, allow_errors=True,
                       kernel_name="python3", resources={"metadata": {"path": path}}).execute()
        for cell, ran in zip(nb.cells, shown.cells):
            if cell.cell_type == "code" and not utils.is_grade(cell):
                cell.outputs, cell.execution_count = ran.outputs, ran.execution_count


def unreadable_reason(path):
    """Why nbgrader cannot read a submitted notebook (None when it can)."""
    try:
        nbformat.read(str(path), as_version=4)
        return None
    except Exception as exc:  # untrusted input: any failure of the reader is the answer
        source = read_source(Path(path))
        if source.fatal:
            key, fields = source.problems[0]
            return {lang: render(key, fields, lang) for lang in ("ko", "en")}
        text = f"nbformat: {type(exc).__name__}: {exc}"[:300]
        return {"ko": text, "en": text}


def report_unreadable(notebooks, **_):
    """nbgrader pre-convert hook: one ERROR line per notebook nbgrader will fail to read.

    nbgrader passes its command-line patterns as `assignment`/`student` (e.g. "*"); the real ids
    come from each path, ``submitted/<student>/<assignment>/<notebook>.ipynb``.
    """
    from traitlets.config import Application
    logger = Application.instance().log if Application.initialized() else log
    for path in notebooks:
        reason = unreadable_reason(path)
        if reason:
            parts = Path(path).parts
            fields = {"student": parts[-3], "assignment": parts[-2]}
            logger.error("[nngrade] %s", render("nbgrader.unreadable",
                                                {**fields, "reason": reason["en"]}, "en"))
            logger.error("[nngrade] %s", render("nbgrader.unreadable",
                                                {**fields, "reason": reason["ko"]}, "ko"))
