"""`nngrade check`'s exit status (0 all public checks pass, 1 some fail, 4 grading error: see
test_faults) and a reader that closes the pipe early (`nngrade ... | head`)."""
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.integrations.helpers import NNGRADE, put, run

AID = "01_perceptron"
STUB = Path(__file__).resolve().parents[1] / "fixtures" / "stubs" / f"{AID}.py"


def test_check_exits_0_when_every_public_check_passes(tmp_path):
    put(tmp_path, AID, "reference")
    done = run(NNGRADE + ["check", AID, "--dir", str(tmp_path), "--lang", "en"], timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{AID}: 62 / 62" in done.stdout


def test_check_exits_1_when_a_public_check_fails(tmp_path):
    shutil.copy(STUB, tmp_path / f"{AID}.py")  # every function still raises NotImplementedError
    done = run(NNGRADE + ["check", AID, "--dir", str(tmp_path), "--lang", "en"], timeout=300)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "✘" in done.stdout and "Traceback" not in done.stderr


def test_check_help_states_the_exit_statuses():
    done = run(NNGRADE + ["check", "--help"], timeout=120)
    assert "1 some failed" in done.stdout and "4 grading error" in done.stdout


@pytest.mark.parametrize("command", [["grade", "--public-only", "--format", "junit"], ["check"]])
def test_a_reader_closing_the_pipe_early_gets_no_traceback(tmp_path, command):
    put(tmp_path, AID, "reference")
    where = ["--dir", str(tmp_path), AID] if command == ["check"] else [str(tmp_path)]
    # `| head` that has already exited: the read end is closed before the report is written,
    # so every write meets EPIPE (what `head` causes once the report outgrows the pipe buffer)
    proc = subprocess.Popen(NNGRADE + command[:1] + where + command[1:] + ["--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=300) == 0, stderr
    assert "BrokenPipeError" not in stderr and "Traceback" not in stderr, stderr
