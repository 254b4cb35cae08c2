"""One sandbox child for one student's assignments (`sandbox/shared.py`, `grade_student.py`,
`batch_groups.py`): fresh namespaces, budgets per assignment, a fresh child after trouble, and
the same per-check scores grouped and alone (slow: real TensorFlow training)."""
import dataclasses
import os

import pytest

from autograder.sandbox.shared import SharedChild
from tests.sandbox.conftest import LIMITS as SANDBOX_LIMITS, call

# a child is reused only while its per-process CPU rlimit covers the next budget whole
LIMITS = dataclasses.replace(SANDBOX_LIMITS, cpu_seconds=120)

BURN = "def burn(seconds):\n    import time\n    end = time.process_time() + seconds\n" \
       "    while time.process_time() < end:\n        pass\n    return 1\n"


def session(host, code, limits=LIMITS):
    member = host.session([code], [1], limits)
    member.start()
    return member


def test_next_assignment_reuses_the_child_in_a_fresh_namespace():
    with SharedChild() as host:
        first = session(host, "x = 1\ndef get():\n    return x\n")
        assert call(first, "get").value == 1
        pid = first.proc.pid
        first.close()
        second = session(host, "y = 2\ndef get():\n    return globals().get('x', 'gone')\n")
        assert second.proc.pid == pid and host.spawns == 1
        assert "x" not in second.report.names and call(second, "get").value == "gone"
        assert second.report.isolation == first.report.isolation
        second.close()


def test_a_crash_costs_one_assignment_and_the_next_gets_a_fresh_child():
    code = "import os\ndef die():\n    os._exit(3)\ndef ok():\n    return 7\n"
    with SharedChild() as host:
        first = session(host, code)
        assert call(first, "die").status == "crashed"
        assert call(first, "ok").value == 7  # its own restart: its own code only
        assert host.spawns == 2
        first.close()  # restarted: not handed on
        second = session(host, code)
        assert host.spawns == 3 and call(second, "ok").value == 7
        second.close()


def test_budgets_are_per_assignment():
    limits = dataclasses.replace(LIMITS, submission_seconds=1.5)
    with SharedChild() as host:
        first = session(host, BURN, limits)
        assert call(first, "burn", 1.0).status == "ok"
        first.close()
        second = session(host, BURN, limits)
        assert host.spawns == 1
        assert call(second, "burn", 1.0).status == "ok"  # 2 s of the child: 1 s each
        reply = call(second, "burn", 1.0)
        assert reply.status == "timeout" and reply.error["budget"] == 1.5
        second.close()
        third = session(host, BURN, limits)  # the overrun killed the child: a fresh one
        assert host.spawns == 2 and call(third, "burn", 0.5).status == "ok"
        third.close()


def test_a_child_busy_after_its_assignment_is_replaced():
    code = BURN + "import threading\ndef leave_a_burner():\n" \
        "    threading.Thread(target=burn, args=(60,), daemon=True).start()\n    return 1\n"
    with SharedChild() as host:
        first = session(host, code)
        assert call(first, "leave_a_burner").value == 1
        first.close()
        second = session(host, "z = 3\n")
        assert host.spawns == 2 and second.report.names == ["z"]
        second.close()


# -- nngrade batch: a student's Keras jobs as one task -------------------------------------------
def group_of(jobs):
    """A group grader without a sandbox: one result per job naming the group's size and pid."""
    from autograder.results import AssignmentResult, CheckResult
    for job in jobs:
        if job.assignment == "06_mnist" and job.student == "bob":
            raise RuntimeError("grader bug in 06")
        yield AssignmentResult(job.assignment, job.path, seed=job.seed, checks=[
            CheckResult(f"group of {len(jobs)} in {os.getpid()}", 10, 10.0, False, "passed")])


def test_batch_grades_a_students_keras_jobs_as_one_task(tmp_path):
    from autograder.batch import Job, run_batch
    from autograder.batch_groups import JobGroup, group_jobs
    jobs = [Job(s, a, str(tmp_path / a), seed=1) for s in ("ann", "bob")
            for a in ("01_perceptron", "05_keras_regression", "06_mnist", "07_tanh_practice")]
    tasks = group_jobs(jobs)
    assert [type(t).__name__ for t in tasks] == ["Job", "JobGroup"] * 2
    assert all({j.student for j in t.jobs} == {t.jobs[0].student}
               for t in tasks if isinstance(t, JobGroup))
    outcomes = run_batch(jobs, workers=2, grader="tests.integrations.crashy_grader:instant",
                         group_grader="tests.sandbox.test_shared_child:group_of")
    rows = {o.job.key: o for o in outcomes}
    ann = [rows["ann", a].result.checks[0].name for a in
           ("05_keras_regression", "06_mnist", "07_tanh_practice")]
    assert len(set(ann)) == 1 and ann[0].startswith("group of 3 in ")
    assert rows["ann", "01_perceptron"].result.checks[0].name == "only"
    # bob: the group grader failed on 06: that job alone is retried (by the single-job
    # grader here), 05 and 07 keep their group's results
    assert rows["bob", "06_mnist"].attempts == 2
    assert rows["bob", "06_mnist"].result.checks[0].name == "only"
    bob = [rows["bob", a].result.checks[0].name for a in ("05_keras_regression",
                                                          "07_tanh_practice")]
    assert bob[0].startswith("group of 3 in ") and bob[1].startswith("group of 1 in ")


# -- the same per-check scores grouped and alone (real TensorFlow) -------------------------------
KERAS = ("05_keras_regression", "06_mnist", "07_tanh_practice")
STUDENTS = {"reference": {a: None for a in KERAS},
            "alternative": {"05_keras_regression": "alt_functional_add",
                            "06_mnist": "alt_fit_options", "07_tanh_practice": "alt_fit_options"}}


@pytest.mark.slow
@pytest.mark.parametrize("student", sorted(STUDENTS))
def test_grouped_and_alone_give_the_same_scores(student, tmp_path, monkeypatch):
    from autograder.grade import grade_file
    from autograder.grade_student import grade_student
    from autograder.loader import SubmissionFile
    from autograder.options import GradeOptions
    from autograder.sandbox import shared
    from tests.fixtures.build import make_submission
    mnist = os.environ.get("NNLAB_MNIST")
    if not mnist:
        pytest.skip("NNLAB_MNIST is not set")
    items = []
    for aid, fixture in STUDENTS[student].items():
        (tmp_path / aid).mkdir()
        path = make_submission(aid, fixture, tmp_path / aid)
        items.append((SubmissionFile(aid, path), GradeOptions(seed=5, mnist_path=mnist)))
    spawns = []
    close = shared.SharedChild.close
    monkeypatch.setattr(shared.SharedChild, "close",
                        lambda self: (spawns.append(self.spawns), close(self)))
    grouped = list(grade_student(items))
    assert spawns == [1]  # one child, one TensorFlow import, for the three
    alone = [grade_file(s, o) for s, o in items]

    def scores(result):
        return [(c.name, c.key, c.score) for c in result.checks]
    for together, single in zip(grouped, alone):
        assert together.error is None and single.error is None
        assert scores(together) == scores(single), together.assignment
        assert together.score == together.max_score, together.assignment
