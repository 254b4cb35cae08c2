"""01_perceptron checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""

import pytest

from autograder.checks import checks_for
from autograder.messages import render
from tests.checks.harness import (FixtureTable, check, message,
                                   CheckProof)

AID = "01_perceptron"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

TRAIN = {"train_perceptron_gates", "train_perceptron_random"}
# property checks that pay only next to correct values of their function (`requires`)
GATED = {"step": {"step_no_mutation"}, "sigmoid": {"sigmoid_no_mutation", "sigmoid_stable"},
         "perceptron": {"perceptron_no_mutation", "perceptron_bad_activation"},
         "train_perceptron": {"train_perceptron_no_mutation", "train_perceptron_xor"},
         "poly_features": {"poly_features_no_mutation"}}
GATE_GATED = {"gate_weights_unknown_name"}  # pays next to a right truth table only
# broken fixture → the exact set of checks that must fail (every other check passes).
# Renamed since the split (one check, one function): activations_random → step_random +
# sigmoid_random, no_input_mutation → <function>_no_mutation (gated on the function's values).
BROKEN = {
    # step is used by perceptron and by train_perceptron (their first runs fail: step(0) = 0
    # != t at w = 0 changes the first update decision); measured again with the reference step
    # in its place (autograder/isolate.py), they pass: a wrong step costs only step's checks
    "broken_step_zero": {"step_values", "step_random"} | GATED["step"],
    # two bugs: the rerun with the reference step still fails train_perceptron (its own sign)
    "broken_step_zero_and_update_sign": {"step_values", "step_random"} | GATED["step"] | TRAIN
                                        | GATED["train_perceptron"] | {"train_perceptron_xor_poly"},
    # no points for no work: the reference step does not do a stub perceptron's work
    "broken_step_zero_perceptron_stub": {"step_values", "step_random", "perceptron_values",
                                         "perceptron_random"} | GATED["step"]
                                        | GATED["perceptron"],
    "broken_sigmoid_naive": {"sigmoid_stable"},
    "broken_sigmoid_clipped": {"sigmoid_values", "sigmoid_random"} | GATED["sigmoid"],
    "broken_ignores_activation": {"perceptron_values", "perceptron_random"}
                                 | GATED["perceptron"],
    "broken_no_value_error": {"perceptron_bad_activation"},
    "broken_gate_weights": {"gate_weights_truth_table"} | GATE_GATED,
    "broken_gate_unknown_name_none": {"gate_weights_unknown_name"},
    # on bipolar XOR every epoch's updates cancel (w, b back to 0), whatever the sign of the
    # rule, so train_perceptron_xor only catches the sign through the lr=0.5 run's w
    "broken_update_sign": TRAIN | GATED["train_perceptron"] | {"train_perceptron_xor_poly"},
    # updating on every sample: on XOR and XOR-poly the per-epoch sums happen to give the
    # reference's results (sum t x = 0; w along -x1 x2), so only the gate/random runs differ
    "broken_update_always": TRAIN | GATED["train_perceptron"],
    "broken_epochs_off_by_one": TRAIN | GATED["train_perceptron"] | {"train_perceptron_xor_poly"},
    "broken_poly_order": {"poly_features_values", "poly_features_random"}
                         | GATED["poly_features"],
    "broken_mutates_input": {"poly_features_no_mutation"},
    # do-nothing submissions (issue 9 §3): every function exists, no work is done
    "broken_noop_none": ALL,
    "broken_noop_zeros": ALL,
    "broken_noop_identity": ALL,
}
NOOP = ["broken_noop_none", "broken_noop_zeros", "broken_noop_identity"]
ALT = ["alt_loops", "alt_vectorized"]
COMPLETE = {"alt_loops"}  # complete submissions on their own (base=False)
# the stub raises NotImplementedError where a ValueError is expected
TABLE = FixtureTable(AID, BROKEN, ALT, complete=COMPLETE, seeds=SEEDS, min_broken=5,
                     stub_keys={"call.error", "call.missing", "value.expected_error_other"})
class TestChecks(CheckProof):
    TABLE = TABLE

    @pytest.mark.parametrize("fixture", NOOP)
    def test_do_nothing_scores_exactly_zero(self, graded, fixture):
        assert graded[fixture].score == 0

    def test_step_zero_message_names_index_and_input(self, graded):
        result = graded["broken_step_zero"]
        c = check(result, "step_values")
        assert c.key == "value.mismatch"
        assert c.fields["index"] == "[2] (x = 0)"
        assert (c.fields["expected"], c.fields["actual"]) == ("0", "1")
        text = message(result, "step_values")
        assert "step(s)" in text and "[2] (x = 0)" in text
        assert "(x = " in check(result, "step_random").fields["index"]
        # the sample row
        assert "(x = [" in check(graded["broken_ignores_activation"], "perceptron_random").fields[
            "index"]
        # perceptron ran again with the reference step: the grade is perceptron's own idea
        assert "note.reference_helper" in [k for k, _ in check(result, "perceptron_random").fields[
            "notes"]]
        assert check(result, "perceptron_random").passed

    def test_training_messages_name_the_field(self, graded):
        text = message(graded["broken_epochs_off_by_one"], "train_perceptron_gates")
        assert text.startswith("epochs is one less than the docstring")  # the diagnosis first
        assert "train_perceptron(X_gate, t_AND)[3] (epochs)" in text
        assert "expected 2, got 1" in text
        text = message(graded["broken_update_sign"], "train_perceptron_gates")
        assert "train_perceptron(X_gate, t_AND)[0] (w)" in text

    def test_other_messages_are_specific(self, graded):
        gate = check(graded["broken_gate_weights"], "gate_weights_truth_table")
        assert gate.key == "perceptron.gate_wrong"
        assert gate.fields["gate"] == "AND" and gate.fields["x"] == [-1.0, 1.0]
        assert gate.score == pytest.approx(gate.max_score * 2 / 3, abs=1e-3)  # OR, NAND right
        text = message(graded["broken_no_value_error"], "perceptron_bad_activation")
        assert "ValueError" in text and "no exception" in text
        assert "예외가 발생하지 않았습니다" in message(graded["broken_no_value_error"],
                                              "perceptron_bad_activation", "ko")
        none = message(graded["broken_gate_unknown_name_none"], "gate_weights_unknown_name")
        assert "ValueError" in none and "gate_weights('XOR')" in none
        stub = message(graded["stub"], "perceptron_bad_activation", "ko")
        assert "NotImplementedError가 발생했습니다" in stub and "was raised" not in stub
        mutated = check(graded["broken_mutates_input"], "poly_features_no_mutation")
        assert mutated.key == "value.input_mutated"
        assert (mutated.fields["what"], mutated.fields["arg"]) == ("poly_features(X)", "X")
        stable = check(graded["broken_sigmoid_naive"], "sigmoid_stable")
        assert stable.key == "perceptron.sigmoid_warning"
        assert "overflow" in stable.fields["first"]
        assert "exp(-|s|)" in render(stable.key, stable.fields, "ko")
        wrong = message(graded["broken_ignores_activation"], "perceptron_values")
        assert "activation='sigmoid'" in wrong


def test_every_check_names_its_function():
    checks = checks_for(AID)
    assert all(c.function for c in checks)
    assert {c.function for c in checks if c.name.endswith("_no_mutation")} == set(GATED)


# --- messages name the element and the reason ----------------------------------------------------


def test_constant_factor_is_named_and_other_errors_are_not():
    import numpy as np

    from autograder.compare import constant_factor, same_array
    expected = np.array([[0.5, -1.0], [0.0, 2.0]])
    outcome = same_array(4 * expected, expected, "f(x)")
    assert outcome.fields["notes"] == [["note.constant_factor", {"factor": "4"}]]
    assert "exactly 4×" in render(outcome.key, outcome.fields, "en")
    assert "정확히 4배" in render(outcome.key, outcome.fields, "ko")
    assert constant_factor(expected + 1, expected) is None       # not a multiple
    assert constant_factor(np.zeros((2, 2)), expected) is None   # zeros are not "0×"
    assert constant_factor(expected, expected) is None            # equal
    assert constant_factor(2 * expected + [[0, 0], [1e-3, 0]], expected) is None  # zero broken
    assert "notes" not in same_array(expected + 1, expected, "f(x)").fields


def test_an_escaped_truth_value_error_gets_the_vectorize_advice():
    from autograder.grade import outcome_of_reply
    from autograder.sandbox.runner import ProbeReply
    reply = ProbeReply("error", error={"type": "ValueError", "message": "The truth value of an "
                                       "array with more than one element is ambiguous."})
    assert outcome_of_reply(reply, checks_for(AID)[0]).key == "call.not_vectorized"

    def test_a_dependent_with_its_own_bug_is_named_for_it(self, graded):
        result = graded["broken_step_zero_and_update_sign"]
        c = check(result, "train_perceptron_gates")
        assert [k for k, _ in c.fields["notes"]] == ["note.reference_helper"]  # no "fix step first"
        assert c.fields["diagnoses"]  # measured with the reference step: its own idea is named
        assert "reference implementation in place of yours" in message(result,
                                                                       "train_perceptron_gates")
        assert "정답 구현" in message(result, "train_perceptron_gates", "ko")
