"""The locator: one discovery rule, and no path leads outside the submission.

Attack fixtures are built here as real files, links and FIFOs in temporary trees; the ones that
need the grader are graded through the real pipeline (sandbox child). The whole-class attack
batch is in test_locate_batch.py.
"""
import importlib.util
import os
import shutil
import signal
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.grade import grade_file, grade_path
from autograder.options import GradeOptions
from autograder.loader.locate import (MAX_DEPTH, Refused, SMALL_FILE_BYTES, SubmissionFile,
                                      find_submissions, locate, open_member, private_copy,
                                      read_small_text)
from autograder.loader.notebook import MAX_FILE_BYTES
from autograder.messages import render
from tests.integrations.helpers import put

AID = "01_perceptron"
SOLUTION = Path(importlib.util.find_spec("solutions.perceptron").origin)


def full_marks():
    return sum(c.points for c in checks_for(AID))


@contextmanager
def never_blocks(seconds=10):
    """Fail (instead of hanging the suite) if the body blocks, e.g. on a FIFO."""
    def boom(signum, frame):
        raise AssertionError(f"blocked for {seconds} s")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def only(found):
    (sub,) = found
    return sub


# -- the discovery rule --------------------------------------------------------------------------
def test_rule_order_exact_then_renamed_then_the_only_notebook(tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / f"{AID}.py").write_text("")
    (tmp_path / f"{AID} (1).ipynb").write_text("{}")
    # exact name beats a renamed copy, even deeper
    assert only(find_submissions(tmp_path, AID)).path == tmp_path / "work" / f"{AID}.py"
    (tmp_path / "work" / f"{AID}.ipynb").write_text("{}")
    assert only(find_submissions(tmp_path, AID)).path == tmp_path / "work" / f"{AID}.ipynb"
    for p in (tmp_path / "work").iterdir():
        p.unlink()
    assert only(find_submissions(tmp_path, AID)).path == tmp_path / f"{AID} (1).ipynb"


def test_the_only_notebook_counts_only_when_the_assignment_is_known(tmp_path):
    (tmp_path / "과제1.ipynb").write_text("{}")
    (tmp_path / "02_backprop_old.ipynb").write_text("{}")  # another assignment's: never 01
    assert only(find_submissions(tmp_path, AID)).path == tmp_path / "과제1.ipynb"
    found = {s.assignment: s.path for s in find_submissions(tmp_path)}
    assert found == {"02_backprop": tmp_path / "02_backprop_old.ipynb"}
    (tmp_path / "other.ipynb").write_text("{}")  # two unnamed notebooks: no answer
    assert only(find_submissions(tmp_path, AID)).path is None


def test_hidden_folders_and_depth_are_not_searched(tmp_path):
    for skipped in (".ipynb_checkpoints", "__MACOSX", ".git"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / f"{AID}.ipynb").write_text("{}")
    deep = tmp_path.joinpath(*[f"d{i}" for i in range(MAX_DEPTH + 1)])
    deep.mkdir(parents=True)
    (deep / f"{AID}.ipynb").write_text("{}")
    assert only(find_submissions(tmp_path, AID)).path is None
    (deep.parent / f"{AID}.ipynb").write_text("{}")  # MAX_DEPTH folders down: found
    assert only(find_submissions(tmp_path, AID)).path == deep.parent / f"{AID}.ipynb"


def test_the_named_root_may_itself_be_a_link(tmp_path):
    put(tmp_path / "real", AID, "reference")
    (tmp_path / "named").symlink_to(tmp_path / "real")
    sub = only(find_submissions(tmp_path / "named", AID))
    assert sub.refusal is None and sub.root == (tmp_path / "real").resolve()
    copy, problem = private_copy(sub, _private(tmp_path))
    assert problem is None and copy.read_bytes() == (tmp_path / "real" / f"{AID}.py").read_bytes()


# -- links and odd files are refused -------------------------------------------------------------
def test_a_link_to_the_reference_scores_zero_not_full_marks(tmp_path):
    """01_perceptron.py -> solutions/perceptron.py: the same bytes as a real file score 100."""
    shutil.copy(SOLUTION, tmp_path / f"{AID}.py")
    honest = grade_file(only(find_submissions(tmp_path, AID)), GradeOptions(seed=3))
    assert honest.score == full_marks()
    link_dir = tmp_path / "cheat"
    link_dir.mkdir()
    (link_dir / f"{AID}.py").symlink_to(SOLUTION)
    for sub in (only(find_submissions(link_dir, AID)), only(find_submissions(link_dir)),
                only(find_submissions(link_dir / f"{AID}.py"))):  # folder, all, the file itself
        assert sub.refusal.key == "locate.symlink" and sub.refusal.name == f"{AID}.py"
        result = grade_file(sub, GradeOptions(seed=3))
        assert result.score == 0 and result.max_score == full_marks()
        assert {c.key for c in result.checks} == {"locate.symlink"}
    text = render("locate.symlink", {"name": f"{AID}.py"}, "en")
    assert text.startswith(f"{AID}.py is a symbolic link") and "submit the file" in text
    assert "심볼릭 링크" in render("locate.symlink", {"name": f"{AID}.py"}, "ko")


def test_several_dangling_guesses_in_one_upload_are_refused(tmp_path):
    (tmp_path / f"{AID}.ipynb").symlink_to("/no/such/course/solutions/perceptron.ipynb")
    (tmp_path / f"{AID}.py").symlink_to(SOLUTION)                     # the guess that works
    (tmp_path / f"{AID} (1).py").symlink_to("../../solutions/perceptron.py")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / f"{AID}.py").symlink_to("/autograder/source/solutions/perceptron.py")
    sub = only(find_submissions(tmp_path, AID))
    assert sub.refusal.key == "locate.symlink"
    assert grade_file(sub, GradeOptions(seed=1)).score == 0


def test_a_linked_folder_is_refused(tmp_path):
    put(tmp_path / "alice", AID, "reference")
    (tmp_path / "mallory").mkdir()
    (tmp_path / "mallory" / AID).symlink_to(tmp_path / "alice")
    sub = only(find_submissions(tmp_path / "mallory", AID))
    assert (sub.refusal.key, sub.refusal.name) == ("locate.symlink", AID)
    assert grade_path(tmp_path / "mallory", AID, options=GradeOptions(seed=1))[0].score == 0


def test_a_real_file_beside_an_unchosen_link_is_graded(tmp_path):
    """Links are never followed; a link the rule does not choose is never read either."""
    put(tmp_path, AID, "notebook")
    (tmp_path / f"{AID}.py").symlink_to(SOLUTION)  # step 1 picks the .ipynb first
    sub = only(find_submissions(tmp_path, AID))
    assert sub.refusal is None and sub.path.name == f"{AID}.ipynb"


def test_fifo_and_device_are_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / f"{AID}.ipynb")
    with never_blocks():
        sub = only(find_submissions(tmp_path, AID))
        assert sub.refusal.key == "locate.not_regular"
        assert grade_file(sub, GradeOptions(seed=1)).score == 0
        with pytest.raises(Refused):
            open_member(tmp_path, (f"{AID}.ipynb",))
        with pytest.raises(Refused):
            open_member(Path("/dev"), ("zero",))


# -- reading re-checks: a swap after discovery changes nothing -----------------------------------
def test_a_link_swapped_in_after_discovery_is_refused_when_read(tmp_path):
    put(tmp_path / AID, AID, "reference")
    sub = only(find_submissions(tmp_path, AID))
    assert sub.refusal is None
    (tmp_path / AID / f"{AID}.py").unlink()
    (tmp_path / AID / f"{AID}.py").symlink_to(SOLUTION)
    result = grade_file(sub, GradeOptions(seed=1))
    assert result.score == 0 and {c.key for c in result.checks} == {"locate.symlink"}


def test_a_folder_swapped_for_a_link_after_discovery_is_refused_when_read(tmp_path):
    put(tmp_path / "sub" / AID, AID, "reference")
    sub = only(find_submissions(tmp_path / "sub", AID))
    (tmp_path / "sub" / AID).rename(tmp_path / "elsewhere")
    (tmp_path / "sub" / AID).symlink_to(tmp_path / "elsewhere")
    copy, problem = private_copy(sub, _private(tmp_path))
    assert copy is None and problem == ("locate.symlink", {"name": AID})


