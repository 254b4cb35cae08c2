"""Performance benchmark of nngrade against notebook execution and nbgrader (one run, one machine).

    NNLAB_MNIST=/work/shared/data/mnist.npz python bench/benchmark.py [--parts grade,whole,...]

Parts (all by default), every measurement in a fresh process:

grade       nngrade on the reference submission of each assignment (source/<id>/<id>.ipynb, or
            the `solutions` module when the notebook is missing): wall time of the process
            (interpreter start, imports, sandbox, checks), peak RSS of the grader process and of
            its sandbox child(ren), time per check
whole       nngrade on one folder holding all seven reference notebooks
nbconvert   `jupyter nbconvert --to notebook --execute` of the same notebooks (what a student's
            "Run all" costs; test cells included), wall and peak RSS (kernel)
nbgrader    `nbgrader autograde` of the same notebooks submitted by one student, with the
            repository's nbgrader_config.py (SandboxGrade: graded in the sandbox, no kernel)
autograde   bench/autograde_bench.py: stock nbgrader autograde (kernel) vs sandboxed vs
            `nngrade batch`, seven references and a class of 10 on 01-04 (its own section of
            results.md, kept when the other parts rewrite the file)
batch       `nngrade batch` with -j1 and -j2 of 30 generated submissions (14 correct, 10 broken
            fixtures of tests/fixtures/submissions, 6 adversarial from tests/fixtures/attacks;
            student names shuffled, --batch-order grouped puts the adversarial ones last), then
            of the 24 correct + broken ones alone
profile     where the time of one grading goes: interpreter + grader imports, one sandbox start,
            `import tensorflow`, slowest checks

Targets: whole submission ≤ 0.4 × notebook execution; each numpy assignment ≤ 3 s;
`batch -j2` ≤ 0.6 × `batch -j1`. Results: a table on stdout, bench/results.md and
bench/results.json. The machine's load average is recorded with every figure: numbers taken
while other work runs are not comparable.
"""
import argparse
import csv
import io
import json
import os
import platform
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
BIN = str(Path(PY).parent)
NUMPY_IDS = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers")
PARTS = ("grade", "whole", "nbconvert", "nbgrader", "batch", "profile", "autograde")
TARGETS = {"whole_vs_nbconvert": 0.4, "numpy_seconds": 3.0, "j2_vs_j1": 0.6}


