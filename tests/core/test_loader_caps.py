"""The grader's memory stays bounded whatever the submission (issue 10 §3, parent side).

The file size is checked before reading (the parse child reads at most the cap + 1 byte), the code
size before parsing, and reading/parsing/filtering run in a child under an address-space limit
(autograder/loader/parse.py). Each test measures the real peak RSS of a fresh grader process and
of the largest child it waited for.
"""
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.grade import grade_file, grade_path
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from autograder.loader.notebook import MAX_CODE_BYTES, MAX_FILE_BYTES

REPO = Path(__file__).resolve().parents[2]
MB = 2**20
LIMIT_MB = 300  # the target for the grader's peak RSS
MEASURE = """
import json, resource, sys
from autograder.loader import read_source


def hwm_mb():  # this process's peak RSS (ru_maxrss would include what the spawning pytest had)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024


source = read_source(sys.argv[1], needed={"step", "sigmoid"})
print(json.dumps({"problems": source.problems, "fatal": source.fatal,
                  "self_mb": hwm_mb(),
                  "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def write_repeated(path, head, unit, tail, size):
    with open(path, "wb") as fh:
        fh.write(head)
        count = (size - len(head) - len(tail)) // len(unit)
        block = unit * (MB // len(unit))
        for _ in range(count // (MB // len(unit))):
            fh.write(block)
        fh.write(unit * (count % (MB // len(unit))) + tail)
    return path


def measured(path):
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True,
                          text=True, check=True, timeout=120, cwd=REPO)
    return json.loads(done.stdout)


HOSTILE = {  # name → (file name, head, unit, tail, size, expected problem key)
    "plus_chain": ("01_perceptron.py", b"x = 1", b"+1", b"\n", MAX_CODE_BYTES - 64,
                   "load.cell_too_complex"),
    "empty_objects": ("01_perceptron.ipynb", b'{"cells": [], "x": [', b"{},", b"{}]}",
                      MAX_FILE_BYTES - 1, "load.too_complex"),
    "astral_text": ("01_perceptron.ipynb", '{"cells": [], "x": "\U0001F600'.encode(), b"A",
                    b'"}', 45 * MB, "load.too_complex"),
    "nested_json": ("01_perceptron.ipynb", b"", b"[", b"", 5 * MB, "load.bad_json"),
    "code_cap": ("01_perceptron.py", b"", b"# comment\n", b"", MAX_CODE_BYTES + 10,
                 "load.code_too_big"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_inputs_cost_the_grader_bounded_memory(tmp_path, name):
    file_name, head, unit, tail, size, key = HOSTILE[name]
    path = write_repeated(tmp_path / file_name, head, unit, tail, size)
    started = time.monotonic()
    got = measured(path)
    assert time.monotonic() - started < 30
    assert key in [k for k, _ in got["problems"]], got["problems"]
    assert got["self_mb"] < LIMIT_MB and got["child_mb"] < LIMIT_MB, got


def test_huge_files_are_refused_before_reading(tmp_path):
    path = tmp_path / "01_perceptron.py"
    with open(path, "wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make, too big to grade
    started = time.monotonic()
    got = measured(path)
    assert time.monotonic() - started < 10
    assert got["fatal"] and got["problems"] == [["load.too_big", {"limit_mb": 50}]]
    assert got["child_mb"] < 50  # no child read it


def test_big_realistic_notebook_is_graded(tmp_path):
    """45 MB of image outputs beside the reference code: read, graded in full."""
    nb = json.loads((REPO / "source/01_perceptron/01_perceptron.ipynb").read_text())
    png = {"output_type": "display_data", "metadata": {},
           "data": {"image/png": "iVBORw0KGgo" + "A" * (MB - 11)}}
    nb["cells"][-1]["outputs"] = [png] * 45
    path = tmp_path / "01_perceptron.ipynb"
    path.write_text(json.dumps(nb))
    got = measured(path)
    assert not got["fatal"] and got["problems"] == []
    assert got["self_mb"] < LIMIT_MB and got["child_mb"] < LIMIT_MB, got
    result = grade_file(SubmissionFile("01_perceptron", path),
                        GradeOptions(seed=1, include_hidden=False))
    assert result.score == result.max_score


def test_refusal_scores_zero_with_the_reason_and_the_other_assignments_go_on(tmp_path):
    write_repeated(tmp_path / "01_perceptron.py", b"", b"# comment\n", b"",
                   MAX_CODE_BYTES + 10)
    shutil.copy(REPO / "source/02_backprop/02_backprop.ipynb", tmp_path / "02_backprop.ipynb")
    results = {r.assignment: r for r in grade_path(
        tmp_path, options=GradeOptions(seed=1, include_hidden=False))}
    refused, other = results["01_perceptron"], results["02_backprop"]
    assert refused.score == 0 and refused.problems[0][0] == "load.code_too_big"
    assert all(c.key == "load.code_too_big" for c in refused.checks)
    assert other.score == other.max_score > 0


def test_a_parse_past_the_wall_limit_is_refused_with_its_own_message(tmp_path, monkeypatch):
    import autograder.loader.notebook as notebook
    from autograder.loader import read_source
    from autograder.messages import render
    monkeypatch.setattr(notebook, "PARSE_WALL_SECONDS", 0.001)
    path = tmp_path / "01_perceptron.py"
    path.write_text("def step(s):\n    return s\n")
    source = read_source(path, needed={"step"})
    assert source.fatal and source.problems == [("load.too_slow", {"seconds": 0.001})]
    assert "초가 넘게" in render(*source.problems[0]) and "took more than" in render(
        *source.problems[0], lang="en")
