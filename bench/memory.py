"""Grader memory and load time on hostile and realistic submissions (issue 10 §3, issue 9 §1).

Part `rss`: each case is a submission file for 01_perceptron; `nngrade grade` runs on it in a fresh
process, which reports its own peak RSS (`VmHWM`; `ru_maxrss` would carry the spawning process's
peak across exec) and the largest peak RSS of any child it waited for (`RUSAGE_CHILDREN`: the
loader's parse child or the sandbox). Target: ≤ 300 MB for both, for every case.

Part `load`: the reference notebooks' sizes, and the sandbox load time of the chunks the loader
keeps against the same chunks plus the `import matplotlib.pyplot as plt` the previous filter kept
(it kept every import).

    python bench/memory.py              # both parts; writes bench/memory.json
    python bench/memory.py --parts rss
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 2**20
WRAP = """
import json, resource, sys
from autograder import cli
code = cli.main(sys.argv[2:])
# VmHWM: this process's own peak (ru_maxrss carries the spawning process's across exec)
self_kb = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as fh:
    json.dump({"exit": code, "self_mb": self_kb / 1024, "child_mb": child_kb / 1024}, fh)
"""


def reference_cells(aid="01_perceptron"):
    nb = json.loads((REPO / "source" / aid / f"{aid}.ipynb").read_text())
    return nb


def write_notebook(path, nb, extra=None):
    with open(path, "w") as fh:
        json.dump(nb if extra is None else {**nb, **extra}, fh)


def sized(path, head, unit, tail, size):
    """head + unit * n + tail, about `size` bytes, written in pieces (bounded bench memory)."""
    n = max(0, (size - len(head) - len(tail)) // len(unit))
    with open(path, "wb") as fh:
        fh.write(head)
        block = unit * max(1, MB // len(unit))
        while n >= MB // len(unit):
            fh.write(block)
            n -= MB // len(unit)
        fh.write(unit * n + tail)


def cases(folder):
    """name → (path, what it is)."""
    folder = Path(folder)
    reference = reference_cells()
    code = "".join("".join(c["source"]) + "\n" for c in reference["cells"]
                   if c["cell_type"] == "code")
    out = {}

    def case(name, what, suffix=".ipynb"):
        path = folder / name / f"01_perceptron{suffix}"
        path.parent.mkdir(parents=True)
        out[name] = (path, what)
        return path

    write_notebook(case("reference", "the reference notebook (source/)"), reference)
    path = case("big_outputs_45mb", "reference + 45 MB of base64 image outputs (realistic form)")
    png = {"output_type": "display_data", "metadata": {},
           "data": {"image/png": "iVBORw0KGgo" + "A" * (MB - 11)}}
    big = json.loads(json.dumps(reference))
    big["cells"][-1]["outputs"] = [png] * 45
    write_notebook(path, big)
    sized(case("source_50mb", "50 MB .py: reference code + comment lines", ".py"),
          code.encode(), b"# padding padding padding padding padding padding padding\n", b"",
          50 * MB)
    sized(case("plus_chain_12mb", "12 MB .py of 1+1+1+... (the issue's 5.7 GB case)", ".py"),
          b"x = 1", b"+1", b"\n", 12 * MB)
    sized(case("plus_chain_1mb", "1 MB .py of 1+1+1+... (just under the code cap)", ".py"),
          b"x = 1", b"+1", b"\n", MB - 64)
    sized(case("unary_chain_1mb", "1 MB .py of - - - ... 1 (deep unary nesting)", ".py"),
          b"x = ", b"-", b"1\n", MB - 64)
    sized(case("lambdas_nested", "lambda: lambda: ... 50 000 deep", ".py"),
          b"f = ", b"lambda: ", b"0\n", 50_000 * 8)
    sized(case("json_empty_objects_50mb", "50 MB notebook of {} (the issue's +214 MB case)"),
          b'{"cells": [], "x": [', b"{},", b"{}]}", 50 * MB - 1)
    sized(case("json_nested_deep", "JSON nested 5 000 000 deep"), b"", b"[", b"", 5 * MB)
    sized(case("json_astral_string_45mb", "45 MB notebook: one astral character, then ASCII "
               "(the decoded text takes 4 bytes per character)"),
          b'{"cells": [], "x": "' + "\U0001F600".encode(), b"A", b'"}', 45 * MB)
    with open(case("sparse_51mb", "51 MB sparse file (over the file cap)"), "wb") as fh:
        fh.truncate(51 * MB)
    return out


def grade(path):
    with tempfile.TemporaryDirectory() as tmp:
        stats, report = Path(tmp) / "stats.json", Path(tmp) / "report.json"
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", WRAP, str(stats), "grade", str(path),
                        "--assignment", "01_perceptron", "--format", "json", "--out",
                        str(report), "--seed", "1", "--lang", "en"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.monotonic() - started
        data = json.loads(stats.read_text())
        result = json.loads(report.read_text())
    failed = [t["output"] for t in result["tests"] if t["status"] != "passed"]
    return {**data, "seconds": round(seconds, 2), "score": result["score"],
            "message": failed[0][:160] if failed else ""}


def part_rss(folder):
    rows = []
    for name, (path, what) in cases(folder).items():
        row = {"case": name, "what": what, "bytes": path.stat().st_size, **grade(path)}
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def part_load():
    sys.path.insert(0, str(REPO))
    from autograder.checks import checks_for
    from autograder.assignments import ASSIGNMENT_IDS
    from autograder.loader import read_source
    from autograder.sandbox import Sandbox
    rows = []
    for aid in ASSIGNMENT_IDS[:4]:  # the numpy assignments (Keras ones import TensorFlow anyway)
        path = REPO / "source" / aid / f"{aid}.ipynb"
        nb = json.loads(path.read_text())
        code = sum(len("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "code")
        source = read_source(path, needed={n for c in checks_for(aid) for n in c.needs})
        timing = {}
        for label, chunks in (("kept", source.chunks),
                              ("kept+pyplot", source.chunks + ["import matplotlib.pyplot as plt\n"])):
            best = None
            for _ in range(3):
                with tempfile.TemporaryDirectory() as tmp:
                    box = Sandbox(chunks, tmp)
                    started = time.monotonic()
                    box.start()
                    took = time.monotonic() - started
                    box.close()
                best = took if best is None else min(best, took)
            timing[label] = round(best, 3)
        row = {"assignment": aid, "notebook_bytes": path.stat().st_size, "code_bytes": code,
               "chunks": len(source.chunks), "load_s": timing["kept"],
               "load_with_pyplot_s": timing["kept+pyplot"]}
        print(json.dumps(row), flush=True)
        rows.append(row)
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", default="rss,load")
    args = ap.parse_args()
    out = {"load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="nngrade-memory-") as folder:
        if "rss" in args.parts:
            out["rss"] = part_rss(folder)
        if "load" in args.parts:
            out["load"] = part_load()
    (REPO / "bench" / "memory.json").write_text(json.dumps(out, indent=1) + "\n")
    write_section(out)


BEGIN, END = "<!-- bench/memory.py: begin -->", "<!-- bench/memory.py: end -->"


def write_section(out):
    """Replace this script's section of bench/results.md (benchmark.py rewrites the file: run
    this script after it)."""
    lines = [BEGIN, "## Grader memory and load time (`bench/memory.py`)", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M')} (load average {out['load_average']:.2f}). "
             "Peak RSS of a fresh `nngrade grade` process (`VmHWM`) and of the largest child it "
             "waited for (`RUSAGE_CHILDREN`: the loader's parse child or the sandbox; a child's "
             "figure includes the grader's size at spawn). Target ≤ 300 MB for both.", ""]
    if "rss" in out:
        lines += ["| case | file MB | grader peak MB | largest child MB | wall s | score | message |",
                  "|---|---:|---:|---:|---:|---:|---|"]
        for r in out["rss"]:
            lines.append(f"| {r['case']}: {r['what']} | {r['bytes'] / MB:.1f} | "
                         f"{r['self_mb']:.0f} | {r['child_mb']:.0f} | {r['seconds']:.2f} | "
                         f"{r['score']:g} | {r['message'].replace('|', '/')} |")
        worst = max(max(r["self_mb"], r["child_mb"]) for r in out["rss"])
        lines += ["", f"Worst peak: {worst:.0f} MB (target ≤ 300 MB: "
                  f"{'met' if worst <= 300 else 'MISSED'}).", ""]
    if "load" in out:
        lines += ["Reference notebooks: size, code, kept chunks, and the sandbox start + load time "
                  "(best of 3) of the kept chunks vs. the same plus `import matplotlib.pyplot` "
                  "(which the previous filter kept: it kept every import).", "",
                  "| assignment | notebook KB | code KB | chunks | load s | load + pyplot s |",
                  "|---|---:|---:|---:|---:|---:|"]
        for r in out["load"]:
            lines.append(f"| {r['assignment']} | {r['notebook_bytes'] / 1024:.1f} | "
                         f"{r['code_bytes'] / 1024:.1f} | {r['chunks']} | {r['load_s']:.2f} | "
                         f"{r['load_with_pyplot_s']:.2f} |")
        lines.append("")
    lines.append(END)
    path = REPO / "bench" / "results.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + text[text.index(END) + len(END):].lstrip("\n")
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
