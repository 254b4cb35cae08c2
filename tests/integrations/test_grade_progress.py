"""`nngrade grade FOLDER`: a line per assignment on stderr as it finishes (batch's style), the
report on stdout at the end; `-q` keeps stderr quiet."""
import re
import shutil

from tests.integrations.helpers import NNGRADE, run
from tests.notebooks.support import ROOT

AIDS = ("01_perceptron", "02_backprop")


def test_a_progress_line_per_assignment(tmp_path):
    for aid in AIDS:
        shutil.copy2(ROOT / "source" / aid / f"{aid}.ipynb", tmp_path / f"{aid}.ipynb")
    proc = run(NNGRADE + ["grade", str(tmp_path), "--lang", "en", "--public-only"])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert [re.sub(r" \d\d:\d\d ", " TIME ", line) for line in lines] == [
        f"[{i}/2] TIME {aid} {score}/{score}" for i, (aid, score) in
        enumerate(zip(AIDS, ("62", "63")), 1)], proc.stderr
    assert "== 01_perceptron" in proc.stdout and "== 02_backprop" in proc.stdout
    quiet = run(NNGRADE + ["grade", str(tmp_path), "--lang", "en", "--public-only", "-q"])
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr
