"""A checkout and its venv under /tmp grade exactly like anywhere else.

The child's /tmp is its own writable tmpfs, and the grader's trees that live under the host's
/tmp (checkout, venv) are bound back inside it. A submission that renamed the top folder of those
trees (`os.rename("/tmp/<top>", ...)`, which `chdir_delete`-style cleanups effectively do) hid the
interpreter's packages from every later import in that child: its checks failed for the grader's
reasons, not the student's. The launcher now reaches such trees through a read-only mount point
(launcher.setup_filesystem, step 3), which cannot be renamed or removed.

Here: `git clone` of this repository and a venv, both under /tmp; the venv sees this
environment's packages through a `.pth` file (a venv layered on another one) and has one module
of its own; the clone's `nngrade` grades a reference 01_perceptron whose `step` imports that
module lazily after the rename attack ran at load time. Full marks, every check.
"""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from tests.sandbox import e2e
from tests.sandbox.conftest import needs_root

ROOT = Path(__file__).resolve().parents[2]

ATTACK = '''
def _move_tmp_trees():
    import glob, os
    for top in glob.glob("/tmp/*"):
        try:
            os.rename(top, top + "-moved")
        except OSError:
            pass
    return 0


_reference_step = step


def step(s, _moved=_move_tmp_trees()):
    import tmp_checkout_marker  # a module of the venv under /tmp, imported after the attack
    return _reference_step(s)
'''


@pytest.fixture
def tmp_checkout():
    top = Path(tempfile.mkdtemp(prefix="nngrade-checkout-", dir="/tmp"))  # no "venv" in it
    try:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(top / "repo")], check=True)
        env_dir = top / "env"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
        site = env_dir / Path(sysconfig.get_path("purelib")).relative_to(sys.prefix)
        here = [p for p in sys.path if p.endswith(("site-packages", "dist-packages"))]
        (site / "zz_layered.pth").write_text("\n".join([str(top / "repo"), *here]) + "\n")
        (site / "nndata").symlink_to(top / "repo" / "data")  # pyproject's package-dir mapping
        (site / "tmp_checkout_marker.py").write_text("VALUE = 1\n")
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


@needs_root
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a git checkout")
def test_checkout_and_venv_under_tmp_survive_a_rename_attack(tmp_checkout, tmp_path):
    folder = tmp_checkout / "submission"
    path = e2e.build_notebook(None, folder)
    nb = json.loads(path.read_text())
    nb["cells"].append({"cell_type": "code", "source": ATTACK, "metadata": {}, "outputs": [],
                        "execution_count": None})
    path.write_text(json.dumps(nb))
    python = tmp_checkout / "env" / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([str(python), "-m", "autograder.cli", "grade", str(path), "--seed", "1",
                          "--format", "json", "--lang", "en"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    where = subprocess.run([str(python), "-c", "import autograder; print(autograder.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert where.startswith(str(tmp_checkout / "repo")), where  # the clone under /tmp grades
    data = json.loads(out.stdout)
    failed = [t for t in data["tests"] if t["score"] != t["max_score"]]
    assert not failed, failed
    assert data["score"] == 100
