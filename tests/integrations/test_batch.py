"""nngrade batch: one bad student never costs the others; -j1 and -j2 agree exactly."""
import csv
import io
import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from autograder.batch import Job, Progress, discover, parse_shard, run_batch
from autograder.checks import checks_for
from autograder.grading_error import EXIT_CODE
from tests.integrations.helpers import NNGRADE, run, submitted_tree

AID = "01_perceptron"
PLAN = {"alice": "reference", "bob": "exit_at_load", "dave": "notebook",
        "fred": "surrogate_error"}
# Wall-clock limit per job for the student whose function loops forever. Correct submissions
# take ~1-2 s on an idle machine; this leaves room for a loaded CI runner.
TIMEOUT = "25"


def full_marks():
    return sum(c.points for c in checks_for(AID))


def rows(path):
    return list(csv.DictReader(io.StringIO(Path(path).read_text())))


def without(items, *names):
    return [{k: v for k, v in row.items() if k not in names} for row in items]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = submitted_tree(tmp_path_factory.mktemp("course"), PLAN)
    (root / "submitted" / "eve" / AID).mkdir(parents=True)  # a folder with nothing to grade
    (root / "submitted" / "alice" / AID / "timestamp.txt").write_text("2025-09-01 10:00:00\n")
    return root


@pytest.fixture(scope="module")
def batches(course, tmp_path_factory):
    out = {}
    for jobs in ("1", "2"):
        folder = tmp_path_factory.mktemp(f"j{jobs}")
        proc = run(NNGRADE + ["batch", str(course), "-j", jobs, "--seed", "7",
                              "--out", str(folder / "grades.csv"), "--lang", "en"])
        assert proc.returncode == 0, proc.stderr
        out[jobs] = (folder, proc)
    return out


def test_each_student_gets_the_right_row(batches):
    folder, _ = batches["1"]
    table = {r["student"]: r for r in rows(folder / "grades.csv")}
    assert list(table) == ["alice", "bob", "dave", "eve", "fred"]  # sorted, one per submission
    top = f"{full_marks():g}"
    for good in ("alice", "dave"):  # .py and .ipynb reference
        assert table[good]["score"] == table[good]["max_score"] == top, table[good]
        assert table[good]["error"] == ""
    assert table["bob"]["score"] == "0" and table["bob"]["error"] == ""  # graded: exit at load
    assert table["eve"]["score"] == "0" and table["eve"]["max_score"] == top
    assert table["fred"]["score"] == "0" and table["fred"]["error"] == ""  # unencodable message
    for r in table.values():
        assert r["assignment"] == AID and r["seed"].isdigit()


def test_results_json_per_student(batches):
    folder, _ = batches["1"]
    for student in ["alice", "bob", "dave", "eve", "fred"]:
        data = json.loads((folder / "results" / student / "results.json").read_text())
        assert {"score", "tests", "execution_time"} <= set(data)
        assert all({"name", "score", "max_score", "visibility"} <= set(t) for t in data["tests"])
    bob = json.loads((folder / "results" / "bob" / "results.json").read_text())
    assert any("loading" in t["name"] for t in bob["tests"])


def test_j1_and_j2_give_identical_results(batches):
    (one, _), (two, _) = batches["1"], batches["2"]
    assert without(rows(one / "grades.csv"), "seconds") == \
        without(rows(two / "grades.csv"), "seconds")
    for path in sorted((one / "results").rglob("results.json")):
        a = json.loads(path.read_text())
        b = json.loads((two / path.relative_to(one)).read_text())
        a.pop("execution_time"), b.pop("execution_time")
        assert a == b, path


def test_progress_is_plain_text_when_not_a_tty(batches):
    _, proc = batches["2"]
    lines = [l for l in proc.stderr.splitlines() if l.startswith("[")]
    assert len(lines) == 5 and lines[-1].startswith("[5/5]")
    assert "\r" not in proc.stderr


