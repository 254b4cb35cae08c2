"""Every attack fixture graded end to end, all in one `nngrade batch` run next to the reference.

One batch (four worker processes, so attacks run concurrently with other submissions) grades the
reference-like submission and every tests/fixtures/attacks/*.py as its own "student". Then:

* `test_attack[<fixture>]`: the row's expectations (tests/sandbox/e2e.py): the attacked checks
  score 0 with a clear message, every other check keeps its points, the load problem is shown;
* `test_one_run_reference_full_and_no_cheat_pays`: the reference scores full marks in the same
  run, no job errored, the run finished;
* `test_nothing_written_outside_the_grading_folder`: canaries (a folder in /tmp, a file in HOME)
  are byte-identical, the repo files the attacks overwrite hold none of the attacks' content, and
  no file the attacks create exists (repo, /tmp, HOME, cwd, /autograder/results).
"""
import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from autograder import batch
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from tests.sandbox import e2e
from tests.sandbox.conftest import needs_root

REPO = Path(e2e.__file__).resolve().parents[2]
CANARY_DIR = Path("/tmp/nngrade-canary")  # the attacks aim at this folder by name
RUN = f"{os.getpid()}"  # canary files of this test run (another run may share the machine)
HOME_CANARY = Path.home() / f".nngrade-canary-{RUN}.txt"
WATCHED = [CANARY_DIR / f"canary-{RUN}.txt", HOME_CANARY]  # must be byte-identical afterwards
# Repo files the attacks try to overwrite. Colleagues may edit them during the run, so the test
# looks for the attacks' own content (the fake score JSON, "pwned") rather than comparing hashes.
TARGETS = [REPO / "autograder" / "expected" / "01_perceptron.json",
           REPO / "solutions" / "perceptron.py"]
MARKERS = (b'"score": 100.0', b"pwned", b"call = lambda")
MUST_NOT_EXIST = [REPO / "results.json", REPO / "grades.csv", REPO / "PWNED.txt",
                  Path("/root/PWNED.txt"), CANARY_DIR / "PWNED.txt", Path("/tmp/PWNED.txt"),
                  Path("/dev/shm/PWNED.txt"), Path("/var/tmp/PWNED.txt"),
                  Path.cwd() / "PWNED.txt", Path("/autograder/results/results.json")]
NAMES = [None] + e2e.fixtures()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _walk(root, depth):
    """Paths under `root` at most `depth` levels down; vanishing folders are fine."""
    out, level = [], [str(root)]
    for _ in range(depth):
        below = []
        for folder in level:
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            out += [e.path for e in entries]
            below += [e.path for e in entries if e.is_dir(follow_symlinks=False)
                      and e.name not in (".git", "venv", "__pycache__")]
        level = below
    return out


def _pwned_files():
    found = [p for p in MUST_NOT_EXIST if p.exists()]
    found += [Path(p) for p in _walk(REPO, 6) + _walk("/tmp", 2) + _walk(Path.home(), 1)
              if "PWNED" in os.path.basename(p)]
    return found


@pytest.fixture(scope="module")
def attack_run(tmp_path_factory):
    CANARY_DIR.mkdir(exist_ok=True)
    for path in WATCHED:
        path.write_text("canary\n")
    before = {p: _digest(p) for p in WATCHED}
    pwned_before = _pwned_files()
    root = tmp_path_factory.mktemp("course") / "submitted"
    for name in NAMES:
        e2e.build_notebook(name, root / (name or "reference") / e2e.ASSIGNMENT)
    jobs = batch.discover(root, assignment=e2e.ASSIGNMENT, seed=11)
    started = time.monotonic()
    outcomes = batch.run_batch(jobs, workers=4, grader="tests.sandbox.e2e:grade_job")
    seconds = time.monotonic() - started
    after = {p: _digest(p) for p in WATCHED}
    pwned_after = _pwned_files()
    yield {"outcomes": {o.job.student: o for o in outcomes}, "seconds": seconds,
           "before": before, "after": after, "pwned": set(pwned_after) - set(pwned_before)}
    for path in WATCHED:
        path.unlink(missing_ok=True)


pytestmark = needs_root


@pytest.mark.parametrize("name", NAMES, ids=[n or "reference" for n in NAMES])
def test_attack(attack_run, name):
    outcome = attack_run["outcomes"][name or "reference"]
    assert outcome.error == "", outcome.error
    problems = e2e.verdict(name, outcome.result)
    assert not problems, "\n".join(problems)
    for check in outcome.result.checks:  # a clear message for every failed check
        assert check.score == check.max_score or check.key not in ("passed", "grader.error")


def test_one_run_reference_full_and_no_cheat_pays(attack_run):
    outcomes = attack_run["outcomes"]
    assert set(outcomes) == {n or "reference" for n in NAMES}
    reference = outcomes["reference"].result
    assert reference.score == reference.max_score > 0
    for name in e2e.fixtures():
        result = outcomes[name].result
        attacked = {c.name: c for c in result.checks if c.name in e2e.expectations(name)["fail"]}
        assert all(c.score == 0 for c in attacked.values()), name
        assert result.score <= reference.score - sum(c.max_score for c in attacked.values())
    assert all(o.attempts == 1 for o in outcomes.values())  # no batch worker died


def test_nothing_written_outside_the_grading_folder(attack_run):
    assert attack_run["after"] == attack_run["before"]
    assert attack_run["pwned"] == set()
    for path in TARGETS:
        assert not any(marker in path.read_bytes() for marker in MARKERS), path


def test_cli_stdout_is_only_the_graders_json(tmp_path, capsys, monkeypatch):
    """A submission printing a fake Gradescope JSON / score line cannot reach the CLI's stdout."""
    from autograder import cli
    path = e2e.build_notebook("fake_output", tmp_path)
    assert cli.main(["grade", str(path), "--format", "gradescope", "--lang", "en",
                     "--seed", "3"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)  # exactly one JSON document: the grader's
    from autograder.checks import checks_for
    assert data["score"] == sum(c.points for c in checks_for(e2e.ASSIGNMENT)) > 0
    assert "100 / 100" not in out

    e2e.install_into(monkeypatch)
    assert cli.main(["grade", str(path), "--lang", "en", "--seed", "3"]) == 0
    text = capsys.readouterr().out
    headers = [line for line in text.splitlines() if line.startswith("==")]
    assert len(headers) == 1 and headers[0].startswith(f"== {e2e.ASSIGNMENT}: ")
    assert "\x1b" not in text and "attacked_values" in text


def test_sequential_grade_file_restart_keeps_later_checks(tmp_path, monkeypatch):
    """The same pipeline without the batch: a crashing check, then the real checks still pass."""
    e2e.install_into(monkeypatch)
    path = e2e.build_notebook("os_exit_in_function", tmp_path)
    result = grade_file(SubmissionFile(e2e.ASSIGNMENT, path), GradeOptions(seed=5))
    assert e2e.verdict("os_exit_in_function", result) == []
    keys = {c.name: c.key for c in result.checks}
    assert keys["attacked_values"] == "call.crashed"
    assert os.listdir(tmp_path) == [path.name]  # grading left nothing beside the submission
