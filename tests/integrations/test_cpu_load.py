"""A loaded machine changes no score: `nngrade batch -j 2` with four CPU burners beside it grades
the reference and an alternative-correct submission exactly as without them (issue 15 §2)."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integrations.helpers import NNGRADE, put, run

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
# (assignment, alternative-correct corpus entry): a numpy training check (train_xor, 60 s) and
# a Keras one (TensorFlow import + training in the sandbox)
CASES = (("02_backprop", "layered_dlfs"), ("07_tanh_practice", "functional_api"))
BURNERS = 4


def course(root):
    for aid, alternative in CASES:
        put(root / "submitted" / "reference" / aid, aid, "notebook")
        folder = root / "submitted" / "alternative" / aid
        folder.mkdir(parents=True)
        shutil.copy(CORPUS / aid / f"{alternative}.py", folder / f"{aid}.py")
    return root


full = {}  # student → every check at full marks (in the last batch)


def batch(root, out):
    done = run(NNGRADE + ["batch", str(root), "-j", "2", "--seed", "7", "--quiet",
                          "--out", str(out / "grades.csv"), "--results-dir", str(out / "results"),
                          "--lang", "en"], timeout=3000)
    assert done.returncode == 0, done.stderr[-2000:]
    scores = {}
    for path in sorted((out / "results").rglob("results.json")):
        data = json.loads(path.read_text())
        assert not data.get("extra_data", {}).get("errors"), data["extra_data"]
        scores[path.parent.name] = sorted((t["name"], t["score"]) for t in data["tests"])
        full[path.parent.name] = all(t["score"] == t["max_score"] for t in data["tests"])
    return scores


@pytest.mark.slow
@pytest.mark.alone
def test_scores_beside_four_cpu_burners_equal_the_idle_scores(tmp_path):
    root = course(tmp_path / "course")
    idle = batch(root, tmp_path / "idle")
    assert set(idle) == {"reference", "alternative"}
    load_before = os.getloadavg()[0]
    # each burner in a session of its own: under autogroup scheduling one session's tasks
    # share one slice (tests/sandbox/test_cpu_budget.burners)
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                start_new_session=True) for _ in range(BURNERS)]
    try:
        time.sleep(2)
        started = time.monotonic()
        loaded = batch(root, tmp_path / "loaded")
        seconds = time.monotonic() - started
        load_during = os.getloadavg()[0]
    finally:
        for proc in burners:
            proc.kill()
            proc.wait()
    print(f"loaded batch: {seconds:.0f} s; load average {load_before:.1f} before, "
          f"{load_during:.1f} at the end")
    assert loaded == idle
    assert full == {"reference": True, "alternative": True}
