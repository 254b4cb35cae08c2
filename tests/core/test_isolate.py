"""autograder/isolate.py: which reference code reaches the child, and in which order reruns go.

The whole path (sandbox child, fixtures with their scores) is proven in tests/checks
(`broken_step_zero`, `broken_step_zero_and_update_sign`, `broken_step_zero_perceptron_stub`,
`broken_stash_reference_forward` (the rerun order against a hostile child),
`broken_forward_no_bias_backward_sum`, `broken_tanh_naive_derivative_calls_it`).
"""
from dataclasses import replace

import numpy as np

from autograder import isolate
from autograder.checks import checks_for
from autograder.inprocess import InProcessSession
from autograder.results import CheckResult


def test_only_the_helpers_and_what_they_need_are_sent():
    step = isolate.reference_source("01_perceptron", ("step",))
    assert "def step(" in step and "import numpy as np" in step
    assert "def train_perceptron(" not in step and "def perceptron(" not in step
    forward = isolate.reference_source("02_backprop", ("mlp_forward",))
    assert "def sigmoid(" in forward and "def mlp_forward(" in forward  # what it calls
    assert "def mlp_backward(" not in forward and "def train_xor(" not in forward


def test_the_probe_puts_the_students_function_back():
    def student_step(s):
        return np.where(np.asarray(s) >= 0, 1.0, -1.0)

    def perceptron(X, w, b):
        return ns["step"](np.asarray(X) @ w + b)
    ns = {"step": student_step, "perceptron": perceptron}
    session = InProcessSession(ns)
    probe, args = isolate.wrap("common.observe", {"func": "perceptron",
                                                  "args": [np.zeros((1, 2)), np.ones(2), 0.0]},
                               "01_perceptron", ("step",))
    reply = session.probe(probe, args)
    assert reply.status == "ok" and reply.value["returned"].tolist() == [0.0]  # reference step
    assert ns["step"] is student_step  # the student's own again after the probe


def _result(name, score, max_score=1.0):
    return CheckResult(name=name, max_score=max_score, score=score, hidden=False, key="x",
                       fields={}, seconds=0.0)


def test_reruns_go_helpers_first_and_only_for_failed_dependents():
    checks = {c.name: c for c in checks_for("02_backprop")}
    names = ["train_xor_trajectory", "mlp_backward_values", "mlp_forward_values",
             "sigmoid_values", "init_mlp_structure", "delta_rule_step_values"]
    picked = [checks[n] for n in names]
    failed = {"train_xor_trajectory", "mlp_backward_values", "mlp_forward_values",
              "sigmoid_values"}
    results = [_result(c.name, 0.0 if c.name in failed else c.points, c.points) for c in picked]
    order = []

    def rerun(check, substitute):
        order.append((check.name, substitute))
        return replace(results[names.index(check.name)], score=check.points, key="passed")
    out = isolate.rerun_dependents(picked, results, "02_backprop", rerun)
    # mlp_forward (uses sigmoid) before mlp_backward (uses mlp_forward) before train_xor: a
    # reference handed out in a rerun can never serve a later rerun of its own function
    assert order == [("mlp_forward_values", ("sigmoid",)),
                     ("mlp_backward_values", ("mlp_forward",)),
                     ("train_xor_trajectory", ("mlp_backward", "mlp_forward"))]
    assert out[names.index("sigmoid_values")].score == 0.0  # a helper's own check: never rerun
    rerun_notes = out[names.index("train_xor_trajectory")].fields["notes"]
    assert rerun_notes == [["note.reference_helper", {"functions": "`mlp_backward`, `mlp_forward`"}]]


def test_a_worse_rerun_keeps_the_first_result():
    check = next(c for c in checks_for("01_perceptron") if c.name == "perceptron_values")
    step = next(c for c in checks_for("01_perceptron") if c.name == "step_values")
    results = [_result("step_values", 0.0, step.points), _result("perceptron_values", 3.0, 6.0)]
    out = isolate.rerun_dependents([step, check], results, "01_perceptron",
                                   lambda c, s: _result(c.name, 1.0, 6.0))
    assert out == results


def test_own_helpers_are_never_replaced():
    fd = next(c for c in checks_for("03_activations") if c.name == "prelu_gradients_fd")
    assert fd.own == ("prelu",) and fd.uses == ()


def test_a_rerun_that_measured_nothing_keeps_the_first_message_on_a_tie():
    check = next(c for c in checks_for("01_perceptron") if c.name == "perceptron_values")
    step = next(c for c in checks_for("01_perceptron") if c.name == "step_values")
    results = [_result("step_values", 0.0, step.points), _result("perceptron_values", 0.0, 6.0)]
    out = isolate.rerun_dependents([step, check], results, "01_perceptron",
                                   lambda c, s: replace(_result(c.name, 0.0, 6.0),
                                                        key="call.timeout"))
    assert out == results


def test_a_rerun_that_still_fails_shows_only_the_first_runs_message():
    """The child held the reference's source during the rerun: what a failing rerun replied (its
    values, its exception text) could carry that source, so only its score reaches the result."""
    check = next(c for c in checks_for("01_perceptron") if c.name == "perceptron_values")
    step = next(c for c in checks_for("01_perceptron") if c.name == "step_values")
    first = replace(_result("perceptron_values", 1.0, 6.0), key="values.mismatch",
                    fields={"got": "1.0"})
    results = [_result("step_values", 0.0, step.points), first]
    leaked = replace(_result("perceptron_values", 3.0, 6.0), key="call.error",
                     fields={"type": "ValueError: def step(s): return np.sign(s)"})
    out = isolate.rerun_dependents([step, check], results, "01_perceptron", lambda c, s: leaked)
    got = out[1]
    assert got.score == 3.0 and got.key == "values.mismatch"
    assert got.fields["got"] == "1.0" and "def step" not in repr(got.fields)
    assert got.fields["notes"] == [["note.reference_helper_own_run", {"functions": "`step`"}]]
