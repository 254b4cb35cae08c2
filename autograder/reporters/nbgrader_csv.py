"""Batch results in the columns of nbgrader's ``nbgrader export`` CSV.

assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,
late_submission_penalty,score,max_score

Filled from the batch: assignment, student_id, raw_score, score, max_score, and timestamp (from
nbgrader's ``submitted/<student>/<id>/timestamp.txt``). duedate, last_name, first_name and email
come from an nbgrader gradebook.db when one is given (read-only, plain sqlite3), else stay empty.
late_submission_penalty is 0 (nbgrader's default late-submission plugin gives no penalty; apply a
policy afterwards if the course has one), so score = raw_score. A grading error leaves raw_score
and score EMPTY (never 0; the nngrade CSV's error column says why). timestamp is the batch's
parsed, normalized timestamp.txt (empty when it is not a timestamp); every text cell goes
through `reporters.cells.safe_cell`.
"""
import sqlite3
from pathlib import Path

from autograder.reporters.cells import safe_cell, score_cell
from autograder.reporters.csv_rows import write

FIELDS = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email",
          "raw_score", "late_submission_penalty", "score", "max_score"]
TEXT_FIELDS = ("assignment", "duedate", "timestamp", "student_id", "last_name", "first_name",
               "email")
KEY = ("student_id", "assignment")


def read_gradebook(path):
    """{student id: {...}}, {assignment name: duedate}; empty when unreadable."""
    students, duedates = {}, {}
    if not path or not Path(path).is_file():
        return students, duedates
    try:
        with sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True) as db:
            for sid, first, last, email in db.execute(
                    "SELECT id, first_name, last_name, email FROM student"):
                students[str(sid)] = {"first_name": first or "", "last_name": last or "",
                                      "email": email or ""}
            for name, due in db.execute("SELECT name, duedate FROM assignment"):
                duedates[str(name)] = "" if due is None else str(due)
    except sqlite3.Error:
        return {}, {}
    return students, duedates


def report_outcomes(outcomes, gradebook=None):
    students, duedates = read_gradebook(gradebook)
    out = []
    for o in sorted(outcomes, key=lambda o: (o.job.student, o.job.assignment)):
        who = students.get(o.job.student, {})
        score = score_cell(o.result.score)
        row = {
            "assignment": o.job.assignment, "duedate": duedates.get(o.job.assignment, ""),
            "timestamp": o.job.timestamp, "student_id": o.job.student,
            "last_name": who.get("last_name", ""), "first_name": who.get("first_name", ""),
            "email": who.get("email", ""), "raw_score": score,
            "late_submission_penalty": "0", "score": score,
            "max_score": f"{o.result.max_score:g}"}
        out.append({k: safe_cell(v) if k in TEXT_FIELDS else v for k, v in row.items()})
    return write(out, FIELDS)
