"""nbgrader autograde: stock (kernel execution) vs sandboxed (SandboxGrade) vs `nngrade batch`.

    NNLAB_MNIST=/work/shared/data/mnist.npz python bench/autograde_bench.py [--class-size 10]
        [--skip-references]

One run, one tree (every child process imports this checkout: PYTHONPATH=<repo>), two courses:

* references: one student submits the seven instructor notebooks (source/);
* class: --class-size students on 01-04 (reference, stub, partial and hostile notebooks as in
  tests/notebooks/test_roundtrip.py, cycled).

For each course: `nbgrader autograde "*"` (one process) with nbgrader's stock pipeline (Execute:
a kernel runs every cell, NNLAB_FAST=1), with this repository's config (SandboxGrade), and with
a no-op grader in SandboxGrade's place (what nbgrader itself costs); then `nngrade batch -j 1`
and `-j 2` on the same submitted/ tree. Targets (issue 11): sandboxed autograde of the class ≤
2 × `batch -j 1` and ≤ 0.4 × stock autograde. Writes bench/autograde_results.json and the section
"nbgrader autograde: kernel vs sandbox" of bench/results.md; prints the table.
"""
import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PY = sys.executable
NUMPY_IDS = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers")
SECTION = "## nbgrader autograde: kernel vs sandbox"
KINDS = ("ref", "stub", "partial", "grade_patch", "no_traceback", "crash", "edited_tests",
         "numpy_patch")

STOCK_CONFIG = """
# bench: nbgrader's own autograde pipeline (a kernel executes every cell)
from nbgrader.preprocessors import Execute
c.Autograde.autograde_preprocessors = [
    Execute, IgnorePattern, ClearMetadataPreprocessor, LimitOutput, SaveAutoGrades,
    AssignLatePenalties, CheckCellMetadata]
c.Autograde.pre_convert_hook = None
c.Execute.timeout = 1800
c.Execute.startup_timeout = 120
c.Execute.interrupt_on_timeout = True
"""
NOOP_CONFIG = """
# bench: SandboxGrade without grading (every check 0): what nbgrader's own pipeline costs
from autograder.results import AssignmentResult as _Result
class NoGrade(SandboxGrade):
    def grade(self, nb, aid, student):
        return _Result(assignment=aid, file=None)
c.Autograde.autograde_preprocessors = [NoGrade] + c.Autograde.autograde_preprocessors[1:]
"""


def env():
    e = dict(os.environ)
    e["PATH"] = str(Path(PY).parent) + os.pathsep + e.get("PATH", "")
    e["PYTHONPATH"] = str(ROOT)
    e.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    e.setdefault("NNLAB_FAST", "1")
    e["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return e


def load():
    return round(os.getloadavg()[0], 2)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd, cwd, check=True):
    """Wall and CPU seconds of one command (CPU: the command and every process it waited for,
    sandbox children and kernels included; far less sensitive to the machine's load)."""
    before, started, cpu = load(), time.monotonic(), children_cpu()
    out = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    row = {"seconds": round(time.monotonic() - started, 2),
           "cpu_s": round(children_cpu() - cpu, 2), "load_before": before, "load_after": load()}
    if out.returncode != 0 and not check:  # e.g. a kernel killed by a student: nbgrader says so
        return {**row, "returncode": out.returncode, "error": out.stderr[-500:]}
    if check and out.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{out.stdout[-2000:]}\n"
                           f"{out.stderr[-4000:]}")
    return row


def make_course(folder, ids, students):
    """A course copy with `students` = {student: kind} submitting every id in `ids`."""
    import nbformat
    from tests.notebooks.test_roundtrip import student_notebook
    folder.mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    shutil.copytree(ROOT / "source", folder / "source")
    for aid in ids:
        timed([PY, "-m", "nbgrader", "generate_assignment", aid, "--force", "--log-level=WARN"],
              folder)
        source = nbformat.read(str(folder / "source" / aid / f"{aid}.ipynb"), as_version=4)
        release = nbformat.read(str(folder / "assignments" / aid / f"{aid}.ipynb"), as_version=4)
        for student, kind in students.items():
            target = folder / "submitted" / student / aid / f"{aid}.ipynb"
            target.parent.mkdir(parents=True)
            nbformat.write(student_notebook(kind, source, release)[0], str(target))
    return folder


def variant(course, name, extra):
    """The course with its own config appended (same source, release, submissions)."""
    copy = course.parent / f"{course.name}-{name}"
    shutil.copytree(course, copy)
    with open(copy / "nbgrader_config.py", "a", encoding="utf-8") as f:
        f.write(extra)
    return copy


def autograde_all(course, ids):
    """`nbgrader autograde "*"`: the whole course in one nbgrader process (what an instructor
    runs for a class; one `autograde <id>` per assignment pays nbgrader's start-up each time)."""
    run = timed([PY, "-m", "nbgrader", "autograde", "*", "--force", "--log-level=ERROR"], course,
                check=False)
    return {**run, "per_assignment": {"*": run}}


def batch(course, jobs):
    out = course / f"batch-j{jobs}"
    r = timed([PY, "-m", "autograder.cli", "batch", str(course), "-j", str(jobs), "--seed", "1",
               "--out", str(out / "grades.csv"), "--quiet"], course)
    rows = (out / "grades.csv").read_text().strip().count("\n")
    return {**r, "rows": rows}


