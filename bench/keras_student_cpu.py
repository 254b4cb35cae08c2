"""One student's Keras CPU before/after the shared sandbox child, and nngrade vs nbconvert.

    NNLAB_MNIST=/work/shared/data/mnist.npz python bench/keras_student_cpu.py [--before main]
        [--repeat 1] [--parts student,source]

* student: `nngrade grade STUDENT/ --seed 7` on one student's 05+06+07 (the source notebooks,
  reference solutions), run as a subprocess with the code of `--before` (a `git archive` of that
  revision, default main: one sandbox child, one `import tensorflow`, per assignment) and of
  `--after` (default HEAD: one child per student, `grade_student.py`). CPU = user + system
  seconds of the subprocess and everything it waited for (`resource.getrusage(RUSAGE_CHILDREN)`):
  the grader, the launchers and the sandbox children. The floor (issue 21 §4: one `import tensorflow` plus
  the training the checks need) = before − 2 × the CPU of a sandbox start that imports
  TensorFlow (`keras_floor.tf_start`, median of 3, read from its cgroup): before pays three
  starts, the floor one. Target: after ≤ 1.5 × floor.
* source: in one run, `nngrade grade source/` (all seven assignments, `--after`) and
  `jupyter nbconvert --to notebook --execute` of the seven source notebooks (one nbconvert
  process; each notebook's kernel is its child). Target: nngrade ≤ 0.2 × nbconvert.

The machine may be shared: CPU seconds are the figure to quote (they do not grow with the load,
wall seconds do); the load average is recorded beside every run. Writes
keras_student_cpu.json beside this file.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KERAS = ("05_keras_regression", "06_mnist", "07_tanh_practice")


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(cmd, cwd, env):
    """Run CMD → {wall, cpu (it and its waited-for descendants), rc, load before/after}."""
    load0, cpu0, wall0 = os.getloadavg()[0], children_cpu(), time.monotonic()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)
    out = {"wall": round(time.monotonic() - wall0, 1), "cpu": round(children_cpu() - cpu0, 1),
           "rc": done.returncode, "load": [round(load0, 1), round(os.getloadavg()[0], 1)]}
    if done.returncode not in (0,):
        out["stderr"] = done.stderr[-2000:]
    return out, done.stdout


def export(rev, target):
    """`git archive REV` of this repository into TARGET → the commit."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True,
                         text=True, check=True).stdout.strip()
    target.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return sha


def env_for(tree):
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg")
    if not env.get("NNLAB_MNIST"):
        raise SystemExit("set NNLAB_MNIST to the MNIST .npz")
    return env


def grade(tree, folder, out):
    cmd = [sys.executable, "-m", "autograder.cli", "grade", str(folder), "--seed", "7",
           "--format", "csv", "--out", str(out), "-q"]
    row, _ = measured(cmd, tree, env_for(tree))
    row["scores"] = [line.split(",")[1:3] for line in out.read_text().splitlines()[1:]] \
        if out.is_file() else []
    return row


def part_student(args, tmp, data):
    student = tmp / "student"
    for aid in KERAS:
        (student / aid).mkdir(parents=True)
        shutil.copy(ROOT / "source" / aid / f"{aid}.ipynb", student / aid)
    before_tree, after_tree = tmp / "before", tmp / "after"
    data["before_commit"] = export(args.before, before_tree)
    if not after_tree.is_dir():  # the source part may have exported it
        data["after_commit"] = export(args.after, after_tree)
    runs = data["student"] = {"before": [], "after": []}
    for i in range(args.repeat):
        for name, tree in (("before", before_tree), ("after", after_tree)):
            row = grade(tree, student, tmp / f"{name}{i}.csv")
            runs[name].append(row)
            print(name, row, flush=True)
    sys.path[:0] = [str(HERE), str(ROOT)]
    from keras_floor import tf_start  # noqa: E402  (bench/ is not a package)
    starts = [round(tf_start(), 2) for _ in range(3)]
    data["sandbox_tf_start"] = starts
    before = min(r["cpu"] for r in runs["before"])
    after = min(r["cpu"] for r in runs["after"])
    floor = before - 2 * sorted(starts)[1]
    data["summary_student"] = {"before_cpu": before, "after_cpu": after,
                               "floor_cpu": round(floor, 1),
                               "after_vs_floor": round(after / floor, 2),
                               "before_vs_floor": round(before / floor, 2)}
    print(data["summary_student"], flush=True)


def part_source(args, tmp, data):
    out = tmp / "nbconvert"
    out.mkdir()
    notebooks = sorted(str(p) for p in (ROOT / "source").glob("*/*.ipynb"))
    assert len(notebooks) == 7, notebooks
    nbconvert, _ = measured([sys.executable, "-m", "nbconvert", "--to", "notebook", "--execute",
                             "--ExecutePreprocessor.timeout=7200", "--output-dir", str(out),
                             *notebooks], tmp, env_for(ROOT))
    print("nbconvert", nbconvert, flush=True)
    tree = tmp / "after"
    if not tree.is_dir():
        data["after_commit"] = export(args.after, tree)
    nngrade = grade(tree, ROOT / "source", tmp / "source.csv")
    print("nngrade grade source/", nngrade, flush=True)
    data["source"] = {"nbconvert": nbconvert, "nngrade": nngrade,
                      "cpu_ratio": round(nngrade["cpu"] / nbconvert["cpu"], 3),
                      "wall_ratio": round(nngrade["wall"] / nbconvert["wall"], 3)}
    print({k: data["source"][k] for k in ("cpu_ratio", "wall_ratio")}, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision graded as 'before'")
    parser.add_argument("--after", default="HEAD", help="git revision graded as 'after'")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--parts", default="source,student")
    args = parser.parse_args()
    path = HERE / "keras_student_cpu.json"
    data = json.loads(path.read_text()) if path.is_file() else {}
    data["date"] = time.strftime("%Y-%m-%d %H:%M")
    data["nproc"] = os.cpu_count()
    with tempfile.TemporaryDirectory(prefix="nngrade-bench-") as tmp:
        for part in args.parts.split(","):
            {"student": part_student, "source": part_source}[part](args, Path(tmp), data)
            path.write_text(json.dumps(data, indent=1) + "\n")  # each part as it ends


if __name__ == "__main__":
    main()
