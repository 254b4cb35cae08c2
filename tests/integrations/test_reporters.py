"""Reporters read back: JUnit XML parses (even with control characters from student code),
classroom JSON has the reporter's schema, merge-csv and the instructor report."""
import base64
import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from autograder.integrations import class_report as report, merge
from autograder.reporters import classroom, csv_rows, gradescope, junit
from autograder.results import AssignmentResult, CheckResult
from tests.integrations.helpers import NNGRADE, put, run

NASTY = "bad \x00\x07\x1b[31m <tag> & \"quotes\" \ud800 ünïcode 한글"


def sample():
    checks = [CheckResult("ok", 10, 10.0, False, "passed", seconds=0.01),
              CheckResult("partial", 20, 5.0, True, "call.error",
                          {"what": "f(x)", "type": "ValueError", "message": NASTY, "where": ""}),
              CheckResult("zero", 5, 0.0, False, "call.missing", {"name": "step"})]
    return [AssignmentResult("01_perceptron", "x.ipynb", checks=checks,
                             problems=[("load.cell_error", {"cell": 3, "type": "E",
                                                            "message": NASTY})],
                             seed=4, seconds=1.5),
            AssignmentResult("02_backprop", None, seed=4)]


def test_junit_parses_back_with_counts_and_points():
    root = ET.fromstring(junit.report(sample(), "en").encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "2"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["01_perceptron", "02_backprop"]
    first = suites[0]
    assert (first.get("tests"), first.get("failures"), first.get("errors")) == ("3", "2", "0")
    cases = first.findall("testcase")
    assert [c.get("name") for c in cases] == ["ok", "partial", "zero"]
    assert all(c.get("classname") == "01_perceptron" and float(c.get("time")) >= 0 for c in cases)
    assert cases[0].find("failure") is None
    failure = cases[1].find("failure")
    assert failure is not None and "ValueError" in failure.get("message")
    assert "\x00" not in failure.get("message") and "<tag>" in failure.get("message")
    props = {p.get("name"): p.get("value") for p in cases[1].iter("property")}
    assert props == {"score": "5", "max_score": "20", "hidden": "true"}
    assert "cell 3" in first.find("system-err").text


def test_junit_from_the_cli(tmp_path):
    path = put(tmp_path, "01_perceptron", "exit_at_load")
    proc = run(NNGRADE + ["grade", str(path), "--format", "junit", "--seed", "1"])
    assert proc.returncode == 0, proc.stderr
    root = ET.fromstring(proc.stdout.encode())
    assert int(root.get("failures")) == int(root.get("tests")) > 0


def test_classroom_schema_and_statuses():
    data = json.loads(classroom.report(sample(), "en"))
    assert data["version"] == 1 and data["status"] == "fail" and data["max_score"] == 35
    statuses = [t["status"] for t in data["tests"]]
    assert statuses == ["error", "pass", "fail", "fail"]  # loading problem first
    assert sum(t["score"] for t in data["tests"]) == 15
    passing = [AssignmentResult("a", None, checks=[CheckResult("ok", 3, 3.0, False, "passed")])]
    assert json.loads(classroom.report(passing))["status"] == "pass"
    assert json.loads(classroom.report([]))["status"] == "fail"  # nothing graded is not a pass


def test_classroom_helper_writes_github_output(tmp_path):
    result, out = tmp_path / "r.json", tmp_path / "gh"
    assert classroom.main([str(result), "--error", "no notebook", "--github-output", str(out)]) == 0
    value = out.read_text().strip().split("=", 1)[1]
    data = json.loads(base64.b64decode(value))
    assert data["status"] == "error" and data["tests"][0]["message"] == "no notebook"


def test_gradescope_visibility():
    data = gradescope.to_dict(sample(), "en")
    vis = {t["name"]: t["visibility"] for t in data["tests"]}
    assert vis["01_perceptron: partial"] == "after_published"
    assert vis["01_perceptron: ok"] == vis["01_perceptron: zero"] == "visible"
    assert data["score"] == 15


def write_csv(path, header, table):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(table)
    path.write_text(buf.getvalue())
    return path


H = csv_rows.FIELDS


def test_merge_sorts_and_checks(tmp_path):
    a = write_csv(tmp_path / "a.csv", H, [["zoe", "01_perceptron", "5", "5", "", "1", "0.1", ""]])
    b = write_csv(tmp_path / "b.csv", H, [["amy", "02_backprop", "0", "100", "x y", "2", "3", ""],
                                         ["amy", "01_perceptron", "5", "5", "", "3", "0.2", ""]])
    text = merge.merge([a, b])
    got = [(r["student"], r["assignment"]) for r in csv.DictReader(io.StringIO(text))]
    assert got == [("amy", "01_perceptron"), ("amy", "02_backprop"), ("zoe", "01_perceptron")]
    assert merge.merge([a, a]) == merge.merge([a])  # identical duplicates are fine
    c = write_csv(tmp_path / "c.csv", H, [["zoe", "01_perceptron", "0", "5", "", "9", "0.1", ""]])
    with pytest.raises(merge.MergeError, match="twice"):
        merge.merge([a, c])
    assert "zoe,01_perceptron,0" in merge.merge([a, c], prefer_last=True)
    other = write_csv(tmp_path / "o.csv", ["student", "assignment", "score"], [])
    with pytest.raises(merge.MergeError, match="columns"):
        merge.merge([a, other])
    nb = write_csv(tmp_path / "nb.csv", ["assignment", "student_id", "score"],
                   [["01_perceptron", "b", "1"], ["01_perceptron", "a", "2"]])
    assert merge.merge([nb]).splitlines()[1].startswith("01_perceptron,a,")


def test_merge_cli_errors_are_reported(tmp_path):
    proc = run(NNGRADE + ["merge-csv", str(tmp_path / "missing.csv")])
    assert proc.returncode == 2 and "nngrade merge-csv" in proc.stderr


def test_report_writes_png_and_html(tmp_path):
    table = [[f"s{i}", aid, str(score), "100", " ".join(fails), "1", "1.0", err]
             for i, (aid, score, fails, err) in enumerate([
                 ("01_perceptron", 100, [], ""), ("01_perceptron", 40, ["a", "b"], ""),
                 ("01_perceptron", 0, ["a", "b", "c"], "timed out after 5 s"),
                 ("02_backprop", 70, ["grad"], ""), ("03_activations", 100, [], "")])]
    grades = write_csv(tmp_path / "grades.csv", H, table)
    proc = run(NNGRADE + ["report", str(grades), "--out", str(tmp_path / "rep")])
    assert proc.returncode == 0, proc.stderr
    for png in ("scores.png", "failed_checks.png"):
        assert (tmp_path / "rep" / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = (tmp_path / "rep" / "index.html").read_text()  # Korean by default, as nngrade's --lang
    assert "01_perceptron" in html and "<code>a</code>: 3명 중 2명" in html
    assert "성적 보고서" in html and "Grade report" not in html
    proc = run(NNGRADE + ["report", str(grades), "--out", str(tmp_path / "en"), "--lang", "en"])
    html = (tmp_path / "en" / "index.html").read_text()
    assert "<code>a</code>: 2 of 3" in html and "성적" not in html and "학생" not in html
    summary = report.summarize(report.load(grades))
    assert summary["01_perceptron"]["failed"][:2] == [("a", 2), ("b", 2)]
    assert summary["01_perceptron"]["errors"] == 1 and summary["01_perceptron"]["n"] == 3
