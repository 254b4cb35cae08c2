"""The parent decides (issue 10 §1): a child rewritten wholesale earns nothing a do-nothing earns.

Each submission defines every contract name as code that does nothing (functions return None,
optimizers return w unchanged), then takes over the sandbox child at load time in one of two
ways (tests/fixtures/hostile_child/):

* `replace_request_loop`: the worker's request loop is replaced; every probe request is answered
  with forged records (each call "returned its first argument, raised nothing, changed nothing");
* `patch_every_probe`: every function of the `probes` package and the worker's `run_probe` are
  replaced; the real probe still runs on the do-nothing code, then its answer is "improved"
  (inputs reported unchanged, no exception, booleans True, lists of names empty).

Whatever the child answers is then only "what the student's functions returned", judged as such:
every numpy assignment scores exactly 0, and no check ends in a grader error.
"""
from pathlib import Path

import pytest

from autograder.checks import checks_for
from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile

HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile_child"
NUMPY = ("01_perceptron", "02_backprop", "03_activations", "04_optimizers")
TRIGGER = {"replace_request_loop": "_serve", "patch_every_probe": "_patch_everything"}


def contract_names(aid):
    return sorted({name for check in checks_for(aid) for name in check.needs})


def do_nothing(name):
    if name[:1].isupper():  # an optimizer class of 04: state never changes, w returned as is
        return (f"class {name}:\n    def __init__(self, *args, **kwargs):\n        pass\n\n"
                f"    def step(self, w, grad_fn):\n        return w\n")
    return f"def {name}(*args, **kwargs):\n    return None\n"


def submission(aid, attack):
    names = contract_names(aid)
    parts = ["import numpy as np"] + [do_nothing(n) for n in names]
    parts += [(HOSTILE / "forge.py").read_text(), (HOSTILE / f"{attack}.py").read_text()]
    # the trigger hangs off a graded name, so the loader keeps and runs it
    parts.append(f"{names[0]}.uses = {TRIGGER[attack]}({names!r})\n")
    return "\n\n".join(parts)


@pytest.mark.parametrize("attack", sorted(TRIGGER))
@pytest.mark.parametrize("aid", NUMPY)
def test_a_rewritten_child_earns_nothing(tmp_path, aid, attack):
    path = tmp_path / f"{aid}.py"
    path.write_text(submission(aid, attack), encoding="utf-8")
    result = grade_file(SubmissionFile(aid, path), GradeOptions(seed=7, include_hidden=True))
    paid = {c.name: c.score for c in result.checks if c.score > 0}
    assert paid == {}, paid
    assert not [c.name for c in result.checks if c.key.startswith("grader.")]


@pytest.mark.slow  # the fast suite's do-nothing fixtures (tests/fixtures/nowork.py: None, and
@pytest.mark.parametrize("aid", NUMPY)  # step returning w) score 0 in tests/checks/test_*.py
def test_the_do_nothing_part_alone_scores_zero(tmp_path, aid):
    """Control: without the takeover the same code is an ordinary do-nothing submission."""
    names = contract_names(aid)
    path = tmp_path / f"{aid}.py"
    path.write_text("\n\n".join(["import numpy as np"] + [do_nothing(n) for n in names]))
    result = grade_file(SubmissionFile(aid, path), GradeOptions(seed=7, include_hidden=True))
    assert result.score == 0, [(c.name, c.score) for c in result.checks if c.score]
