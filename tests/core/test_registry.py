"""Invariants of the check registry that every assignment must keep."""
import ast
import importlib
from pathlib import Path

import numpy as np
import pytest

from autograder import expected
from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import checks_for
from autograder.checks.base import Context

PROBES = Path(importlib.import_module("autograder.probes").__file__).parent


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_points_sum_to_100_and_checks_are_well_formed(aid):
    checks = checks_for(aid)
    assert sum(c.points for c in checks) == pytest.approx(100), [(c.name, c.points) for c in checks]
    assert any(c.hidden for c in checks), "a hard-coded answer must not be able to pass"
    for check in checks:
        module, _, func = check.probe.rpartition(".")
        assert callable(getattr(importlib.import_module(f"autograder.probes.{module}"), func))
        assert check.points > 0 and check.needs, check.name
        if check.hidden:
            assert callable(check.args), f"{check.name}: hidden args are drawn from ctx.rng"
        elif callable(check.args):  # allowed for ctx.mode / ctx.mnist_path (06_mnist), not rng
            one, two = (repr(check.make_args(Context(rng=np.random.default_rng(s))))
                        for s in (1, 2))
            assert one == two, f"{check.name}: public args must not depend on the seed"


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_hidden_inputs_change_with_the_seed(aid):
    for check in checks_for(aid):
        if not check.hidden:
            continue
        a = check.make_args(Context(rng=np.random.default_rng(1)))
        b = check.make_args(Context(rng=np.random.default_rng(2)))
        assert repr(a) != repr(b), f"{check.name}: inputs do not depend on the seed"


def test_probes_import_nothing_of_the_grader():
    for path in PROBES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith(("autograder", "solutions", "authoring", "nndata")), \
                    f"{path.name} imports {name}"


# Central differences (02_backprop) divide loss rounding (~1e-17) by 2·eps = 2e-6: another BLAS or
# CPU moves them by ~1e-11. 1e-9 still flags any real change of a reference value.
RTOL, ATOL = 1e-9, 1e-9


def _close(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=RTOL, atol=ATOL,
                                                          equal_nan=True)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return np.isclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)
    return a == b


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_committed_expected_values_are_current(aid):
    """Regenerating from solutions/ gives the committed values (to RTOL: BLAS may differ)."""
    from autograder.sandbox import codec
    fresh = {k: codec.decode(v) for k, v in expected.build(aid).items()}
    stored = expected.load(aid)
    assert fresh.keys() == stored.keys(), "run: python -m autograder.expected --write"
    for name in fresh:
        assert _close(fresh[name], stored[name]), f"{aid}/{name} is stale"


@pytest.mark.parametrize("aid", ASSIGNMENT_IDS)
def test_cross_check_references_are_valid(aid):
    """`requires` names checks of the same function that run whenever this one runs (a public
    check may require only public checks); `uses` names contract functions of other checks."""
    checks = {c.name: c for c in checks_for(aid)}
    functions = {c.function for c in checks.values() if c.function}
    for check in checks.values():
        for name in check.requires:
            assert name in checks and name != check.name, (check.name, name)
            required = checks[name]
            assert required.function == check.function, (check.name, name)
            assert check.hidden or not required.hidden, (check.name, name)
        for function in check.uses + check.own:
            assert function in functions and function != check.function, (check.name, function)
        assert not set(check.uses) & set(check.own), check.name  # replaced or the student's own
