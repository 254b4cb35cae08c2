"""Helpers of the notebook tests: run a notebook in a real kernel, read its grade cells."""
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat
import pytest

from autograder.grade import MNIST_ASSIGNMENTS

ROOT = Path(__file__).resolve().parents[2]
GRADE_CALL = re.compile(r'grade\("(?P<aid>[^"]+)", "(?P<check>[^"]+)", ns=globals\(\)\)')


def kernel_env(**extra):
    """Environment of a notebook kernel / nbgrader run: venv first on PATH (nbgrader calls the
    `alembic` script), quiet TensorFlow, MNIST from $NNLAB_MNIST, short MNIST training."""
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    env.setdefault("NNLAB_FAST", "1")
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # CI exports Agg: no images
    env.update(extra)
    return env


def execute(path, timeout=1800, env=None):
    """Execute a notebook top to bottom with the venv's python3 kernel → (nb, seconds).

    Errors do not stop execution (like nbgrader); inspect the outputs.
    """
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    env = env or kernel_env()
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        started = time.monotonic()
        NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(Path(path).parent)}}).execute()
        return nb, time.monotonic() - started
    finally:
        os.environ.clear()
        os.environ.update(saved)


def grade_cells(nb):
    """[{grade_id, check, points, score, stderr, error}] for every autograded test cell."""
    out = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        m = GRADE_CALL.search(cell.source)
        score, stderr, error = None, "", None
        for o in cell.get("outputs", []):
            if o.output_type == "execute_result":
                score = float(o.data["text/plain"])
            elif o.output_type == "stream" and o.name == "stderr":
                stderr += o.text
            elif o.output_type == "error":
                error = f"{o.ename}: {o.evalue}"
        out.append({"grade_id": meta["grade_id"], "check": m.group("check") if m else None,
                    "points": float(meta["points"]), "score": score, "stderr": stderr,
                    "error": error})
    return out


def error_outputs(nb):
    """[(cell index, ename, evalue)] of every error output."""
    return [(i, o.ename, o.evalue) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            for o in c.get("outputs", []) if o.output_type == "error"]


def copy_course(dest, release=False):
    """A throwaway copy of the nbgrader course (config, source/, assignments/ when `release`)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(ROOT / "source", dest / "source")
    if release:
        shutil.copytree(ROOT / "assignments", dest / "assignments")
    return dest


def dump(obj):
    return json.dumps(obj, indent=1, ensure_ascii=False, default=str)


def mnist_env(ids):
    """Kernel environment; $NNLAB_MNIST only when a selected assignment reads MNIST. Without the
    file, the round trip skips only if such an assignment is selected, and names it."""
    needing = [aid for aid in ids if aid in MNIST_ASSIGNMENTS]
    if not needing:
        return kernel_env()
    path = os.environ.get("NNLAB_MNIST")
    if not path or not os.path.exists(path):
        pytest.skip(f"MNIST not available, needed by {', '.join(needing)}: set NNLAB_MNIST to "
                    "a mnist.npz (Keras layout); only tests of these assignments skip")
    return kernel_env(NNLAB_MNIST=path)
