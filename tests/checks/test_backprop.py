"""02_backprop checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""

import numpy as np
import pytest

from autograder.checks import checks_for
from autograder.messages import render
from tests.checks.harness import (FixtureTable, check, message,
                                   CheckProof)

AID = "02_backprop"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

BACKWARD = {"mlp_backward_values", "mlp_backward_numerical", "mlp_backward_random",
            "mlp_backward_no_mutation"}
XOR = {"train_xor_trajectory", "train_xor_random"}
# broken fixture → the exact set of checks that must fail (every other check passes).
# Renamed since the split: activations_random → sigmoid_random + sigmoid_derivative_random,
# no_input_mutation → <function>_no_mutation (gated on the function's values), train_xor_solves
# + train_xor_losses + train_xor_random_seeds → train_xor_trajectory + train_xor_random (the
# documented procedure replayed from the student's own init_mlp).
BROKEN = {
    "broken_sigmoid_naive": {"sigmoid_stable"},
    # sigmoid_derivative uses sigmoid (phi' = phi (1 - phi)): its first run fails, the rerun
    # with the reference sigmoid in its place passes (autograder/isolate.py)
    "broken_sigmoid_clipped": {"sigmoid_values", "sigmoid_stable", "sigmoid_random",
                               "sigmoid_no_mutation"},
    "broken_sigmoid_derivative": {"sigmoid_derivative_values", "sigmoid_derivative_random",
                                  "sigmoid_derivative_no_mutation"},
    "broken_delta_no_derivative": {"delta_rule_step_values", "delta_rule_step_random",
                                   "delta_rule_step_no_mutation"},
    "broken_delta_in_place": {"delta_rule_step_no_mutation"},
    "broken_init_ignores_seed": {"init_mlp_structure", "init_mlp_random", "init_mlp_draws"},
    # zero weights: only init_mlp's own checks; train_xor follows the documented procedure from
    # that init, so it is not punished twice
    "broken_init_zeros": {"init_mlp_structure", "init_mlp_random", "init_mlp_draws"},
    "broken_init_constant": {"init_mlp_structure", "init_mlp_random", "init_mlp_draws"},
    # the backward pass first gets the student's own (bias-free) cache and train_xor trains the
    # bias-free net; both run again with the reference mlp_forward in its place and pass
    "broken_forward_no_bias": {"mlp_forward_values", "mlp_forward_random",
                               "mlp_forward_no_mutation"},
    # train_xor runs again with the reference mlp_backward: only backward's checks fail
    "broken_backward_sum": BACKWARD,
    "broken_backward_no_b1": BACKWARD,
    # right gradients; the output error formed in place in the student's own cache
    "broken_backward_cache_in_place": {"mlp_backward_no_mutation"},
    # two bugs: the rerun with the reference mlp_forward still fails mlp_backward (its own 1/m);
    # train_xor, measured with both references, passes
    "broken_forward_no_bias_backward_sum": {"mlp_forward_values", "mlp_forward_random",
                                            "mlp_forward_no_mutation"} | BACKWARD,
    # NumPy shape errors inside the student's function get their explaining sentence
    "broken_train_targets_flat": XOR,
    # ... also when the helper raises: train_xor reruns with the reference mlp_backward
    "broken_backward_elementwise_not_matmul": BACKWARD,
    # hostile: mlp_backward keeps the reference mlp_forward a rerun hands it, mlp_forward then
    # delegates to it; reruns go helpers first, so mlp_forward's checks (hidden ones included)
    # were all rerun before and the stash earns nothing (without the order: +5, measured)
    "broken_stash_reference_forward": {"sigmoid_values", "sigmoid_stable", "sigmoid_random",
                                       "mlp_forward_values", "mlp_forward_random"},
    "broken_train_lr_sign": XOR,
    "broken_losses_length": XOR,
    # procedures, not only outcomes (issue 9 §4): each learns XOR or fakes it convincingly
    "broken_train_hardcoded": XOR,
    "broken_train_loss_after": XOR,
    "broken_train_per_sample": XOR,
    "broken_train_own_init": XOR,
    # do-nothing submissions (issue 9 §3)
    "broken_noop_none": ALL,
    "broken_noop_zeros": ALL,
    "broken_noop_identity": ALL,
}
NOOP = ["broken_noop_none", "broken_noop_zeros", "broken_noop_identity"]
ALT = ["alt_loops", "alt_vectorized"]
COMPLETE = {"alt_loops"}  # complete submissions on their own (base=False)
TABLE = FixtureTable(AID, BROKEN, ALT, complete=COMPLETE, seeds=SEEDS, min_broken=5)
class TestChecks(CheckProof):
    TABLE = TABLE

    @pytest.mark.parametrize("fixture", NOOP)
    def test_do_nothing_scores_exactly_zero(self, graded, fixture):
        assert graded[fixture].score == 0

    def test_backward_messages_name_key_reference_and_factor(self, graded):
        result = graded["broken_backward_no_b1"]
        text = message(result, "mlp_backward_values")
        assert "mlp_backward(X_xor, T_xor, params_a, cache)['b1']" in text
        assert text.startswith("the hidden bias gradient db1 is left at zero")  # diagnosis first
        assert "got 0" in text
        numeric = check(result, "mlp_backward_numerical")
        assert numeric.fields["what"].endswith("['b1'] vs numerical gradient")
        assert numeric.fields["rtol"] == 1e-08
        summed = graded["broken_backward_sum"]
        text = message(summed, "mlp_backward_values")
        assert "summed over the samples, not averaged" in text  # the diagnosis replaces the
        assert "exactly 4×" not in text  # generic constant-factor note (m = 4 samples)
        assert "m으로 나누지 않았습니다" in message(summed, "mlp_backward_numerical", "ko")
        assert "note:" in message(summed, "train_xor_trajectory")  # uses mlp_backward

    def test_other_messages_are_specific(self, graded):
        text = message(graded["broken_sigmoid_derivative"], "sigmoid_derivative_values")
        assert "index [2] (x = -3)" in text
        assert "(x = " in check(graded["broken_sigmoid_derivative"],
                                "sigmoid_derivative_random").fields["index"]
        delta = message(graded["broken_delta_no_derivative"], "delta_rule_step_values")
        assert delta.startswith("δ = y − t leaves out the activation's derivative")  # diagnosis
        assert "delta_rule_step([0.5, -0.3], 0.1, [1, 0], 1, 0.5)[0] (w_new)" in delta
        lr = check(graded["broken_train_lr_sign"], "train_xor_trajectory")
        assert lr.key == "backprop.trajectory" and lr.fields["epoch"] == 1
        assert "p <- p - lr * dp" in render(lr.key, lr.fields, "en")
        assert check(graded["broken_train_loss_after"],
                     "train_xor_trajectory").key == "backprop.loss_after_update"
        assert check(graded["broken_noop_zeros"], "train_xor_trajectory").key in {
            "backprop.no_training", "backprop.init_zero", "backprop.trajectory"}
        length = message(graded["broken_losses_length"], "train_xor_trajectory")
        assert "shape (20,), expected (200,)" in length
        seed = check(graded["broken_init_ignores_seed"], "init_mlp_structure")
        assert seed.key == "backprop.init_ignores_seed" and seed.score == pytest.approx(
            seed.max_score * 2 / 3, abs=1e-3)
        constant = message(graded["broken_init_constant"], "init_mlp_structure")
        assert "every weight of U and W is 0.5" in constant
        zero = message(graded["broken_init_zeros"], "init_mlp_structure")
        assert "init_mlp(2, 3, 1, seed=0)['U']: all values are 0" in zero
        mutated = check(graded["broken_delta_in_place"], "delta_rule_step_no_mutation")
        assert (mutated.key, mutated.fields["arg"]) == ("value.input_mutated", "w")
        stable = check(graded["broken_sigmoid_naive"], "sigmoid_stable")
        assert stable.key == "perceptron.sigmoid_warning"
        assert "overflow" in render(stable.key, stable.fields, "en")


# --- messages name the element and the reason ----------------------------------------------------


def test_complex_step_gradient_matches_reference_within_fd_tol():
    """The parent's complex-step derivatives agree with the reference backward pass far inside
    FD_TOL on the hidden check's own distribution (measured: <= 4.2e-15 of the scale over 3000
    draws; 300 here)."""
    from autograder.checks.base import Context
    from autograder.checks.hidden.backprop import backward_args
    from autograder.checks.public.backprop import FD_TOL
    from autograder.checks.public.backprop_training import complex_step_gradient
    from solutions import backprop as ref

    worst = 0.0
    for seed in range(300):
        args = backward_args(Context(rng=np.random.default_rng(seed)))
        X, T, params = args["X"], args["T"], args["params"]
        grads = ref.mlp_backward(X, T, params, ref.mlp_forward(X, params)[1])
        _, numeric = complex_step_gradient(params, X, T)
        scale = max(np.abs(v).max() for v in numeric.values())
        worst = max(worst, max(np.abs(grads[k] - numeric[k]).max() / scale for k in grads))
    assert worst < 1e-14 < FD_TOL / 1e5, worst


@pytest.mark.parametrize("seed", range(8))
def test_replays_match_the_reference_train_xor_inside_the_tolerances(seed):
    """Complex-step and reference-gradient replays from the reference init reproduce the
    reference train_xor over the hidden check's drawn settings, far inside both tiers."""
    from autograder.checks.base import Context
    from autograder.checks.hidden.backprop import reference_gradient, xor_args
    from autograder.checks.public import backprop_training as bt
    from solutions import backprop as ref

    settings = xor_args(Context(rng=np.random.default_rng(seed)))["calls"][1]["kwargs"]
    assert bt.LR_RANGE[0] <= settings["lr"] <= bt.LR_RANGE[1]
    assert bt.EPOCHS_RANGE[0] <= settings["epochs"] <= bt.EPOCHS_RANGE[1]
    params, losses = ref.train_xor(**settings)
    init = ref.init_mlp(2, settings["hidden"], 1, settings["seed"])
    for gradient in (bt.complex_step_gradient, reference_gradient):
        got_params, got = bt.replay(init, settings["lr"], settings["epochs"], gradient)
        assert np.max(np.abs(got - losses) / losses) < bt.TRAJ_RTOL / 1e4
        for k in params:
            assert np.max(np.abs(got_params[k] - params[k])) < bt.TRAJ_RTOL / 1e4


