"""A new instructor's first run: docs/WORKFLOWS.md's instructor commands, verbatim and in the
order written, on a `git clone` of this repository (no gradebook.db, no submitted/).

Every ```bash block of the "Instructor workflow" section runs, line by line, in the clone; the
only changes are the documented placeholders (`<id>`, `<base seed>`) and the lines a test cannot
or must not run here (creating a venv, installing, exporting a variable, `git add`, commands of
the exchange and of the pytest section's example paths), listed in SKIP. `nbgrader`, `nngrade`
and `python` are this interpreter's (`python -m ...`), with the clone first on the import path.
Submissions are collected (step 3: "or copy them") before the first command: a reference
notebook (alice), the release as handed out (bob: "stub-based"), and the release with a test
cell edited (carol).
"""
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.notebooks.support import ROOT, kernel_env

pytestmark = pytest.mark.slow

AID = "01_perceptron"
BASE_SEED = "20260901"
SKIP = ("python -m venv", "pip install", "jupyter kernelspec", "python -m ipykernel", "export ",
        "git add", "cd ", "nbgrader release_feedback", "python -I -m pytest", "--nngrade ")


def instructor_commands():
    text = (ROOT / "docs" / "WORKFLOWS.md").read_text(encoding="utf-8")
    section = text.split("## Instructor workflow", 1)[1].split("\n## ", 1)[0]
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", section, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith(SKIP):
                commands.append(line.replace("<id>", AID).replace("<base seed>", BASE_SEED))
    return commands


def argv(command):
    """The command as this interpreter runs it (the venv's scripts are `python -m` modules)."""
    words = shlex.split(command)
    modules = {"nbgrader": ["-m", "nbgrader"], "nngrade": ["-m", "autograder.cli"],
               "python": []}
    assert words[0] in modules, f"unexpected command in WORKFLOWS.md: {command}"
    return [sys.executable, *modules[words[0]], *words[1:]]


def collect(clone):
    source = nbformat.read(str(ROOT / "source" / AID / f"{AID}.ipynb"), as_version=4)
    release = nbformat.read(str(ROOT / "assignments" / AID / f"{AID}.ipynb"), as_version=4)
    edited = nbformat.read(str(ROOT / "assignments" / AID / f"{AID}.ipynb"), as_version=4)
    cell = next(c for c in edited.cells if c.metadata.get("nbgrader", {}).get("locked")
                and c.metadata["nbgrader"].get("grade"))
    cell.source += "\nprint('edited by the student')"
    for student, nb in (("alice", source), ("bob", release), ("carol", edited)):
        folder = clone / "submitted" / student / AID
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{AID}.ipynb"))
    return cell.metadata["nbgrader"]["grade_id"]


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_workflows_instructor_commands_work_in_order_on_a_fresh_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    assert not (clone / "gradebook.db").exists()
    edited_cell = collect(clone)
    env = kernel_env(PYTHONPATH=str(clone))
    commands = instructor_commands()
    assert commands[0].startswith("python -m authoring.build")
    assert any(c.startswith("nbgrader autograde") for c in commands)
    logs = {}
    for command in commands:
        out = subprocess.run(argv(command), cwd=clone, env=env, capture_output=True, text=True,
                             timeout=1800)
        assert out.returncode == 0, f"{command}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
        logs[command] = out.stdout + out.stderr
    autograde = logs[f"nbgrader autograde {AID}"]
    assert f"[nngrade] alice/{AID}: 100 / 100" in autograde, autograde[-3000:]
    assert f"[nngrade] bob/{AID}: 0 / 100" in autograde
    # the release as handed out restores silently; a real edit of a test cell still warns
    changed = re.findall(r"Attribute 'checksum' for cell (\S+) has changed", autograde)
    assert changed == [edited_cell], autograde[-3000:]
    assert (clone / "feedback" / "alice" / AID / f"{AID}.html").is_file()
    assert "alice" in (clone / "grades.csv").read_text()
    assert (clone / "batch" / "grades.csv").is_file()
    assert (clone / "batch" / "report" / "index.html").is_file()
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=clone,
                            capture_output=True, text=True, check=True).stdout
    assert status == "", f"the documented commands changed committed files:\n{status}"
    shutil.rmtree(clone, ignore_errors=True)