def measure(course, ids):
    stock = variant(course, "stock", STOCK_CONFIG)
    noop = variant(course, "noop", NOOP_CONFIG)
    return {"stock_autograde": autograde_all(stock, ids),
            "sandboxed_autograde": autograde_all(course, ids),
            "nbgrader_only": autograde_all(noop, ids),
            "batch_j1": batch(course, 1), "batch_j2": batch(course, 2)}


def grade_file_seconds(course):
    """Sum of grade_file's own time over the class (batch -j1's results.json)."""
    total = 0.0
    for path in (course / "batch-j1" / "results").glob("*/results.json"):
        total += float(json.loads(path.read_text())["execution_time"])
    return round(total, 2)


def table(name, m, notebooks):
    s, k, j1 = (m["sandboxed_autograde"]["seconds"], m["stock_autograde"]["seconds"],
                m["batch_j1"]["seconds"])
    sc, kc, j1c = (m["sandboxed_autograde"].get("cpu_s"), m["stock_autograde"].get("cpu_s"),
                   m["batch_j1"].get("cpu_s"))
    lines = [f"### {name} ({notebooks} notebooks)", "",
             "| run | wall s | CPU s | load average before → after (1 min) |",
             "|---|---:|---:|---|"]
    for label, key in (("stock nbgrader autograde (kernel executes every cell)", "stock_autograde"),
                       ("sandboxed nbgrader autograde (SandboxGrade)", "sandboxed_autograde"),
                       ("nbgrader alone (no-op grader in SandboxGrade's place)", "nbgrader_only"),
                       ("`nngrade batch -j 1`", "batch_j1"), ("`nngrade batch -j 2`", "batch_j2")):
        v = m[key]
        if "per_assignment" in v:
            loads = [p["load_before"] for p in v["per_assignment"].values()]
            ends = [p["load_after"] for p in v["per_assignment"].values()]
            lines.append(f"| {label} | {v['seconds']} | {v.get('cpu_s')} | {loads[0]} → "
                         f"{ends[-1]} (max {max(loads + ends)}) |")
        else:
            lines.append(f"| {label} | {v['seconds']} | {v.get('cpu_s')} | {v['load_before']} → "
                         f"{v['load_after']} |")
    lines += ["", f"* sandboxed / batch -j 1 = {s / j1:.2f} wall, {ratio(sc, j1c)} CPU (target ≤ 2)",
              f"* sandboxed / stock = {s / k:.2f} wall, {ratio(sc, kc)} CPU (target ≤ 0.4)",
              f"* grade_file's own time, summed over the notebooks: {m.get('grade_file_s')} s; "
              f"nbgrader alone: {m['nbgrader_only']['seconds']} s", ""]
    return lines


def ratio(a, b):
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def kept_section(results):
    """This script's section of an existing results.md ("" when there is none)."""
    text = Path(results).read_text(encoding="utf-8") if Path(results).exists() else ""
    match = re.search(re.escape(SECTION) + r".*?(?=\n## |\Z)", text, re.S)
    return "\n" + match.group(0).rstrip() + "\n" if match else ""


def write_results(data):
    (ROOT / "bench" / "autograde_results.json").write_text(json.dumps(data, indent=1) + "\n")
    lines = [SECTION, "",
             f"Run {data['when']} on {data['host']} ({data['cpus']} CPUs); command: "
             f"`{data['command']}`. Other jobs shared the machine: compare figures only within "
             "this run.", ""]
    for name, m in data["courses"].items():
        lines += table(name, m, m["notebooks"])
    results = ROOT / "bench" / "results.md"
    text = results.read_text(encoding="utf-8") if results.exists() else "# nngrade benchmark\n"
    pattern = re.compile(re.escape(SECTION) + r".*?(?=\n## |\Z)", re.S)
    block = "\n".join(lines).rstrip() + "\n"
    text = pattern.sub(lambda _: block, text) if SECTION in text else text.rstrip() + "\n\n" + block
    results.write_text(text, encoding="utf-8")
    print(block)


def main(argv=None):
    from autograder.assignments import ASSIGNMENT_IDS
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--class-size", type=int, default=10)
    p.add_argument("--skip-references", action="store_true", help="only the class of 01-04")
    args = p.parse_args(argv)
    data = {"when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "host": platform.node(),
            "cpus": os.cpu_count(), "command": "python bench/autograde_bench.py "
            + " ".join(argv if argv is not None else sys.argv[1:]), "courses": {}}
    with tempfile.TemporaryDirectory(prefix="nngrade-bench-autograde-") as tmp:
        courses = []
        if not args.skip_references:
            courses.append(("seven reference notebooks", ASSIGNMENT_IDS, {"ref": "ref"}))
        students = {f"s{i:02d}_{KINDS[i % len(KINDS)]}": KINDS[i % len(KINDS)]
                    for i in range(args.class_size)}
        courses.append((f"class of {args.class_size} on 01-04", NUMPY_IDS, students))
        for i, (name, ids, who) in enumerate(courses):
            course = make_course(Path(tmp) / f"course{i}", ids, who)
            m = measure(course, ids)
            m["grade_file_s"] = grade_file_seconds(course)
            m["notebooks"] = len(ids) * len(who)
            data["courses"][name] = m
            print(name, json.dumps({k: v["seconds"] for k, v in m.items()
                                    if isinstance(v, dict)}), flush=True)
    write_results(data)


if __name__ == "__main__":
    main()
