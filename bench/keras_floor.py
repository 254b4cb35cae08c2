"""CPU seconds of one student's Keras assignments (05+06+07) and the floor they could reach.

    NNLAB_MNIST=... python bench/keras_floor.py [--seed 7]

Grades the reference notebooks of 05_keras_regression, 06_mnist and 07_tanh_practice with
`grade.grade_file` (hidden checks included), in this process, one after the other (what
`nngrade batch` does for one student today: one sandbox child per assignment), and reads:

* each sandbox's CPU time from its cgroup (`SandboxCgroup.cpu_seconds`, the whole tree, read
  just before the sandbox is closed): interpreter start, `import tensorflow`, the student's code,
  the checks' training;
* the grader's own CPU (this process: reading, the reference where it runs here, comparing);
* a sandbox whose only code is `import tensorflow`: the start + import cost every Keras sandbox
  pays.

Floor (issue 21 §4) = one sandbox start with `import tensorflow` + for each assignment its
sandbox CPU minus that start cost (the training and probes its checks need). "Today" = the sum
of the three sandboxes + the grader's CPU. Needs a cgroup with CPU accounting (root here).
Writes keras_floor.json beside this file.
"""
import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from autograder.grade import grade_file
from autograder.loader import SubmissionFile
from autograder.options import GradeOptions
from autograder.sandbox import isolation, runner
from tests.integrations.helpers import reference_notebook

HERE = Path(__file__).resolve().parent
KERAS = ("05_keras_regression", "06_mnist", "07_tanh_practice")
_sandbox_cpu = []


def _recording_close(close):
    def wrapped(self):
        if self._group is not None and self.proc is not None:
            _sandbox_cpu.append(self._group.cpu_seconds())
        close(self)
    return wrapped


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def tf_start():
    """CPU of a sandbox that starts and imports TensorFlow (and nothing else)."""
    with tempfile.TemporaryDirectory() as tmp:
        box = runner.Sandbox(["import tensorflow"], tmp, limits=runner.Limits(load_seconds=300))
        try:
            report = box.start()
            assert not report.errors and not report.skipped, report
            return box._group.cpu_seconds()
        finally:
            box.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not isolation.status().cpu_share.startswith(("cgroup", "accounting")):
        raise SystemExit(f"needs cgroup CPU accounting: {isolation.status().cpu_share_why}")
    runner.Sandbox.close = _recording_close(runner.Sandbox.close)
    out = {"loadavg_start": [round(x, 1) for x in os.getloadavg()], "assignments": {}}
    starts = [round(tf_start(), 2) for _ in range(3)]
    out["sandbox_tf_start"] = starts
    start = sorted(starts)[1]
    with tempfile.TemporaryDirectory() as tmp:
        for aid in KERAS:
            path = reference_notebook(aid, Path(tmp) / aid / f"{aid}.ipynb")
            _sandbox_cpu.clear()
            cpu0, wall0 = own_cpu(), time.monotonic()
            result = grade_file(SubmissionFile(aid, path, Path(tmp)),
                                GradeOptions(seed=args.seed, include_hidden=True))
            out["assignments"][aid] = {
                "score": round(result.score, 2), "sandbox_cpu": round(sum(_sandbox_cpu), 2),
                "sandboxes": len(_sandbox_cpu), "grader_cpu": round(own_cpu() - cpu0, 2),
                "wall": round(time.monotonic() - wall0, 1)}
            print(aid, out["assignments"][aid], flush=True)
    rows = out["assignments"].values()
    out["today_cpu"] = round(sum(r["sandbox_cpu"] + r["grader_cpu"] for r in rows), 1)
    out["floor_cpu"] = round(start + sum(r["sandbox_cpu"] - start * r["sandboxes"]
                                         for r in rows), 1)
    out["floor_with_grader_cpu"] = round(out["floor_cpu"] + sum(r["grader_cpu"] for r in rows), 1)
    out["loadavg_end"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(out, indent=1))
    (HERE / "keras_floor.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
