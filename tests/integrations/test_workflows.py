"""The GitHub Actions templates: valid YAML with the expected structure, and the shell of their
`run:` steps executed here exactly as written (same commands the runners execute)."""
import base64
import csv
import io
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from autograder.checks import checks_for
from tests.integrations.helpers import NNGRADE, REPO, put, run, submitted_tree

STUDENT = REPO / ".github" / "classroom" / "autograding.yml"
INSTRUCTOR = REPO / ".github" / "workflows" / "grade-class.yml"
AID = "01_perceptron"


def load(path):
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict) and "on" in data, "quote the `on` key (YAML 1.1 reads it as true)"
    return data


def step(job, *, id=None, name=None):
    for s in job["steps"]:
        if (id and s.get("id") == id) or (name and s.get("name") == name):
            return s
    raise AssertionError(f"no step {id or name}")


def bash_env(**extra):
    """PATH with this environment's `nngrade`/`python` first, like the runner after pip install."""
    bindir = str(Path(sys.executable).parent)
    return {"PATH": f"{bindir}:{os.environ['PATH']}", **{k: str(v) for k, v in extra.items()}}


def run_step(script, cwd, **env):
    # GitHub runs `run:` with `bash --noprofile --norc -eo pipefail {0}`
    path = Path(cwd) / ".step.sh"
    path.write_text(script)
    proc = run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(path)], cwd=cwd,
               env=bash_env(**env), timeout=600)
    path.unlink()
    return proc


# -- student template ----------------------------------------------------------------------------
def test_student_workflow_structure():
    wf = load(STUDENT)
    assert {"push", "workflow_dispatch"} <= set(wf["on"])
    assert wf["permissions"]["checks"] == "write"
    (job,) = wf["jobs"].values()
    uses = [s.get("uses", "") for s in job["steps"]]
    assert any(u.startswith("actions/checkout@") for u in uses)
    assert any(u.startswith("actions/setup-python@") for u in uses)
    install = step(job, name="Install nngrade")["run"]
    assert "pip install" in install and "$NNGRADE_PACKAGE" in install
    assert wf["env"]["NNGRADE_PACKAGE"].endswith(".whl")
    grade = step(job, id="nngrade")["run"]
    assert "--public-only" in grade and "--format classroom" in grade
    reporter = next(s for s in job["steps"] if s.get("uses", "").startswith(
        "classroom-resources/autograding-grading-reporter@"))
    runner = reporter["with"]["runners"]
    # the reporter reads env <RUNNER>_RESULTS (upper case) holding the step's `result` output
    assert reporter["env"] == {f"{runner.upper()}_RESULTS": "${{ steps.nngrade.outputs.result }}"}