def test_every_check_names_its_function():
    assert all(c.function for c in checks_for(AID))


@pytest.mark.parametrize("seed", range(6))
def test_a_loop_based_implementation_stays_far_inside_the_trajectory_tolerance(seed):
    """The measured margin, re-measured on a few hidden draws: the loop-based alternative
    (math.exp, per-sample accumulation, N(0, 1) init) replayed from its own init."""
    from pathlib import Path

    from autograder.checks.base import Context
    from autograder.checks.hidden.backprop import reference_gradient, xor_args
    from autograder.checks.public import backprop_training as bt
    from tests.fixtures.build import fixture_path

    ns = {}
    exec(compile(Path(fixture_path(AID, "alt_loops")).read_text(), "alt_loops", "exec"), ns)
    settings = xor_args(Context(rng=np.random.default_rng(100 + seed)))["calls"][1]["kwargs"]
    params, losses = ns["train_xor"](**settings)
    init = ns["init_mlp"](2, settings["hidden"], 1, settings["seed"])
    want_params, want = bt.replay(init, settings["lr"], settings["epochs"], reference_gradient)
    assert np.max(np.abs(losses - want) / want) < bt.TRAJ_RTOL / 1e4
    for k in want_params:
        assert np.max(np.abs(params[k] - want_params[k])) < bt.TRAJ_RTOL / 1e4

    def test_numpy_shape_errors_are_explained(self, graded):
        flat = check(graded["broken_train_targets_flat"], "train_xor_trajectory")
        assert flat.key == "call.shape_mismatch_matmul"  # no arrays passed: no inputs clause
        text = message(graded["broken_train_targets_flat"], "train_xor_trajectory")
        assert "matrix product" in text and "targets (m, 1), not (m,)" in text
        result = graded["broken_backward_elementwise_not_matmul"]
        c = check(result, "mlp_backward_numerical")
        assert c.key == "call.shape_mismatch_broadcast_inputs"
        assert c.fields["inputs"].startswith("X_multi (3, 3), T_multi (3, 2), params_b['U'] (3, 4)")
        assert check(result, "train_xor_trajectory").passed
        assert "elementwise operation" in message(result, "mlp_backward_numerical")
        ko = message(result, "mlp_backward_numerical", "ko")
        assert "브로드캐스팅" in ko and "채점기가 넘긴 배열: X_multi (3, 3)" in ko
