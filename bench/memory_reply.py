"""Grader memory while a hostile child floods the reply channel, the largest legitimate reply,
and the cost of starting a sandbox at each isolation level.

    python bench/memory_reply.py legit [IDS...]   # largest reply of each reference submission
    python bench/memory_reply.py flood            # peak grader RSS per flood (fresh process each)
    python bench/memory_reply.py startup [N]      # sandbox start → ready, per isolation level

`flood` runs every scenario in a new interpreter (peak RSS = VmHWM of that process) and prints a
Markdown table; run it with PYTHONPATH pointing at another tree to measure that tree's runner.
Results: bench/results.md, section "Reply channel memory and isolation start-up".
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO))  # PYTHONPATH (another tree) wins

MiB = 2**20

FLOOD_CODE = r'''
import os
import sys

FD = int(sys.argv[2])


def line_40mb():
    os.write(FD, b"[" + b"{}," * (40 * 2**20 // 3) + b"{}]\n")
    return 1


def line_1gb():
    block = b"1," * 2**19
    for _ in range(1024):
        os.write(FD, block)
    return 1


def small_lines():
    line = b'{"id":0,"ok":true,"value":1}\n' * 4096
    while True:
        os.write(FD, line)


def under_caps():
    # just below every cap: a 15 MiB string widened to 4 bytes/char by one escaped astral
    # character, and 199 000 empty containers
    text = b'{"id":0,"s":"' + b"a" * (15 * 2**20) + b'\\ud83d\\ude00","t":[' + b"{}," * 99_000 \
        + b"[]]}\n"
    os.write(FD, text)
    return 1


def big_array():
    import numpy as np
    return np.ones(11 * 2**20 // 8)  # 11 MiB float64: ~15 MiB of base64 in one legitimate line


def fine():
    return 1
'''

SCENARIOS = ("fine", "line_40mb", "line_1gb", "small_lines", "under_caps", "big_array")


def rss():
    fields = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def scenario(name):
    import autograder.grade  # noqa: F401  (the grader's own imports, as in a real run)
    from autograder.sandbox import Sandbox
    from autograder.sandbox.limits import Limits
    limits = Limits(cpu_seconds=120, address_space=4 * 2**30, submission_seconds=120)
    with tempfile.TemporaryDirectory() as tmp:
        box = Sandbox([FLOOD_CODE], tmp, limits=limits)
        try:
            box.start()
            box.probe("common.call", {"func": "fine", "args": []}, 30)
            base, _ = rss()
            started = time.monotonic()
            reply = box.probe("common.call", {"func": name, "args": []}, 60)
            seconds = time.monotonic() - started
        finally:
            box.close()
    _, peak = rss()
    print(json.dumps({"scenario": name, "status": reply.status, "baseline_mb": round(base, 1),
                      "peak_mb": round(peak, 1), "seconds": round(seconds, 2)}))


def flood():
    rows = []
    for name in SCENARIOS:
        done = subprocess.run([sys.executable, __file__, "scenario", name], capture_output=True,
                              text=True, timeout=600, env=os.environ)
        try:
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        except (IndexError, ValueError):
            rows.append({"scenario": name, "status": f"bench failed: {done.stderr[-300:]}"})
    print("| scenario | reply status | grader RSS before (MB) | grader peak RSS (MB) | s |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['scenario']} | {r['status']} | {r.get('baseline_mb', '')} | "
              f"{r.get('peak_mb', '')} | {r.get('seconds', '')} |")


def legit(ids):
    """Grade the reference notebooks, recording every line the grader reads from the child."""
    from autograder.grade import grade_file
    from autograder.options import GradeOptions
    from autograder.loader import SubmissionFile
    from autograder.sandbox import channel
    seen = []
    original = channel.ReplyChannel.line

    def line(self, deadline):
        text = original(self, deadline)
        tokens = sum(text.count(c) for c in ",[{:")
        seen.append((len(text), tokens, text[:60]))
        return text

    channel.ReplyChannel.line = line
    mnist = os.environ.get("NNLAB_MNIST")
    for aid in ids:
        seen.clear()
        started = time.monotonic()
        result = grade_file(SubmissionFile(aid, REPO / "source" / aid / f"{aid}.ipynb"),
                            GradeOptions(seed=1, mnist_path=mnist))
        biggest = max(seen) if seen else (0, 0, "")
        most = max(seen, key=lambda s: s[1]) if seen else (0, 0, "")
        print(f"| {aid} | {result.score:g} | {len(seen)} | {biggest[0]:,} | {most[1]:,} | "
              f"{time.monotonic() - started:.1f} |", flush=True)
    print(f"| MNIST weights before+after, float64 .npy | | 1 | {weights_reply():,} | | |")


def weights_reply():
    """Bytes of one reply carrying the 203,530 weights of the MNIST model twice as float64."""
    import numpy as np

    from autograder.sandbox import codec
    shapes = [(784, 256), (256,), (256, 10), (10,)]
    weights = [np.random.default_rng(0).random(s) for s in shapes]
    assert sum(w.size for w in weights) == 203_530
    value = codec.encode({"before": weights, "after": weights})
    return len(json.dumps({"id": 1, "ok": True, "value": value}, separators=(",", ":")))


def startup(count):
    """Mean seconds from Sandbox.start() to the loaded worker, at the level of this process."""
    from autograder.sandbox import Sandbox, isolation
    from autograder.sandbox.limits import Limits
    times = []
    for _ in range(count):
        with tempfile.TemporaryDirectory() as tmp:
            box = Sandbox(["def f():\n    return 1\n"], tmp, limits=Limits())
            started = time.monotonic()
            box.start()
            times.append(time.monotonic() - started)
            box.close()
    times.sort()
    print(json.dumps({"level": isolation.status().level, "uid": os.getuid(),
                      "median_s": round(times[len(times) // 2], 4),
                      "min_s": round(times[0], 4)}))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "flood"
    if command == "scenario":
        scenario(sys.argv[2])
    elif command == "legit":
        print("| reference | score | lines read | largest line (bytes) | most JSON tokens | s |")
        print("|---|---|---|---|---|---|")
        legit(sys.argv[2:] or ["01_perceptron", "02_backprop", "03_activations",
                               "04_optimizers"])
    elif command == "startup":
        startup(int(sys.argv[2]) if len(sys.argv) > 2 else 20)
    else:
        flood()