def env_for_children(**extra):
    env = dict(os.environ)
    env["PATH"] = BIN + os.pathsep + env.get("PATH", "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("PYTHONWARNINGS", "ignore")
    env.update(extra)
    return env


def loadavg():
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


# -- helpers that run inside a fresh process ------------------------------------------------------
def child_grade(path, assignment, seed):
    """`_grade`: grade in this process; print wall, peak RSS (self, sandbox children), checks."""
    started = time.monotonic()
    from autograder.grade_student import grade_path  # 05–07 in one sandbox child
    from autograder.options import GradeOptions, mnist_from_environment
    imported = time.monotonic()
    results = grade_path(path, assignment or None,
                         options=GradeOptions(seed=int(seed), include_hidden=True,
                                              mnist_path=mnist_from_environment()))
    done = time.monotonic()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    self_rss, child_rss = me.ru_maxrss / 1024, kids.ru_maxrss / 1024
    print(json.dumps({
        "cpu_s": round(me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime, 3),
        "import_s": round(imported - started, 3), "grade_s": round(done - imported, 3),
        "parent_rss_mb": round(self_rss, 1), "sandbox_rss_mb": round(child_rss, 1),
        "results": [{"assignment": r.assignment, "score": r.score, "max_score": r.max_score,
                     "seconds": r.seconds,
                     "failed": [c.name for c in r.checks if not c.passed],
                     "checks": sorted(([c.name, c.seconds] for c in r.checks),
                                      key=lambda x: -x[1])[:5]} for r in results]}))


def child_run(cmd):
    """`_run`: run CMD; print its wall time and the peak RSS of any of its processes."""
    started = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - started
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss = kids.ru_maxrss / 1024
    print(json.dumps({"returncode": proc.returncode, "wall_s": round(wall, 3),
                      "cpu_s": round(kids.ru_utime + kids.ru_stime, 3),
                      "peak_rss_mb": round(rss, 1), "stderr": proc.stderr[-2000:]}))


def child_sandbox_start():
    """`_sandbox`: cost of one sandbox child start (launcher, isolation, worker, numpy)."""
    from autograder.sandbox import Sandbox
    with tempfile.TemporaryDirectory() as tmp:
        started = time.monotonic()
        box = Sandbox(["import numpy as np\ndef f(x):\n    return x\n"], tmp)
        box.start()
        loaded = time.monotonic()
        box.probe("common.call", {"func": "f", "args": [1.0]}, 30)
        probed = time.monotonic()
        box.close()
    print(json.dumps({"start_s": round(loaded - started, 3),
                      "first_probe_s": round(probed - loaded, 3)}))


# -- measuring from the parent --------------------------------------------------------------------
def measure(args, env=None, timeout=7200):
    """Run `benchmark.py <args>` in a fresh process → (outer wall seconds, its JSON, load)."""
    load = loadavg()
    started = time.monotonic()
    proc = subprocess.run([PY, str(Path(__file__).resolve()), *args], capture_output=True,
                          text=True, env=env or env_for_children(), timeout=timeout)
    wall = time.monotonic() - started
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{args[:2]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return round(wall, 3), json.loads(lines[-1]), load


def reference_submissions(folder):
    """{id: path} of the reference submissions: the instructor notebook, else the module."""
    from autograder.assignments import ASSIGNMENT_IDS
    from tests.fixtures.build import make_submission
    folder = Path(folder)
    out, missing = {}, []
    for aid in ASSIGNMENT_IDS:
        nb = ROOT / "source" / aid / f"{aid}.ipynb"
        if nb.is_file():
            target = folder / f"{aid}.ipynb"
            shutil.copy(nb, target)
        else:
            missing.append(aid)
            target = make_submission(aid, None, folder)
        out[aid] = target
    return out, missing


def part_grade(ids, subs, seed):
    rows = {}
    for aid in ids:
        try:
            wall, data, load = measure(["_grade", str(subs[aid]), aid, str(seed)])
        except RuntimeError as exc:  # e.g. this assignment's checks are not written yet
            print(f"  grade {aid}: FAILED {str(exc).splitlines()[-1]}", flush=True)
            continue
        r = data["results"][0]
        rows[aid] = {"wall_s": wall, "cpu_s": data["cpu_s"], "import_s": data["import_s"],
                     "grade_s": data["grade_s"],
                     "parent_rss_mb": data["parent_rss_mb"],
                     "sandbox_rss_mb": data["sandbox_rss_mb"],
                     "score": r["score"], "max_score": r["max_score"], "failed": r["failed"],
                     "slowest_checks": r["checks"], "load": load}
        print(f"  grade {aid}: {wall:.2f} s (cpu {data['cpu_s']:.2f} s), "
              f"{r['score']:g}/{r['max_score']:g}, "
              f"sandbox {data['sandbox_rss_mb']:.0f} MB, grader {data['parent_rss_mb']:.0f} MB "
              f"(load {load})", flush=True)
    return rows


def part_whole(folder, seed, ids):
    from autograder.checks import checks_for
    for path in list(Path(folder).iterdir()):
        try:
            checks_for(path.stem)
        except Exception:  # no checks for it yet: leave it out of the whole submission
            print(f"  whole: leaving out {path.name} (its checks do not load)", flush=True)
            path.unlink()
    wall, data, load = measure(["_grade", str(folder), "", str(seed)])
    scores = {r["assignment"]: [r["score"], r["max_score"]] for r in data["results"]}
    print(f"  whole submission ({len(scores)} assignments): {wall:.2f} s (load {load})",
          flush=True)
    return {"wall_s": wall, "cpu_s": data["cpu_s"], "parent_rss_mb": data["parent_rss_mb"],
            "sandbox_rss_mb": data["sandbox_rss_mb"], "scores": scores, "load": load}


def part_nbconvert(ids, subs, tmp):
    rows = {}
    out = Path(tmp) / "nbconvert"
    out.mkdir()
    for aid in ids:
        if subs[aid].suffix != ".ipynb":
            continue
        cmd = [str(Path(BIN) / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
               "--ExecutePreprocessor.timeout=7200", "--ExecutePreprocessor.kernel_name=python3",
               "--output-dir", str(out), str(subs[aid])]
        wall, data, load = measure(["_run", "--", *cmd],
                                   env=env_for_children(MPLBACKEND="Agg"))
        rows[aid] = {"wall_s": wall, "cpu_s": data["cpu_s"], "peak_rss_mb": data["peak_rss_mb"],
                     "ok": data["returncode"] == 0, "load": load}
        print(f"  nbconvert {aid}: {wall:.2f} s, kernel peak {data['peak_rss_mb']:.0f} MB "
              f"(load {load})", flush=True)
    return rows


def part_nbgrader(ids, subs, tmp):
    course = Path(tmp) / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(ROOT / "source", course / "source")
    env = env_for_children()
    nbg = [PY, "-m", "nbgrader"]
    setup_wall, data, load = measure(["_run", "--", *nbg, "generate_assignment", "*", "--force",
                                      f"--CourseDirectory.root={course}",
                                      "--log-level=WARN"], env=env)
    if data["returncode"] != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed: {data['stderr']}")
    rows = {"_setup": {"wall_s": setup_wall, "what": "generate_assignment * (creates gradebook)",
                       "load": load}}
    print(f"  nbgrader generate_assignment (setup): {setup_wall:.2f} s", flush=True)
    for aid in ids:
        if subs[aid].suffix != ".ipynb":
            continue
        folder = course / "submitted" / "bench" / aid
        folder.mkdir(parents=True)
        shutil.copy(subs[aid], folder / f"{aid}.ipynb")
        wall, data, load = measure(["_run", "--", *nbg, "autograde", aid, "--student", "bench",
                                    "--force", f"--CourseDirectory.root={course}",
                                    "--log-level=WARN"], env=env)
        rows[aid] = {"wall_s": wall, "cpu_s": data["cpu_s"], "peak_rss_mb": data["peak_rss_mb"],
                     "ok": data["returncode"] == 0, "load": load}
        print(f"  nbgrader autograde {aid}: {wall:.2f} s (load {load})", flush=True)
    return rows


def batch_plan():
    """30 (kind, assignment, fixture): 14 correct, 10 broken, 6 adversarial submissions."""
    from autograder.checks import checks_for
    from tests.fixtures.build import fixtures
    ids = []
    for aid in NUMPY_IDS:
        try:
            checks_for(aid)
            ids.append(aid)
        except Exception:  # checks not written yet: nothing to benchmark
            pass
    correct = [("correct", aid, alt) for aid in ids for alt in fixtures(aid, "alt_")[:1]]
    while len(correct) < 14:
        correct.append(("correct", ids[len(correct) % len(ids)], None))
    broken = [("broken", aid, b) for i in range(3) for aid in ids
              for b in fixtures(aid, "broken_")[i:i + 1]][:10]
    attacks = ["loop_in_function", "os_exit_at_import", "memory_bomb_in_function",
               "output_flood", "sys_exit_in_function", "fork_bomb_in_function",
               "loop_at_import", "monkeypatch_numpy"]
    attack_dir = ROOT / "tests" / "fixtures" / "attacks"
    adversarial = [("adversarial", "01_perceptron", a) for a in attacks
                   if (attack_dir / f"{a}.py").is_file()][:6]
    return (correct[:14] + broken + adversarial)[:30]


def write_batch_tree(root, order="interleaved", kinds_wanted=("correct", "broken", "adversarial")):
    """root/submitted/sNN/<id>/<id>.py for the planned submissions.

    Student names decide the grading order. "interleaved" shuffles the plan (fixed seed), as
    names are unrelated to what students submit; "grouped" keeps correct, broken, adversarial in
    blocks, so the slow adversarial jobs all come last (the worst case for -j2's tail).
    """
    import random
    from tests.fixtures.build import make_submission, reference_source
    attack_dir = ROOT / "tests" / "fixtures" / "attacks"
    plan = [p for p in batch_plan() if p[0] in kinds_wanted]
    if order == "interleaved":
        random.Random(0).shuffle(plan)
    kinds = {}
    for n, (kind, aid, fixture) in enumerate(plan, start=1):
        student = f"s{n:02d}"
        folder = Path(root) / "submitted" / student / aid
        folder.mkdir(parents=True)
        if kind == "adversarial":
            # the attack's `attacked` function becomes `step`, which the checks call
            attack = (attack_dir / f"{fixture}.py").read_text().replace("attacked", "step")
            (folder / f"{aid}.py").write_text(reference_source(aid) + "\n\n" + attack)
        else:
            make_submission(aid, fixture, folder)
        kinds[student] = f"{kind}:{aid}:{fixture or 'reference'}"
    return kinds


def part_batch(tmp, seed, timeout, order):
    out = {"mixed": run_batches(Path(tmp) / "batch-mixed", seed, timeout, order)}
    out["mixed"]["order"] = order
    out["normal"] = run_batches(Path(tmp) / "batch-normal", seed, timeout, order,
                                kinds_wanted=("correct", "broken"))
    return out


def run_batches(root, seed, timeout, order, kinds_wanted=("correct", "broken", "adversarial")):
    kinds = write_batch_tree(root, order, kinds_wanted)
    rows, tables = {}, {}
    for jobs in (1, 2):
        out = root / f"grades-j{jobs}.csv"
        cmd = [str(Path(BIN) / "nngrade"), "batch", str(root), "-j", str(jobs), "--seed",
               str(seed), "--timeout", str(timeout), "-q", "--out", str(out),
               "--results-dir", str(root / f"results-j{jobs}")]
        wall, data, load = measure(["_run", "--", *cmd])
        if data["returncode"] != 0:
            raise RuntimeError(f"batch -j{jobs} failed: {data['stderr']}")
        table = list(csv.DictReader(io.StringIO(out.read_text())))
        tables[jobs] = [{k: v for k, v in r.items() if k != "seconds"} for r in table]
        rows[f"j{jobs}"] = {"wall_s": wall, "cpu_s": data["cpu_s"],
                            "peak_rss_mb": data["peak_rss_mb"],
                            "per_minute": round(60 * len(table) / wall, 1),
                            "errors": sum(1 for r in table if r["error"]),
                            "slowest": sorted(((r["student"], kinds[r["student"]],
                                                float(r["seconds"])) for r in table),
                                              key=lambda x: -x[2])[:5],
                            "load": load}
        print(f"  batch {root.name} -j{jobs}: {wall:.1f} s for {len(table)} submissions "
              f"({rows[f'j{jobs}']['per_minute']}/min, load {load})", flush=True)
    differ = sorted(a["student"] for a, b in zip(tables[1], tables[2]) if a != b)
    # adversarial submissions stopped by a wall-clock limit may end differently under load
    rows["identical_rows"] = not [s for s in differ if not kinds[s].startswith("adversarial")]
    rows["differing_rows"] = {s: kinds[s] for s in differ}
    rows["mix"] = {k: sum(1 for v in kinds.values() if v.startswith(k))
                   for k in ("correct", "broken", "adversarial")}
    return rows


def part_profile(tmp):
    """Where one grading's time goes."""
    out = {}
    started = time.monotonic()
    subprocess.run([PY, "-c", "pass"], check=True)
    out["python_start_s"] = round(time.monotonic() - started, 3)
    for name, code in (("import_autograder_grade_s", "import autograder.grade"),
                       ("import_tensorflow_s", "import tensorflow"),
                       ("import_keras_s", "import keras")):
        started = time.monotonic()
        subprocess.run([PY, "-c", code], check=True, env=env_for_children(),
                       stderr=subprocess.DEVNULL)
        out[name] = round(time.monotonic() - started, 3)
    starts = [measure(["_sandbox"])[1] for _ in range(3)]
    out["sandbox_start_s"] = round(min(s["start_s"] for s in starts), 3)
    out["sandbox_first_probe_s"] = round(min(s["first_probe_s"] for s in starts), 3)
    out["load"] = loadavg()
    print(f"  profile: {out}", flush=True)
    return out


# -- report ---------------------------------------------------------------------------------------
def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def verdict(value, target):
    if value is None:
        return "n/a"
    return "met" if value <= target else "MISSED"


def summarize(res):
    lines = []
    grade, nbc, nbg = res.get("grade", {}), res.get("nbconvert", {}), res.get("nbgrader", {})
    if grade:
        lines += ["| assignment | nngrade wall s | nngrade CPU s | sandbox peak MB | "
                  "grader peak MB | score | nbconvert s | nbgrader autograde s | "
                  "nngrade / nbconvert |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for aid, g in grade.items():
            n = nbc.get(aid, {}).get("wall_s")
            a = nbg.get(aid, {}).get("wall_s")
            lines.append(f"| {aid} | {g['wall_s']:.2f} | {g.get('cpu_s', '-')} | "
                         f"{g['sandbox_rss_mb']:.0f} | "
                         f"{g['parent_rss_mb']:.0f} | {g['score']:g}/{g['max_score']:g} | "
                         f"{n if n is not None else '-'} | {a if a is not None else '-'} | "
                         f"{ratio(g['wall_s'], n) or '-'} |")
    checks = []
    if "whole" in res and nbc:
        total_nb = sum(v["wall_s"] for v in nbc.values())
        r = ratio(res["whole"]["wall_s"], total_nb)
        checks.append(("whole submission / notebook execution (sum)",
                       f"{res['whole']['wall_s']:.1f} s / {total_nb:.1f} s = {r}",
                       f"≤ {TARGETS['whole_vs_nbconvert']}",
                       verdict(r, TARGETS["whole_vs_nbconvert"])))
    if "whole" in res and nbg:
        total = sum(v["wall_s"] for k, v in nbg.items() if not k.startswith("_"))
        checks.append(("whole submission / nbgrader autograde (sum)",
                       f"{res['whole']['wall_s']:.1f} s / {total:.1f} s = "
                       f"{ratio(res['whole']['wall_s'], total)}", "(info)", ""))
    for aid in NUMPY_IDS:
        if aid in grade:
            w = grade[aid]["wall_s"]
            checks.append((f"{aid} grading", f"{w:.2f} s wall ({grade[aid].get('cpu_s')} s CPU)",
                           f"≤ {TARGETS['numpy_seconds']} s", verdict(w, TARGETS["numpy_seconds"])))
    for name, b in res.get("batch", {}).items():
        what = {"mixed": f"30 mixed ({b['mix']}, {b.get('order')})",
                "normal": f"{sum(b['mix'].values())} correct + broken"}[name]
        r = ratio(b["j2"]["wall_s"], b["j1"]["wall_s"])
        checks.append((f"batch -j2 / -j1, {what}",
                       f"{b['j2']['wall_s']:.1f} s / {b['j1']['wall_s']:.1f} s = {r}",
                       f"≤ {TARGETS['j2_vs_j1']}", verdict(r, TARGETS["j2_vs_j1"])))
        checks.append((f"batch throughput, {name}", f"{b['j1']['per_minute']}/min (-j1), "
                       f"{b['j2']['per_minute']}/min (-j2)", "(info)", ""))
        differ = ", ".join(f"{k} ({v})" for k, v in b.get("differing_rows", {}).items())
        checks.append((f"batch rows -j1 == -j2, {name} (correct + broken)",
                       str(b["identical_rows"]) + (f"; differing: {differ}" if differ else ""),
                       "True", "met" if b["identical_rows"] else "MISSED"))
    if checks:
        lines += ["", "| measure | value | target | |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in checks]
    return "\n".join(lines)


def markdown(res, table):
    meta = res["meta"]
    parts = [f"# nngrade benchmark\n",
             f"Run {meta['date']} on {meta['machine']} ({meta['cpus']} CPUs, Python "
             f"{meta['python']}); load average before/after: {meta['load_before']} / "
             f"{meta['load_after']}. Command: `{meta['command']}`.\n"]
    runs = {}
    for part, run in res.get("provenance", {}).items():
        runs.setdefault((run["date"], run["command"], run["load_before"], run["load_after"]),
                        []).append(part)
    if len(runs) > 1:
        parts.append("Parts measured in separate runs:\n")
        parts += [f"* {', '.join(ps)}: `{c}` at {d} (load {a} / {b})" for (d, c, a, b), ps in
                  sorted(runs.items())]
        parts.append("")
    parts += [table, ""]
    if res.get("missing_notebooks"):
        parts.append(f"Missing source notebooks (graded the `solutions` module instead, not "
                     f"executed): {', '.join(res['missing_notebooks'])}\n")
    if "profile" in res:
        parts.append("## Where the time goes\n\n```\n" + json.dumps(res["profile"], indent=1)
                     + "\n```\n")
    if "batch" in res:
        parts.append("## Batch\n\n```\n" + json.dumps(res["batch"], indent=1) + "\n```\n")
    if "grade" in res:
        slow = {aid: g["slowest_checks"] for aid, g in res["grade"].items()}
        parts.append("## Slowest checks per assignment (s)\n\n```\n" + json.dumps(slow, indent=1)
                     + "\n```\n")
    return "\n".join(parts)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_grade":
        return child_grade(*argv[1:4])
    if argv and argv[0] == "_run":
        return child_run(argv[2:] if argv[1] == "--" else argv[1:])
    if argv and argv[0] == "_sandbox":
        return child_sandbox_start()
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--assignments", nargs="*", help="limit grade/nbconvert/nbgrader parts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-timeout", type=int, default=60,
                        help="nngrade batch --timeout per job (adversarial submissions)")
    parser.add_argument("--batch-order", choices=("interleaved", "grouped"),
                        default="interleaved", help="see write_batch_tree")
    parser.add_argument("--update", action="store_true",
                        help="keep the other parts' figures from the existing results.json")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args(argv)
    from autograder.assignments import ASSIGNMENT_IDS
    parts = [p for p in args.parts.split(",") if p]
    ids = tuple(args.assignments or ASSIGNMENT_IDS)
    if not os.environ.get("NNLAB_MNIST"):
        print("warning: NNLAB_MNIST is not set; 06_mnist will try to download MNIST",
              file=sys.stderr)
    res = {"meta": {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": platform.node(),
                    "cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_before": loadavg(),
                    "command": "python bench/benchmark.py " + " ".join(argv)}}
    with tempfile.TemporaryDirectory(prefix="nngrade-bench-") as tmp:
        whole = Path(tmp) / "whole"
        whole.mkdir()
        subs, missing = reference_submissions(whole)
        res["missing_notebooks"] = missing
        if "grade" in parts:
            print("grading each reference submission", flush=True)
            res["grade"] = part_grade(ids, subs, args.seed)
        if "whole" in parts:
            print("grading the whole submission", flush=True)
            res["whole"] = part_whole(whole, args.seed, ids)
        if "nbconvert" in parts:
            print("executing the notebooks (nbconvert)", flush=True)
            res["nbconvert"] = part_nbconvert(ids, subs, tmp)
        if "nbgrader" in parts:
            print("nbgrader autograde", flush=True)
            res["nbgrader"] = part_nbgrader(ids, subs, tmp)
        if "profile" in parts:
            print("profile", flush=True)
            res["profile"] = part_profile(tmp)
        if "batch" in parts:
            print("batch of 30 mixed submissions, then of the correct + broken ones; -j1, -j2",
                  flush=True)
            res["batch"] = part_batch(tmp, args.seed, args.batch_timeout, args.batch_order)
    if "autograde" in parts:
        print("nbgrader autograde: kernel vs sandbox (bench/autograde_bench.py)", flush=True)
        import autograde_bench
        autograde_bench.main([])
    res["meta"]["load_after"] = loadavg()
    out = Path(args.out)
    run = {k: res["meta"][k] for k in ("date", "command", "load_before", "load_after")}
    res["provenance"] = {p: run for p in parts}
    if args.update and out.with_suffix(".json").is_file():
        old = json.loads(out.with_suffix(".json").read_text())
        provenance = {**old.get("provenance", {}), **res["provenance"]}
        res = {**old, **{k: v for k, v in res.items() if k in parts or k == "meta"}}
        res["provenance"] = provenance
    table = summarize(res)
    print("\n" + table)
    from autograde_bench import kept_section
    out.write_text(markdown(res, table) + kept_section(out), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(res, indent=1, default=str) + "\n")
    print(f"\nwrote {out} and {out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
