"""02_backprop checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""

import pytest

from autograder.checks import checks_for
from autograder.messages import render
from tests.checks.harness import (FixtureTable, check, message,
                                   standard_tests)

AID = "02_backprop"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

BACKWARD = {"mlp_backward_values", "mlp_backward_numerical", "mlp_backward_random"}
XOR = {"train_xor_solves", "train_xor_random_seeds"}
# broken fixture → the exact set of checks that must fail (every other check passes).
BROKEN = {
    "broken_sigmoid_naive": {"sigmoid_stable"},
    "broken_sigmoid_clipped": {"sigmoid_values", "sigmoid_stable", "sigmoid_derivative_values",
                               "activations_random"},
    "broken_sigmoid_derivative": {"sigmoid_derivative_values", "activations_random"},
    "broken_delta_no_derivative": {"delta_rule_step_values", "delta_rule_step_random"},
    "broken_delta_in_place": {"no_input_mutation"},
    "broken_init_ignores_seed": {"init_mlp_structure", "init_mlp_random"},
    # all-zero weights keep the hidden units identical: XOR is out of reach and the loss stays
    # at 0.125 (outputs 0.5) from the first epoch on
    "broken_init_zeros": {"init_mlp_structure", "init_mlp_random", "train_xor_losses"} | XOR,
    # the backward pass gets the student's own (bias-free) cache, and train_xor trains the
    # bias-free net while the probe evaluates the returned params with biases
    "broken_forward_no_bias": {"mlp_forward_values", "mlp_forward_random"} | BACKWARD | XOR,
    # summing instead of averaging only scales the step (lr * m): XOR is still learned
    "broken_backward_sum": BACKWARD,
    "broken_backward_no_b1": BACKWARD,
    "broken_train_lr_sign": {"train_xor_losses"} | XOR,
    "broken_losses_length": {"train_xor_losses"},
}
ALT = ["alt_loops", "alt_vectorized"]
COMPLETE = {"alt_loops"}  # complete submissions on their own (base=False)
# alt_loops trains XOR with Python loops (~4x slower); one seed keeps the file under a minute
ALT_SEEDS = {"alt_loops": SEEDS[:1], "alt_vectorized": SEEDS}
TABLE = FixtureTable(AID, BROKEN, ALT, complete=COMPLETE, alt_seeds=ALT_SEEDS, seeds=SEEDS, min_broken=5)
globals().update(standard_tests(TABLE))

# --- messages name the element and the reason ----------------------------------------------------

def test_backward_messages_name_key_and_reference(graded):
    result = graded["broken_backward_no_b1"]
    text = message(result, "mlp_backward_values")
    assert text.startswith("mlp_backward(X_xor, T_xor, params_a, cache)['b1']")
    assert "got 0" in text
    numeric = check(result, "mlp_backward_numerical")
    assert numeric.fields["what"].endswith("['b1'] vs numerical gradient")
    assert numeric.fields["rtol"] == 1e-06
    text = message(graded["broken_backward_sum"], "mlp_backward_numerical")
    assert "['U'] vs numerical gradient" in text


def test_other_messages_are_specific(graded):
    text = message(graded["broken_sigmoid_derivative"], "sigmoid_derivative_values")
    assert "index [2] (x = -3)" in text
    delta = message(graded["broken_delta_no_derivative"], "delta_rule_step_values")
    assert delta.startswith("delta_rule_step([0.5, -0.3], 0.1, [1, 0], 1, 0.5)[0] (w_new)")
    xor = check(graded["broken_train_lr_sign"], "train_xor_solves")
    assert xor.key == "backprop.xor_wrong"
    assert xor.fields["what"] == "train_xor(hidden=8, lr=8.0, epochs=1000, seed=0)"
    assert xor.fields["x"] in ([0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0])
    losses = check(graded["broken_train_lr_sign"], "train_xor_losses")
    assert losses.key == "backprop.loss_not_decreasing"
    assert "p <- p - lr * dp" in render(losses.key, losses.fields, "en")
    length = message(graded["broken_losses_length"], "train_xor_losses")
    assert "shape (20,), expected (200,)" in length
    seed = check(graded["broken_init_ignores_seed"], "init_mlp_structure")
    assert seed.key == "backprop.init_ignores_seed" and seed.score == pytest.approx(
        seed.max_score * 2 / 3, abs=1e-3)
    zero = message(graded["broken_init_zeros"], "init_mlp_structure")
    assert zero.startswith("init_mlp(2, 3, 1, seed=0)['U']: all values are 0")
    mutated = check(graded["broken_delta_in_place"], "no_input_mutation")
    assert (mutated.key, mutated.fields["arg"]) == ("value.input_mutated", "w")
    stable = check(graded["broken_sigmoid_naive"], "sigmoid_stable")
    assert stable.key == "perceptron.sigmoid_warning"
    assert "overflow" in render(stable.key, stable.fields, "en")


def test_numerical_gradient_in_probe_matches_reference():
    """The probe's central differences agree with the reference backward pass far inside
    FD_TOL on the hidden check's own distribution (measured: <= 4.8e-9 of the scale)."""
    import numpy as np

    from autograder.checks.base import Context
    from autograder.checks.hidden.backprop import backward_args
    from autograder.checks.public.backprop import FD_TOL
    from autograder.probes.backprop import numeric_grads
    from solutions import backprop as ref

    worst = 0.0
    for seed in range(60):
        args = backward_args(Context(rng=np.random.default_rng(seed)))
        X, T, params = args["X"], args["T"], args["params"]
        grads = ref.mlp_backward(X, T, params, ref.mlp_forward(X, params)[1])
        numeric = numeric_grads(X, T, params)
        scale = max(np.abs(v).max() for v in numeric.values())
        worst = max(worst, max(np.abs(grads[k] - numeric[k]).max() / scale for k in grads))
    assert worst < FD_TOL / 20, worst
