"""The instructor workflow grades with isolation: its grade step, run here as written, takes
root through sudo when the runner's user is not root (hosted runners) and runs directly when it
already is (containers). tests/integrations/test_workflows.py covers the rest of the template."""
import csv
import shutil
from pathlib import Path

import yaml

from tests.integrations.helpers import submitted_tree
from tests.sandbox.unprivileged import (PYTHON, REPO, as_user, chown_tree, needs_root_tools,
                                        user_folder)

WORKFLOW = REPO / ".github" / "workflows" / "grade-class.yml"
SUDO_SHIM = '''#!/bin/sh
# test stand-in for sudo: records the call, then runs the command as the same user
echo "$*" >> "$SUDO_LOG"
[ "$1" = "-E" ] && shift
exec "$@"
'''


def grade_script():
    job = yaml.safe_load(WORKFLOW.read_text())["jobs"]["grade"]
    return next(s for s in job["steps"] if s.get("name") == "Grade this shard")["run"]


def test_grade_step_runs_nngrade_as_root():
    script = grade_script()
    assert '[ "$(id -u)" = 0 ] || AS_ROOT=(sudo -E env "PATH=$PATH")' in script
    assert '"${AS_ROOT[@]}" nngrade batch' in script
    assert "sudo" in WORKFLOW.read_text().split("jobs:")[0]  # the header says so


def _run_step(work, user):
    shim = work / "bin"
    shim.mkdir()
    (shim / "sudo").write_text(SUDO_SHIM)
    (shim / "sudo").chmod(0o755)
    (work / ".step.sh").write_text(grade_script())
    env = {"PATH": f"{shim}:{Path(PYTHON).parent}:/usr/bin:/bin", "SUDO_LOG": str(work / "log"),
           "SHARD": "1", "SHARDS": "1", "COURSE": "collected", "ASSIGNMENT": "01_perceptron",
           "SEED": "3", "MODE": "quick", "PYTHONPATH": str(REPO), "HOME": str(work)}
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(work / ".step.sh")]
    if user:
        chown_tree(work)
        return as_user(command, cwd=work, env=env)
    import subprocess
    return subprocess.run(command, cwd=work, env=env, capture_output=True, text=True,
                          timeout=600)


@needs_root_tools
def test_grade_step_as_root_and_through_sudo(tmp_path):
    for user in (False, True):
        work = user_folder() if user else tmp_path
        submitted_tree(work / "collected", {"alice": "reference"})
        done = _run_step(work, user)
        assert done.returncode == 0, done.stderr
        rows = list(csv.DictReader((work / "out" / "grades-1.csv").open()))
        assert [(r["student"], float(r["score"])) for r in rows] == [("alice", 100.0)]
        log = work / "log"
        if user:  # the runner's user went through sudo, with the runner's PATH
            assert log.read_text().startswith("-E env PATH=") and "nngrade batch" in log.read_text()
            assert "chown -R" in log.read_text()
        else:
            assert not log.exists()
    shutil.rmtree(work)
