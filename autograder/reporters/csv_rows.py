"""CSV rows: one per (student, assignment).

Columns (``nngrade grade --format csv`` and ``nngrade batch``):

student        nbgrader student id (the folder name under submitted/); "submission" for `grade`
assignment     assignment id, e.g. 01_perceptron
score          points earned (partial credit included), out of max_score; EMPTY for a grading
               error (the grader could not measure: never 0, see the error column)
max_score      points available (100 per assignment when all its checks are installed)
failed_checks  space-separated names of the checks not fully passed (grading errors not included)
seed           seed of the hidden-check inputs: `nngrade grade FILE --seed SEED` reproduces the row
seconds        wall time of grading this row
error          empty when graded normally; otherwise "grading error: <reason>" (no score), why
               the row is 0 (a timeout), and warnings (a timestamp.txt that is not a timestamp)
base_seed      the batch's base seed the row's seed was derived from (`nngrade batch --seed`, or
               the course's `c.SandboxGrade.base_seed`); empty for `nngrade grade`
diagnoses      space-separated ids of the known misconceptions its values matched
               (autograder/diagnoses; `nngrade report` counts them)

Rows are sorted by (student, assignment). `nngrade merge-csv` joins per-shard files. Text cells
go through `reporters.cells.safe_cell` (no cell starts a spreadsheet formula).
"""
import csv
import io

from autograder.reporters.cells import safe_cell, score_cell

FIELDS = ["student", "assignment", "score", "max_score", "failed_checks", "seed", "seconds",
          "error", "base_seed", "diagnoses"]
TEXT_FIELDS = ("student", "assignment", "failed_checks", "error", "diagnoses")
KEY = ("student", "assignment")


def error_text(res, error="", lang="en"):
    """The error column: the grading error first, then the batch's own note, then warnings."""
    parts = []
    if res.error is not None:
        from autograder.grading_error import label
        parts.append(label(res.error, lang))
    parts += [str(e) for e in (error if isinstance(error, (list, tuple)) else [error]) if e]
    return " ".join("; ".join(parts).split())[:500]


def row(student, res, error="", base_seed=None, lang="en"):
    out = {"student": student, "assignment": res.assignment, "score": score_cell(res.score),
           "max_score": f"{res.max_score:g}",
           "failed_checks": " ".join(c.name for c in res.checks
                                     if not c.passed and c.error is None),
           "seed": "" if res.seed is None else res.seed, "seconds": f"{res.seconds:.2f}",
           "error": error_text(res, error, lang),
           "base_seed": "" if base_seed is None else base_seed,
           "diagnoses": " ".join(dict.fromkeys(i for c in res.checks
                                               for i in getattr(c, "diagnoses", ())))}
    return {k: safe_cell(v) if k in TEXT_FIELDS else v for k, v in out.items()}


def rows(student, results):
    for res in results:
        yield row(student, res)


def write(dict_rows, fields=FIELDS):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(dict_rows)
    return buf.getvalue()


def report(results, student="submission"):
    return write(rows(student, results))


def report_outcomes(outcomes):
    """Batch outcomes (autograder.batch.JobOutcome) → CSV text, sorted by (student, assignment)."""
    ordered = sorted(outcomes, key=lambda o: (o.job.student, o.job.assignment))
    return write(row(o.job.student, o.result, [o.error, *getattr(o.job, "warnings", ())],
                     getattr(o.job, "base_seed", None)) for o in ordered)