# slow: the looping student burns its whole check timeout (~26 s of a worker); the fast suite keeps
# the batch timeout itself in test_the_job_timeout_stops_only_the_stuck_job
@pytest.mark.slow
def test_a_student_looping_forever_costs_only_their_job(tmp_path):
    course = submitted_tree(tmp_path / "course", {"alice": "reference", "carol": "loop_forever",
                                                  "dave": "notebook"})
    out = tmp_path / "grades.csv"
    proc = run(NNGRADE + ["batch", str(course), "-j", "2", "--seed", "7", "--timeout", TIMEOUT,
                          "--out", str(out), "--lang", "en"])
    table = {r["student"]: r for r in rows(out)}
    # exit 0, or grading_error.EXIT_CODE when the wall-clock backstop (below) stopped carol
    assert proc.returncode == (EXIT_CODE if table["carol"]["error"] else 0), proc.stderr
    for good in ("alice", "dave"):
        assert table[good]["score"] == f"{full_marks():g}" and not table[good]["error"]
    # Stopped either by the check's own CPU budget in the sandbox (a graded 0) or, if that comes
    # later than --timeout, by the batch's wall-clock backstop (a grading error: no score).
    carol = json.loads((tmp_path / "results" / "carol" / "results.json").read_text())
    if table["carol"]["error"]:
        assert table["carol"]["score"] == "" and "grading error" in table["carol"]["error"]
    else:
        assert table["carol"]["score"] == "0" and carol["score"] == 0
        assert any("did not finish within" in t["output"] for t in carol["tests"])


def test_the_job_timeout_stops_only_the_stuck_job(course):
    jobs = [Job(s, AID, None, 1) for s in ("alice", "bob", "carol", "dave", "erin")]
    outcomes = run_batch(jobs, workers=2, timeout=2.0,
                         grader="tests.integrations.crashy_grader:hang")
    by = {o.job.student: o for o in outcomes}
    # the wall-clock backstop is the grader's failure, not the student's: no score
    assert by["carol"].error == "timed out after 2 s" and by["carol"].result.score is None
    assert by["carol"].result.error[0] == "grading_error.batch_timeout"
    for s in ("alice", "bob", "dave", "erin"):
        assert by[s].result.score == 10 and not by[s].error


def test_a_dying_worker_process_costs_only_its_job(course):
    jobs = [j for j in discover(course, AID, seed=3) if j.student in ("alice", "bob", "dave")]
    outcomes = run_batch(jobs, workers=2, timeout=float(TIMEOUT),
                         grader="tests.integrations.crashy_grader:grade")
    by = {o.job.student: o for o in outcomes}
    assert "worker crashed" in by["bob"].error and by["bob"].attempts == 2  # retried once
    # the student's code runs in the sandbox, not the worker: a grading error, no score
    assert by["bob"].result.score is None and by["bob"].result.max_score == full_marks()
    assert by["bob"].result.error[0] == "grading_error.worker_died"
    assert by["alice"].result.score == by["dave"].result.score == full_marks()
    assert not by["alice"].error and not by["dave"].error


def test_a_grader_exception_costs_only_its_job(course):
    jobs = [j for j in discover(course, AID, seed=3) if j.student in ("alice", "bob")]
    outcomes = run_batch(jobs, workers=1, grader="tests.integrations.crashy_grader:explode")
    assert "RuntimeError: grader bug" in outcomes[1].error
    assert outcomes[1].result.score is None and outcomes[1].attempts == 2  # retried, no score
    assert outcomes[0].result.score == full_marks() and not outcomes[0].error


def test_discover_shards_and_seeds(course):
    every = discover(course, seed=5)
    assert [j.student for j in every] == sorted([*PLAN, "eve"])
    assert next(j for j in every if j.student == "eve").path is None
    assert next(j for j in every if j.student == "alice").timestamp == "2025-09-01 10:00:00"
    shards = [discover(course, shard=(k, 3), seed=5) for k in (1, 2, 3)]
    assert sorted((j for s in shards for j in s), key=lambda j: j.key) == every
    assert discover(course / "submitted", seed=5) == every  # course dir or submitted/ itself
    assert parse_shard("2/4") == (2, 4)
    for bad in ("0/4", "5/4", "x"):
        with pytest.raises(Exception):
            parse_shard(bad)


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True
    from autograder.batch import JobOutcome
    from autograder.results import AssignmentResult
    stream = Tty()
    bar = Progress(2, stream=stream)
    for s in ("a", "b"):
        bar.update(JobOutcome(Job(s, AID, None, 1), AssignmentResult(AID, None)))
    bar.close()
    text = stream.getvalue()
    assert text.count("\r") == 2 and "2/2" in text and text.endswith("\n")


def fake_gradebook(db):
    """The two tables of nbgrader's gradebook.db that nngrade reads (nbgrader.api's columns)."""
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE student (id VARCHAR(128) PRIMARY KEY, first_name VARCHAR(128),"
                    " last_name VARCHAR(128), email VARCHAR(128), lms_user_id VARCHAR(128))")
        con.execute("CREATE TABLE assignment (id VARCHAR(32) PRIMARY KEY, name VARCHAR(128),"
                    " duedate DATETIME, course_id VARCHAR(128))")
        con.execute("INSERT INTO student VALUES"
                    " ('alice', 'Alice', 'Kim', 'alice@example.org', NULL)")
        con.execute(f"INSERT INTO assignment VALUES ('x', '{AID}', '2025-09-02 00:00:00.000000',"
                    " 'default_course')")


