"""01_perceptron checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""

import pytest

from autograder.checks import checks_for
from autograder.messages import render
from tests.checks.harness import (FixtureTable, check, message,
                                   standard_tests)

AID = "01_perceptron"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

TRAIN = {"train_perceptron_gates", "train_perceptron_random"}
# broken fixture → the exact set of checks that must fail (every other check passes).
BROKEN = {
    # step is used by perceptron and by train_perceptron: the first update decision
    # (step(0) = 0 != t at w = 0) changes, so trajectories change too
    "broken_step_zero": {"step_values", "activations_random", "perceptron_values",
                         "perceptron_random"} | TRAIN,
    "broken_sigmoid_naive": {"sigmoid_stable"},
    "broken_sigmoid_clipped": {"sigmoid_values", "sigmoid_stable", "activations_random"},
    "broken_ignores_activation": {"perceptron_values", "perceptron_bad_activation",
                                  "perceptron_random"},
    "broken_no_value_error": {"perceptron_bad_activation"},
    "broken_gate_weights": {"gate_weights_truth_table"},
    # on bipolar XOR every epoch's updates cancel (w, b back to 0), whatever the sign of the
    # rule, so train_perceptron_xor only catches the sign through the lr=0.5 run's w
    "broken_update_sign": TRAIN | {"train_perceptron_xor", "train_perceptron_xor_poly"},
    # updating on every sample: on XOR and XOR-poly the per-epoch sums happen to give the
    # reference's results (sum t x = 0; w along -x1 x2), so only the gate/random runs differ
    "broken_update_always": TRAIN,
    "broken_epochs_off_by_one": TRAIN | {"train_perceptron_xor_poly"},
    "broken_poly_order": {"poly_features_values", "poly_features_random"},
    "broken_mutates_input": {"no_input_mutation"},
}
ALT = ["alt_loops", "alt_vectorized"]
COMPLETE = {"alt_loops"}  # complete submissions on their own (base=False)
# the stub raises NotImplementedError where a ValueError is expected
TABLE = FixtureTable(AID, BROKEN, ALT, complete=COMPLETE, seeds=SEEDS, min_broken=5,
                     stub_keys={"call.error", "call.missing", "value.expected_error"})
globals().update(standard_tests(TABLE))

# --- messages name the element and the reason ----------------------------------------------------

def test_step_zero_message_names_index_and_input(graded):
    result = graded["broken_step_zero"]
    c = check(result, "step_values")
    assert c.key == "value.mismatch"
    assert c.fields["index"] == "[2] (x = 0)"
    assert (c.fields["expected"], c.fields["actual"]) == ("0", "1")
    text = message(result, "step_values")
    assert "step(s)" in text and "[2] (x = 0)" in text
    assert "(x = " in check(result, "activations_random").fields["index"]


def test_training_messages_name_the_field(graded):
    text = message(graded["broken_epochs_off_by_one"], "train_perceptron_gates")
    assert text.startswith("train_perceptron(X_gate, t_AND)[3] (epochs)")
    assert "expected 2, got 1" in text
    text = message(graded["broken_update_sign"], "train_perceptron_gates")
    assert text.startswith("train_perceptron(X_gate, t_AND)[0] (w)")


def test_other_messages_are_specific(graded):
    gate = check(graded["broken_gate_weights"], "gate_weights_truth_table")
    assert gate.key == "perceptron.gate_wrong"
    assert gate.fields["gate"] == "AND" and gate.fields["x"] == [-1.0, 1.0]
    assert gate.score == pytest.approx(gate.max_score * 2 / 3, abs=1e-3)  # OR, NAND right
    text = message(graded["broken_no_value_error"], "perceptron_bad_activation")
    assert "ValueError" in text and "no exception" in text
    mutated = check(graded["broken_mutates_input"], "no_input_mutation")
    assert mutated.key == "value.input_mutated"
    assert (mutated.fields["what"], mutated.fields["arg"]) == ("poly_features(X)", "X")
    stable = check(graded["broken_sigmoid_naive"], "sigmoid_stable")
    assert stable.key == "perceptron.sigmoid_warning"
    assert "overflow" in stable.fields["first"]
    assert "exp(-|s|)" in render(stable.key, stable.fields, "ko")
    wrong = message(graded["broken_ignores_activation"], "perceptron_values")
    assert "activation='sigmoid'" in wrong
