"""CSV rows: one per (student, assignment)."""
import csv
import io

FIELDS = ["student", "assignment", "score", "max_score", "failed_checks", "seed", "seconds"]


def rows(student, results):
    for res in results:
        yield {"student": student, "assignment": res.assignment, "score": f"{res.score:g}",
               "max_score": f"{res.max_score:g}",
               "failed_checks": " ".join(c.name for c in res.checks if not c.passed),
               "seed": res.seed, "seconds": f"{res.seconds:.2f}"}


def report(results, student="submission"):
    buf = io.StringIO()
    writer = csv.DictWriter(buf, FIELDS)
    writer.writeheader()
    writer.writerows(rows(student, results))
    return buf.getvalue()
