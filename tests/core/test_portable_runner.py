"""The portable runner (students' Windows/macOS/Colab machines), forced here on Linux: same
results as the sandbox for public checks, refused for hidden ones, and `nngrade check` imports
nothing POSIX-only on its way to it."""
import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from autograder.sandbox import choose_runner
from tests.fixtures.build import make_submission
from tests.notebooks.support import ROOT

CASES = [  # (assignment, submission kind)
    ("01_perceptron", "reference"), ("01_perceptron", "stub"),
    ("01_perceptron", "broken_epochs_off_by_one"),
    ("03_activations", "reference"), ("03_activations", "stub"),
]


def submission(aid, kind, tmp_path):
    if kind == "reference":
        return ROOT / "source" / aid / f"{aid}.ipynb"
    if kind == "stub":
        return ROOT / "assignments" / aid / f"{aid}.ipynb"
    return make_submission(aid, kind, tmp_path)


def verdicts(result):
    return [(c.name, c.score, c.key, json.dumps(c.fields, sort_keys=True, default=str))
            for c in result.checks]


@pytest.mark.parametrize("aid,kind", CASES)
def test_portable_runner_gives_the_sandboxs_results(aid, kind, tmp_path):
    path = submission(aid, kind, tmp_path)
    results = {runner: grade_file(SubmissionFile(aid, Path(path)),
                                  GradeOptions(seed=0, include_hidden=False, runner=runner))
               for runner in ("sandbox", "portable")}
    assert verdicts(results["portable"]) == verdicts(results["sandbox"])
    assert results["portable"].problems == [p for p in results["sandbox"].problems
                                            if p[0] != "sandbox.degraded"]
    score = results["portable"].score
    assert (score == results["portable"].max_score) if kind == "reference" else score < 62


def test_portable_runner_keeps_the_timeout_and_restart_messages(tmp_path, monkeypatch):
    """A function that loops forever and one that kills the process: the same messages."""
    from autograder import grade
    declared = grade.checks_for
    # step_values' own 20 s timeout cut to 1 s: the loop costs 1 CPU s per runner, not 20
    monkeypatch.setattr(grade, "checks_for", lambda *a, **k: [
        dataclasses.replace(c, timeout=1.0) if c.name == "step_values" else c
        for c in declared(*a, **k)])
    path = make_submission("01_perceptron", None, tmp_path)
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n\ndef step(s):\n    while True:\n        pass\n\n"
                "def sigmoid(s):\n    import os\n    os._exit(1)\n")
    results = {runner: grade_file(SubmissionFile("01_perceptron", path), GradeOptions(
        seed=0, include_hidden=False, runner=runner,
        only=["step_values", "sigmoid_values", "poly_features_values"]))
               for runner in ("sandbox", "portable")}
    assert verdicts(results["portable"]) == verdicts(results["sandbox"])
    keys = [c.key for c in results["portable"].checks]
    assert keys[:2] == ["call.timeout", "call.crashed"] and results["portable"].checks[2].passed


def test_hidden_checks_never_use_the_portable_runner(tmp_path):
    assert choose_runner(public_only=False, requested="portable") == "refused"
    assert choose_runner(public_only=True, requested="portable") == "portable"
    aid = "01_perceptron"
    result = grade_file(SubmissionFile(aid, ROOT / "source" / aid / f"{aid}.ipynb"),
                        GradeOptions(seed=0, include_hidden=True, runner="portable"))
    assert result.score is None and result.error[0] == "grading_error.isolation"  # not graded
    assert result.problems[0] == ("sandbox.unavailable", {})


BLOCKED_RUN = textwrap.dedent("""
    import os, sys
    BLOCKED = ("resource", "fcntl")

    class NoPosix:
        def find_spec(self, name, path=None, target=None):
            if name.partition(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, NoPosix())
    for name in BLOCKED:
        sys.modules.pop(name, None)
    del os.fork
    from autograder.cli import main
    code = main(["check", "01_perceptron", "--dir", sys.argv[1], "--lang", "en"])
    loaded = sorted(m for m in sys.modules if m.partition(".")[0] in BLOCKED
                    or m == "autograder.sandbox.runner")
    print("POSIX-ONLY MODULES:", loaded)
    sys.exit(code)
""")


def test_nngrade_check_runs_without_posix_only_modules(tmp_path):
    aid = "01_perceptron"
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / f"{aid}.ipynb").write_bytes((ROOT / "source" / aid / f"{aid}.ipynb").read_bytes())
    out = subprocess.run([sys.executable, "-c", BLOCKED_RUN, str(folder)], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "POSIX-ONLY MODULES: []" in out.stdout
    assert "01_perceptron: 62 / 62" in out.stdout, out.stdout
