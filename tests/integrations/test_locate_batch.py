"""One `nngrade batch` over a class with every path attack and students whose failures need
catalog messages the batch parent never loaded by grading: no cheat earns a point, honest
students keep theirs, the batch finishes (no FIFO blocks it), and every reporter that carries
messages renders sentences, never raw keys."""
import csv
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.checks import checks_for
from tests.fixtures.build import make_submission
from tests.integrations.helpers import NNGRADE, put, run

AID = "01_perceptron"
SOLUTION = Path(importlib.util.find_spec("solutions.perceptron").origin)
RAW_KEY = re.compile(r"\b[a-z_0-9]+\.[a-z_0-9]+ \{")  # messages.render's fallback: "key {fields}"
# student → the check their (deliberately) broken code fails, whose message is a checks module's
# own catalog key: the parent registers it only if it loads the catalogs itself
NEEDS_MESSAGE = {"bob": ("broken_gate_weights", "gate_weights_truth_table", "perceptron.gate_wrong"),
                 "carol": ("broken_sigmoid_naive", "sigmoid_stable", "perceptron.sigmoid_warning")}
GATED_ON = {"gate_weights_truth_table": ["gate_weights_unknown_name"]}


def full_marks():
    return sum(c.points for c in checks_for(AID))


def build_class(root):
    sub = root / "submitted"
    put(sub / "alice" / AID, AID, "reference")
    (sub / "alice" / AID / "timestamp.txt").write_text("2025-09-01 10:00:00\n")
    put(sub / "dave" / AID, AID, "notebook")
    for student, (fixture, _, _) in NEEDS_MESSAGE.items():
        (sub / student / AID).mkdir(parents=True)
        make_submission(AID, fixture, sub / student / AID)
    cheats = {}

    def cheat(student, why):
        (sub / student / AID).mkdir(parents=True, exist_ok=True)
        cheats[student] = why
        return sub / student / AID

    (cheat("m_reference", "locate.symlink") / f"{AID}.py").symlink_to(SOLUTION)
    (cheat("m_classmate", "locate.symlink") / f"{AID}.py").symlink_to(
        sub / "alice" / AID / f"{AID}.py")
    guesses = cheat("m_guesses", "locate.symlink")
    (guesses / f"{AID}.ipynb").symlink_to("/no/such/solutions/perceptron.ipynb")
    (guesses / f"{AID}.py").symlink_to("../../../../solutions/perceptron.py")
    (guesses / f"{AID} (1).py").symlink_to(SOLUTION)
    (sub / "m_folder").mkdir()
    (sub / "m_folder" / AID).symlink_to(sub / "alice" / AID)
    cheats["m_folder"] = "locate.symlink"
    (sub / "m_student").symlink_to(sub / "alice")
    cheats["m_student"] = "locate.symlink"
    shadow = cheat("m_shadow", "locate.symlink")
    put(shadow, AID, "reference")
    (shadow / "timestamp.txt").symlink_to("/etc/shadow")
    fifo = cheat("m_fifo_stamp", "locate.not_regular")
    put(fifo, AID, "reference")
    os.mkfifo(fifo / "timestamp.txt")
    os.mkfifo(cheat("m_fifo_notebook", "locate.not_regular") / f"{AID}.ipynb")
    big = sub / "erin" / AID  # honest, but a 1 GB timestamp.txt: read capped, graded normally
    put(big, AID, "reference")
    with open(big / "timestamp.txt", "wb") as fh:
        fh.write(b"2025-09-02 09:00:00\n")
        fh.truncate(2**30)
    return cheats


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    cheats = build_class(root)
    out = tmp_path_factory.mktemp("out")
    outputs = {}
    for fmt in ("csv", "nbgrader-csv"):
        target = out / f"{fmt}.csv"
        proc = run(NNGRADE + ["batch", str(root), "-j", "2", "--seed", "5", "--lang", "en",
                              "--format", fmt, "--out", str(target), "-q",
                              "--results-dir", str(out / "results"), "--force"], timeout=600)
        assert proc.returncode == 0, proc.stderr
        outputs[fmt] = list(csv.DictReader(io.StringIO(target.read_text())))
    return cheats, outputs, out / "results"


