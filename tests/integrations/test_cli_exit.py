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


STEP_THAT_LOGS = """
import sys
def step(s):
    print("LOG-LINE \\x1b[2J", file=sys.stderr)
    return np.sign(np.asarray(s, dtype=np.float64))
"""


def test_what_the_sandbox_prints_reaches_the_terminal_only_with_verbose(tmp_path):
    # TensorFlow's log lines take this path too (fd 2 of the child; TF_CPP_MIN_LOG_LEVEL 3
    # unless --verbose): a NumPy submission printing from `step` stands in for them here
    target = put(tmp_path, AID, "reference")
    target.write_text(target.read_text() + STEP_THAT_LOGS)
    quiet = run(NNGRADE + ["check", AID, "--dir", str(tmp_path), "--lang", "en"], timeout=300)
    loud = run(NNGRADE + ["check", AID, "--dir", str(tmp_path), "--lang", "en", "--verbose"],
               timeout=300)
    assert quiet.returncode == loud.returncode == 0, quiet.stderr + loud.stderr
    assert "LOG-LINE" not in quiet.stderr + quiet.stdout
    assert "[sandbox] LOG-LINE ?[2J" in loud.stderr  # no terminal escape from student code
    assert "LOG-LINE" not in loud.stdout
