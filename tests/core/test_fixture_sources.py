"""Test submissions derived from the reference (tests/fixtures/nowork.py, build.complete) define
the whole contract, so fixtures written before a function was added still cover it."""
import ast

import pytest

from autograder.assignments import ASSIGNMENT_IDS, KERAS_ASSIGNMENTS
from tests.fixtures.build import base_source, complete, reference_source
from tests.fixtures.nowork import KINDS, nowork_source

NUMPY = [aid for aid in ASSIGNMENT_IDS if aid not in KERAS_ASSIGNMENTS]


def top_names(source):
    return {node.name for node in ast.parse(source).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")}


@pytest.mark.parametrize("aid", NUMPY)
@pytest.mark.parametrize("kind", KINDS)
def test_do_nothing_submission_defines_the_contract_and_runs(aid, kind):
    source = nowork_source(aid, kind)
    assert top_names(source) == top_names(reference_source(aid))
    namespace = {}
    exec(compile(source, f"<nowork {aid} {kind}>", "exec"), namespace)  # defines only
    assert base_source(aid, f"# base: nowork_{kind}\n") == source


def test_do_nothing_bodies_do_no_work():
    ns = {}
    exec(nowork_source("04_optimizers", "identity"), ns)
    import numpy as np
    opt = ns["Adam"](0.1, beta1=0.8)
    w = np.array([1.0, -2.0])
    assert opt.lr == 0.1 and opt.beta1 == 0.8 and opt.step(w, lambda v: 2 * v) is w
    ns = {}
    exec(nowork_source("03_activations", "zeros"), ns)
    assert np.array_equal(ns["relu"](np.array([1.0, -1.0])), [0.0, 0.0])
    assert ns["he_normal"](3, 2, np.random.default_rng(0)) == 0.0


def test_complete_adds_only_what_a_file_leaves_out():
    source = "import numpy as np\nrelu = lambda x: np.maximum(x, 0.0)\n"
    completed = complete("03_activations", source)
    assert completed.startswith(source)
    assert top_names(completed) | {"relu"} == top_names(reference_source("03_activations"))
    assert "def relu(" not in completed
    whole = reference_source("03_activations")
    assert complete("03_activations", whole) == whole