def student_result(tmp_path, setup):
    repo = tmp_path / "repo"
    repo.mkdir()
    setup(repo)
    out = tmp_path / "github_output"
    out.write_text("")
    grade = step(next(iter(load(STUDENT)["jobs"].values())), id="nngrade")["run"]
    proc = run_step(grade, repo, GITHUB_OUTPUT=out, NNGRADE_LANG="en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = [l for l in out.read_text().splitlines() if l.startswith("result=")]
    assert len(lines) == 1
    return json.loads(base64.b64decode(lines[0][len("result="):])), proc.stdout


def assert_classroom_schema(data):
    """What autograding-grading-reporter reads (command-grader's `result` shape)."""
    assert data["version"] == 1 and data["status"] in ("pass", "fail", "error")
    assert isinstance(data["max_score"], (int, float)) and isinstance(data["tests"], list)
    for t in data["tests"]:
        assert {"name", "status", "score", "message", "test_code", "filename", "line_no",
                "duration"} <= set(t)
        assert t["status"] in ("pass", "fail", "error")
        assert isinstance(t["score"], (int, float)) and isinstance(t["line_no"], int)


def test_student_step_reports_the_reference_as_passing(tmp_path):
    data, log = student_result(tmp_path, lambda repo: put(repo, AID, "notebook"))
    assert_classroom_schema(data)
    public = [c for c in checks_for(AID, include_hidden=False)]
    assert data["status"] == "pass"
    assert data["max_score"] == sum(c.points for c in public)
    assert sum(t["score"] for t in data["tests"]) == data["max_score"]
    assert {t["name"] for t in data["tests"]} == {f"{AID}: {c.name}" for c in public}
    assert "✔" in log


def test_student_step_reports_a_broken_notebook_as_failing(tmp_path):
    data, log = student_result(tmp_path, lambda repo: put(repo, AID, "exit_at_load"))
    assert_classroom_schema(data)
    assert data["status"] == "fail" and sum(t["score"] for t in data["tests"]) == 0
    assert any(t["status"] == "error" and "loading" in t["name"] for t in data["tests"])
    assert "✘" in log


def test_student_step_reports_an_empty_repository_as_error(tmp_path):
    data, log = student_result(tmp_path, lambda repo: None)
    assert_classroom_schema(data)
    assert data["status"] == "error" and "01_perceptron.ipynb" in data["tests"][0]["message"]


FAKE_REPORTER = """import base64, json, sys
fake = {"version": 1, "status": "pass", "max_score": 1, "tests": [{"name": "forged",
        "status": "pass", "score": 1, "max_score": 1, "message": "", "output": "", "test_code": "",
        "filename": "", "line_no": 0, "duration": 0}]}
out = sys.argv[sys.argv.index("--github-output") + 1] if "--github-output" in sys.argv else None
if out:
    open(out, "a").write("result=" + base64.b64encode(json.dumps(fake).encode()).decode() + "\\n")
print("FORGED")
"""


def test_a_repository_autograder_folder_does_not_shadow_the_installed_reporter(tmp_path):
    """Hygiene (students own the workflow file): `python -I -m` and the console script never
    import the checked-out repository's own autograder/ package."""
    def setup(repo):
        put(repo, AID, "exit_at_load")
        fake = repo / "autograder" / "reporters"
        fake.mkdir(parents=True)
        (repo / "autograder" / "__init__.py").write_text("")
        (repo / "autograder" / "cli.py").write_text(FAKE_REPORTER)
        (fake / "__init__.py").write_text("")
        (fake / "classroom.py").write_text(FAKE_REPORTER)
    grade = step(next(iter(load(STUDENT)["jobs"].values())), id="nngrade")["run"]
    assert grade.count("python -I -m autograder.reporters.classroom") == 2
    assert "python -m autograder" not in grade
    data, log = student_result(tmp_path, setup)
    assert "FORGED" not in log and data["status"] == "fail"
    assert all(t["name"] != "forged" for t in data["tests"])
    assert sum(t["score"] for t in data["tests"]) == 0


# -- instructor workflow -------------------------------------------------------------------------
def test_instructor_workflow_structure():
    wf = load(INSTRUCTOR)
    assert set(wf["on"]) == {"workflow_dispatch"}  # never runs on its own
    grade, merge = wf["jobs"]["grade"], wf["jobs"]["merge"]
    assert merge["needs"] == "grade"
    shards = grade["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(wf["env"]["SHARDS"]) + 1))
    assert grade["strategy"]["fail-fast"] is False
    script = step(grade, name="Grade this shard")["run"]
    assert "nngrade batch" in script and '--shard "$SHARD/$SHARDS"' in script
    upload = step(grade, name="Upload the shard's grades")
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["name"] == "grades-${{ matrix.shard }}"
    download = step(merge, name="Download the shards")
    assert download["with"]["pattern"] == "grades-*" and download["with"]["merge-multiple"]
    merged = step(merge, name="Merge and report")["run"]
    assert "nngrade merge-csv shards/grades-*.csv --out grades.csv" in merged
    assert "nngrade report grades.csv" in merged


def csv_rows(path):
    return [{k: v for k, v in r.items() if k != "seconds"}
            for r in csv.DictReader(io.StringIO(Path(path).read_text()))]


@pytest.mark.slow  # the instructor workflow's shards, merge, report and one batch (~45 s)
def test_instructor_commands_sharded_then_merged_equal_one_batch(tmp_path):
    wf = load(INSTRUCTOR)
    grade_script = step(wf["jobs"]["grade"], name="Grade this shard")["run"]
    merge_script = step(wf["jobs"]["merge"], name="Merge and report")["run"]
    shards = int(wf["env"]["SHARDS"])
    # fewer students than shards on purpose: an empty shard must still write its CSV
    submitted_tree(tmp_path / "collected", {"alice": "reference", "bob": "exit_at_load",
                                             "dave": "notebook"})
    for k in range(1, shards + 1):  # each matrix job, in its own workspace
        work = tmp_path / f"job{k}"
        work.mkdir()
        (work / "collected").symlink_to(tmp_path / "collected")
        proc = run_step(grade_script, work, SHARD=k, SHARDS=shards, COURSE="collected/.",
                        ASSIGNMENT=AID, SEED=11, MODE="quick")
        assert proc.returncode == 0, proc.stderr
        # download-artifact with merge-multiple: every shard's out/ unpacked into shards/
        shutil.copytree(work / "out", tmp_path / "merge" / "shards", dirs_exist_ok=True)
    proc = run_step(merge_script, tmp_path / "merge")
    assert proc.returncode == 0, proc.stderr
    one = run(NNGRADE + ["batch", str(tmp_path / "collected"), "-j", "2", "--seed", "11",
                         "--assignment", AID, "--out", str(tmp_path / "single.csv"), "-q"])
    assert one.returncode == 0, one.stderr
    merged = csv_rows(tmp_path / "merge" / "grades.csv")
    assert merged == csv_rows(tmp_path / "single.csv")
    assert [r["student"] for r in merged] == ["alice", "bob", "dave"]
    assert (tmp_path / "merge" / "report" / "index.html").is_file()
    shard_results = (tmp_path / "merge" / "shards" / "results").glob("*/results.json")
    results = sorted(p.parent.name for p in shard_results)
    assert results == ["alice", "bob", "dave"]
