"""A CPU hog beside a classmate in `nngrade batch -j 2`: how much slower is the classmate?

    PYTHONPATH=CODE NNLAB_MNIST=... python bench/cpu_share_bench.py --label after [--code CODE]

CODE is the checkout whose grader is measured (the worktree, or an export of main for "before").
Two runs of the batch scheduler (`autograder.batch_pool.Pool`, 2 workers, the real `grade_job`)
on 07_tanh_practice:

* **alone**: the classmate (the reference notebook) is the only job;
* **beside the hog**: the classmate and a student whose every function starts 32 busy processes
  (once per sandbox child) and then sleeps just under its check's timeout.

The figure is the classmate's grading wall time (`AssignmentResult.seconds`) beside the hog over
alone (target ≤ 1.5). The hog's job is stopped once the classmate's result is in (the pool closes
its workers and their sandboxes). The load average is recorded beside every figure.

This machine is shared (other jobs run beside the benchmark), so the benchmark runs inside a
cgroup of its own with `cpu.shares` 16384 (16 × a plain process): it then gets nearly the whole
machine, the same way for both code versions. Inside it the code under test does what it does
(before: every process of both sandboxes competes one-to-one; after: one group per sandbox).
Results are merged into bench/cpu_share.json under --label.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH_SHARES = 16384
HOG = '''
import os
import time

_started = []


def _hog(seconds):
    """32 busy processes (once per sandbox child), then sleep just under the timeout."""
    if not _started:
        _started.append(1)
        for _ in range(32):
            if os.fork() == 0:
                while True:
                    pass
    time.sleep(seconds)


def load_dataset2(path=None):
    _hog(115)


def build_tanh_model():
    _hog(115)


def fit_tanh_model(model, X, y):
    _hog(295)


def predict_curve(model):
    _hog(115)


def plot_fit(X, y, domain, y_hat):
    _hog(115)
'''


class Shield:
    """A v1 cpu+cpuacct group of high weight for the measuring process (and all it starts)."""

    def __init__(self, name):
        self.cpu = f"/sys/fs/cgroup/cpu/{name}"
        self.acct = f"/sys/fs/cgroup/cpuacct/{name}"

    def create(self):
        for path in (self.cpu, self.acct):
            os.mkdir(path)
        with open(f"{self.cpu}/cpu.shares", "w") as fh:
            fh.write(str(BENCH_SHARES))

    def enter(self):
        for path in (self.cpu, self.acct):
            with open(f"{path}/cgroup.procs", "w") as fh:
                fh.write(str(os.getpid()))

    def cpu_seconds(self):
        with open(f"{self.acct}/cpuacct.usage") as fh:
            return int(fh.read()) / 1e9

    def remove(self):
        """After the measuring process has exited (and with it, everything it started)."""
        for path in (self.cpu, self.acct):
            for _ in range(300):
                try:
                    os.rmdir(path)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)


class Done(Exception):
    pass


def run(root, students, seed=7):
    from autograder.batch import discover
    from autograder.batch_pool import Pool
    jobs = [j for j in discover(root, "07_tanh_practice", seed=seed) if j.student in students]
    seen = {}

    def on_done(outcome):
        seen[outcome.job.student] = outcome
        if "classmate" in seen:
            raise Done

    load0 = os.getloadavg()
    started = time.monotonic()
    try:
        Pool(2).run(jobs, timeout=1800, on_done=on_done)
    except Done:
        pass
    wall = time.monotonic() - started
    mate = seen["classmate"]
    return {"classmate_seconds": round(mate.result.seconds, 1),
            "classmate_score": round(mate.result.score, 2), "error": mate.error,
            "batch_wall": round(wall, 1), "loadavg_before": [round(x, 1) for x in load0],
            "loadavg_after": [round(x, 1) for x in os.getloadavg()]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="e.g. before / after")
    parser.add_argument("--code", help="checkout to import the grader from (default: this one)")
    parser.add_argument("--no-shield", action="store_true", help="run in the caller's cgroup")
    parser.add_argument("--inside", help=argparse.SUPPRESS)  # the measuring child's group
    args = parser.parse_args()
    if not args.no_shield and not args.inside:  # make the group, measure in a child, remove it
        shield = Shield(f"nngrade-bench-{os.getpid()}")
        shield.create()
        try:
            return subprocess.call([sys.executable] + sys.argv + ["--inside", shield.cpu])
        finally:
            shield.remove()
    code = Path(args.code or HERE.parent).resolve()
    sys.path.insert(0, str(code))
    os.environ["PYTHONPATH"] = str(code)
    import autograder
    assert Path(autograder.__file__).resolve().is_relative_to(code), autograder.__file__
    from tests.integrations.helpers import put
    shield = Shield(os.path.basename(args.inside)) if args.inside else None
    if shield:
        shield.enter()
    figures = {"code": str(code), "shield_shares": None if shield is None else BENCH_SHARES}
    with tempfile.TemporaryDirectory(prefix="cpu-share-bench-") as tmp:
        root = Path(tmp) / "course"
        put(root / "submitted" / "classmate" / "07_tanh_practice", "07_tanh_practice",
            "notebook")
        hog = root / "submitted" / "hog" / "07_tanh_practice"
        hog.mkdir(parents=True)
        (hog / "07_tanh_practice.py").write_text(HOG)
        for name, students in (("alone", {"classmate"}), ("beside_hog", {"classmate", "hog"})):
            cpu0 = shield.cpu_seconds() if shield else None
            figures[name] = run(root, students)
            if shield:
                figures[name]["bench_cpu_seconds"] = round(shield.cpu_seconds() - cpu0, 1)
            print(name, figures[name], flush=True)
    figures["ratio"] = round(figures["beside_hog"]["classmate_seconds"]
                             / figures["alone"]["classmate_seconds"], 2)
    print("ratio", figures["ratio"])
    out = HERE / "cpu_share.json"
    data = json.loads(out.read_text()) if out.exists() else {}
    data[args.label] = figures
    out.write_text(json.dumps(data, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
