"""CSV rows: one per (student, assignment).

Columns (``nngrade grade --format csv`` and ``nngrade batch``):

student        nbgrader student id (the folder name under submitted/); "submission" for `grade`
assignment     assignment id, e.g. 01_perceptron
score          points earned (partial credit included), out of max_score
max_score      points available (100 per assignment when all its checks are installed)
failed_checks  space-separated names of the checks not fully passed
seed           seed of the hidden-check inputs: `nngrade grade FILE --seed SEED` reproduces the row
seconds        wall time of grading this row
error          empty when graded normally; otherwise why the row is 0 (timeout, crash, grader error)
diagnoses      space-separated ids of the known misconceptions its values matched
               (autograder/diagnoses; `nngrade report` counts them)

Rows are sorted by (student, assignment). `nngrade merge-csv` joins per-shard files.
"""
import csv
import io

FIELDS = ["student", "assignment", "score", "max_score", "failed_checks", "seed", "seconds",
          "error", "diagnoses"]
KEY = ("student", "assignment")


def row(student, res, error=""):
    return {"student": student, "assignment": res.assignment, "score": f"{res.score:g}",
            "max_score": f"{res.max_score:g}",
            "failed_checks": " ".join(c.name for c in res.checks if not c.passed),
            "seed": "" if res.seed is None else res.seed, "seconds": f"{res.seconds:.2f}",
            "error": " ".join(str(error).split())[:300],
            "diagnoses": " ".join(dict.fromkeys(i for c in res.checks
                                                for i in getattr(c, "diagnoses", ())))}


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
    return write(row(o.job.student, o.result, o.error) for o in ordered)