def test_no_cheat_earns_a_point_and_each_says_why(graded):
    cheats, outputs, results = graded
    table = {r["student"]: r for r in outputs["csv"] if r["assignment"] == AID}
    assert set(cheats) < set(table)
    # a linked student folder is not followed, so its assignments are unknown: one 0 row each
    assert len([r for r in outputs["csv"] if r["student"] == "m_student"]) == 7
    for student, key in cheats.items():
        row = table[student]
        assert row["score"] == "0" and row["max_score"] == f"{full_marks():g}", row
        assert row["error"] == "", row  # a graded 0, not a grader failure
        data = json.loads((results / student / "results.json").read_text())
        texts = [t["output"] for t in data["tests"]]
        assert data["score"] == 0
        sentence = "is a symbolic link" if key == "locate.symlink" else "is not a regular file"
        assert any(sentence in t for t in texts), (student, texts[:2])


def test_honest_students_keep_their_points(graded):
    _, outputs, _ = graded
    table = {r["student"]: r for r in outputs["csv"] if r["assignment"] == AID}
    for student in ("alice", "dave", "erin"):
        assert table[student]["score"] == f"{full_marks():g}", table[student]
    for student, (_, check, _) in NEEDS_MESSAGE.items():
        # (the check, and the property checks gated on it: gate_weights_unknown_name)
        assert table[student]["failed_checks"].split() == [check] + GATED_ON.get(check, [])


def test_timestamps_are_read_capped_and_never_through_links(graded):
    _, outputs, _ = graded
    stamps = {r["student_id"]: r["timestamp"] for r in outputs["nbgrader-csv"]
              if r["assignment"] == AID}
    assert stamps["alice"] == "2025-09-01 10:00:00"
    assert stamps["erin"] == "2025-09-02 09:00:00"  # the 1 GB file: first bytes only
    assert stamps["m_shadow"] == stamps["m_fifo_stamp"] == ""
    shadow = Path("/etc/shadow")
    if shadow.is_file() and os.access(shadow, os.R_OK):
        head = shadow.read_text(errors="replace").strip()[:20]
        assert head not in json.dumps(outputs)


def test_batch_results_json_carries_sentences_not_raw_keys(graded):
    """Issue 9 §6: the parent renders keys registered only by checks modules it never loaded."""
    _, _, results = graded
    for student, (_, check, key) in NEEDS_MESSAGE.items():
        data = json.loads((results / student / "results.json").read_text())
        test = next(t for t in data["tests"] if t["name"] == f"{AID}: {check}")
        assert key not in test["output"] and not RAW_KEY.search(test["output"]), test
    for path in results.rglob("results.json"):
        assert not RAW_KEY.search(path.read_text()), path


# -- every reporter, in a fresh process that graded nothing --------------------------------------
RENDER_ONE = r"""
import importlib, json, sys
from autograder.results import AssignmentResult, CheckResult
reporter = importlib.import_module(f"autograder.reporters.{sys.argv[1]}")
keys = json.loads(sys.stdin.read())
fields = {"marker": 1}
checks = [CheckResult(f"c{i}", 1, 0.0, False, k, dict(fields)) for i, k in enumerate(keys)]
res = [AssignmentResult("01_perceptron", "x.py", checks=checks,
                        problems=[(k, dict(fields)) for k in keys])]
print(reporter.report(res, "en"))
"""
REPORTERS_WITH_MESSAGES = ("text", "gradescope", "junit", "classroom")  # csv_rows: names only


def every_catalog_key():
    from autograder.reporters.catalogs import load_all
    from autograder import messages
    load_all()
    return sorted(messages.CATALOG)


def test_every_reporter_renders_every_key_in_a_fresh_process():
    keys = every_catalog_key()
    assert {"perceptron.gate_wrong", "keras.layers", "sandbox.degraded", "locate.symlink",
            "grading_error.batch_timeout"} <= set(keys)
    for reporter in REPORTERS_WITH_MESSAGES:  # each alone: no other reporter loads catalogs
        proc = subprocess.run([sys.executable, "-c", RENDER_ONE, reporter],
                              input=json.dumps(keys), capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        raw = sorted({m.group(0) for m in RAW_KEY.finditer(proc.stdout)})
        assert not raw, (reporter, raw[:5])
        for key in keys:
            assert f"{key} {{'marker'" not in proc.stdout, (reporter, key)


def test_rendering_never_raises_on_fields_of_an_unexpected_type():
    """A template with a format spec ({x:.3f}) given a string, or not given the field at all,
    renders a sentence (the parent must never crash on a value the child chose)."""
    from autograder.messages import register, render
    register({"test.spec": {"ko": "값 {x:.3f}, {y!r}", "en": "value {x:.3f}, {y!r} {z[0]}"}})
    assert render("test.spec", {"x": 0.5, "y": "a"}, "ko") == "값 0.500, 'a'"
    assert render("test.spec", {"x": "not a number"}, "ko") == "값 not a number, {y}"
    assert render("test.spec", {}, "en").startswith("value ")