def real_gradebook(db):
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{db}") as gb:
        gb.add_student("alice", first_name="Alice", last_name="Kim", email="alice@example.org")
        gb.add_assignment(AID, duedate="2025-09-02 00:00:00")


@pytest.mark.parametrize("make_gradebook", [
    fake_gradebook,
    pytest.param(real_gradebook, marks=pytest.mark.slow),  # nbgrader's own: ~40 s (alembic)
])
def test_nbgrader_csv_with_gradebook(tmp_path, monkeypatch, make_gradebook):
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}:{os.environ['PATH']}")  # alembic
    course = submitted_tree(tmp_path / "course", {"alice": "reference", "bob": "exit_at_load"})
    (course / "submitted" / "alice" / AID / "timestamp.txt").write_text("2025-09-01 10:00:00\n")
    db = tmp_path / "gradebook.db"
    make_gradebook(db)
    out = tmp_path / "nb.csv"
    proc = run(NNGRADE + ["batch", str(course), "-j", "2", "--seed", "7",
                          "--format", "nbgrader-csv", "--gradebook", str(db), "--out", str(out),
                          "-q"])
    assert proc.returncode == 0, proc.stderr
    table = rows(out)
    assert list(table[0]) == ["assignment", "duedate", "timestamp", "student_id", "last_name",
                              "first_name", "email", "raw_score", "late_submission_penalty",
                              "score", "max_score"]
    alice = next(r for r in table if r["student_id"] == "alice")
    assert (alice["first_name"], alice["last_name"], alice["email"]) == \
        ("Alice", "Kim", "alice@example.org")
    assert alice["duedate"].startswith("2025-09-02") and alice["timestamp"] == "2025-09-01 10:00:00"
    assert alice["raw_score"] == alice["score"] == alice["max_score"] == f"{full_marks():g}"
    bob = next(r for r in table if r["student_id"] == "bob")
    assert bob["first_name"] == "" and bob["score"] == "0"


def test_nothing_to_grade_is_an_error(tmp_path):
    proc = run(NNGRADE + ["batch", str(tmp_path / "nope")])
    assert proc.returncode == 2 and "no such folder" in proc.stderr


@pytest.mark.parametrize("earlier", ["csv", "results"])
def test_a_second_run_refuses_to_overwrite_the_first(course, tmp_path, earlier):
    """The first run's CSV or results/ stay as they were: exit 2 before any grading, and the
    message names --force (which then replaces them, removing stale results.json files)."""
    csv_file, stale = tmp_path / "grades.csv", tmp_path / "results" / "zoe" / "results.json"
    if earlier == "csv":
        csv_file.write_text("first run\n")
    stale.parent.mkdir(parents=True)
    stale.write_text("{}" if earlier == "results" else "")
    if earlier == "csv":
        stale.unlink()
    proc = run(NNGRADE + ["batch", str(course), "--assignment", AID, "--seed", "7", "-q",
                          "--out", str(csv_file), "--lang", "en"])
    assert proc.returncode == 2 and "--force" in proc.stderr, proc.stderr
    assert "earlier run" in proc.stderr and "graded in" not in proc.stderr
    assert (csv_file.read_text() == "first run\n") if earlier == "csv" else stale.is_file()
    if earlier == "csv":
        return  # one --force run (below) is enough to prove the replacement
    proc = run(NNGRADE + ["batch", str(course), "--assignment", AID, "--seed", "7", "-q",
                          "--out", str(csv_file), "--lang", "en", "--force"])
    assert proc.returncode == 0, proc.stderr
    assert [r["student"] for r in rows(csv_file)][0] == "alice" and not stale.exists()


def test_recheck_timeouts_grades_them_again_alone(course):
    jobs = [Job(s, AID, None, 1) for s in ("alice", "carol", "dave")]
    outcomes = run_batch(jobs, workers=2, timeout=2.0, recheck_timeouts=True,
                         grader="tests.integrations.crashy_grader:hang")
    by = {o.job.student: o for o in outcomes}
    assert by["carol"].rechecked and by["carol"].attempts == 2 and by["carol"].timed_out
    assert not by["alice"].rechecked and not by["dave"].rechecked