def _private(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir(exist_ok=True)
    return folder


def test_reads_are_capped(tmp_path):
    with open(tmp_path / f"{AID}.py", "wb") as fh:
        fh.truncate(2**30)  # 1 GB (sparse)
    sub = only(find_submissions(tmp_path, AID))
    copy, problem = private_copy(sub, _private(tmp_path))
    assert problem is None and copy.stat().st_size == MAX_FILE_BYTES + 1
    result = grade_file(sub, GradeOptions(seed=1))
    assert result.score == 0 and result.problems[0][0] == "load.too_big"
    with open(tmp_path / "timestamp.txt", "wb") as fh:
        fh.write(b"2025-09-01 10:00:00 ")
        fh.truncate(2**30)
    text, refusal = read_small_text(tmp_path, ("timestamp.txt",))
    assert refusal is None and len(text) == SMALL_FILE_BYTES and text.startswith("2025-09-01")


def test_timestamp_links_and_fifos_are_refused_unread(tmp_path):
    (tmp_path / "timestamp.txt").symlink_to("/etc/shadow")
    text, refusal = read_small_text(tmp_path, ("timestamp.txt",))
    assert text == "" and refusal.key == "locate.symlink"
    (tmp_path / "timestamp.txt").unlink()
    os.mkfifo(tmp_path / "timestamp.txt")
    with never_blocks():
        text, refusal = read_small_text(tmp_path, ("timestamp.txt",))
    assert text == "" and refusal.key == "locate.not_regular"
    (tmp_path / "timestamp.txt").unlink()
    assert read_small_text(tmp_path, ("timestamp.txt",)) == ("", None)  # missing: no timestamp


def test_member_names_cannot_climb_out(tmp_path):
    for bad in ((), ("..",), ("..", "etc", "passwd"), ("a/b",), (".",), ("",)):
        with pytest.raises(ValueError):
            open_member(tmp_path, bad)


# -- hard links: accepted, and a student cannot make one to the reference ------------------------
def test_a_hardlinked_file_is_graded_as_the_file_it_is(tmp_path):
    put(tmp_path / "store", AID, "reference")
    (tmp_path / "sub").mkdir()
    os.link(tmp_path / "store" / f"{AID}.py", tmp_path / "sub" / f"{AID}.py")
    sub = only(find_submissions(tmp_path / "sub", AID))
    assert sub.refusal is None
    copy, problem = private_copy(sub, _private(tmp_path))
    assert problem is None and os.stat(tmp_path / "sub" / f"{AID}.py").st_nlink == 2


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("useradd") is None,
                    reason="needs root to create an unprivileged user")
def test_a_student_cannot_hardlink_the_reference():
    """fs.protected_hardlinks: linking needs ownership or write access to the target."""
    if Path("/proc/sys/fs/protected_hardlinks").read_text().strip() != "1":
        pytest.skip("fs.protected_hardlinks is off on this machine")
    user = "nngrade-hl-test"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/bin/sh", user],
                   capture_output=True)
    top = Path(tempfile.mkdtemp(prefix="nngrade-hardlink-"))  # in /tmp: one file system
    try:
        top.chmod(0o755)
        reference = top / "solutions" / "perceptron.py"  # root-owned, world-readable, as installed
        reference.parent.mkdir(mode=0o755)
        shutil.copy(SOLUTION, reference)
        reference.chmod(0o644)
        upload = top / "upload"
        upload.mkdir()
        shutil.chown(upload, user)
        readable = subprocess.run(["su", user, "-s", "/bin/sh", "-c", f"head -c1 {reference}"],
                                  capture_output=True)
        assert readable.returncode == 0  # the student can read it: so the test means something
        proc = subprocess.run(["su", user, "-s", "/bin/sh", "-c",
                               f"ln {reference} {upload}/{AID}.py"],
                              capture_output=True, text=True)
        assert proc.returncode != 0 and "Operation not permitted" in proc.stderr, proc
        assert not (upload / f"{AID}.py").exists()
    finally:
        shutil.rmtree(top)
        subprocess.run(["userdel", user], capture_output=True)


# -- Gradescope uses the same rule ---------------------------------------------------------------
def test_gradescope_finds_files_by_the_same_rule(tmp_path):
    from autograder.integrations.gradescope import find_in_submission
    (tmp_path / f"{AID}.py").symlink_to(SOLUTION)
    (sub,) = find_in_submission(tmp_path, AID)
    assert sub == locate(tmp_path.resolve(), AID, known=True) and sub.refusal.key == \
        "locate.symlink"
    assert find_in_submission(tmp_path) == []  # no assignment, not --all: nothing
    every = find_in_submission(tmp_path, every=True)
    assert [s.assignment for s in every][0] == AID and len(every) == 7
    assert every[0].refusal.key == "locate.symlink" and all(s.path is None for s in every[1:])
    assert isinstance(every[0], SubmissionFile)
