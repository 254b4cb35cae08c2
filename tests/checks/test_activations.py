"""03_activations checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""

import numpy as np
import pytest

from autograder.checks import checks_for
from tests.checks.harness import FixtureTable, check, describe, CheckProof

AID = "03_activations"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

# broken fixture → the checks that must fail (every other check passes); checks gated on them
# (`requires`: no mutation, finite differences, shapes) are added by the harness.
BROKEN = {
    "broken_relu_np_max": {"relu_values", "hidden_relu"},
    "broken_relu_derivative_at_zero": {"relu_derivative_values", "hidden_relu_derivative"},
    # inputs_not_modified was split into one <function>_no_mutation check per function
    "broken_relu_inplace": {"relu_no_mutation"},
    "broken_relu_inplace_hides": {"relu_no_mutation"},
    # do-nothing submissions (None / zeros of the right shape / the input itself): exactly 0
    "broken_nowork_none": ALL,
    "broken_nowork_zeros": ALL,
    "broken_nowork_identity": ALL,
    "broken_leaky_derivative_zero": {"leaky_relu_derivative_values",
                                     "hidden_leaky_relu_derivative"},
    "broken_leaky_ignores_a": {"leaky_relu_values", "leaky_relu_derivative_values",
                               "hidden_leaky_relu", "hidden_leaky_relu_derivative"},
    # prelu_gradients is the reference here; the finite differences of the broken prelu
    # disagree with it, so the gradient check flags the forward/backward mismatch too
    "broken_prelu_forgot_x": {"prelu_values", "hidden_prelu", "hidden_prelu_learned_above_one",
                              "prelu_gradients_fd"},
    # right for every alpha <= 1 (the public cases): only the learned alpha > 1 catches it
    "broken_prelu_max_form": {"hidden_prelu_learned_above_one"},
    "broken_prelu_dalpha_all": {"prelu_gradients_values", "prelu_gradients_fd",
                                "hidden_prelu_gradients"},
    # x * (x >= 0) + alpha * (exp(x) - 1) * (x < 0): inf * 0 = nan at x = 1000. The plain
    # np.where(x >= 0, x, alpha * (np.exp(x) - 1)) only warns and is correct (alt_where).
    "broken_elu_mask_overflow": {"elu_values", "hidden_elu"},
    "broken_elu_derivative_at_zero": {"elu_derivative_values", "hidden_elu_derivative"},
    "broken_tanh_naive": {"tanh_values", "hidden_tanh"},
    # tanh_derivative = 1 - tanh(x)^2 through the broken tanh (nan): measured again with the
    # reference tanh in its place, it passes (autograder/isolate.py)
    "broken_tanh_naive_derivative_calls_it": {"tanh_values", "hidden_tanh"},
    "broken_tanh_derivative_x2": {"tanh_derivative_values", "hidden_tanh_derivative"},
    "broken_he_normal_std": {"he_normal_stats", "hidden_he_normal"},
    "broken_he_normal_transposed": {"he_normal_shape", "hidden_he_normal"},
    "broken_he_normal_global": {"he_normal_rng"},
    "broken_he_normal_uniform": {"he_normal_gaussian", "hidden_he_normal"},
}
ALT = ["alt_loops", "alt_where"]
NOWORK = ["broken_nowork_none", "broken_nowork_zeros", "broken_nowork_identity"]
TABLE = FixtureTable(AID, BROKEN, ALT, seeds=SEEDS, min_broken=6)
class TestChecks(CheckProof):
    TABLE = TABLE

    @pytest.mark.parametrize("fixture", NOWORK)
    def test_no_work_scores_exactly_zero(self, graded, fixture):
        result = graded[fixture]
        assert result.score == 0, describe(result)

    def test_hidden_messages_show_x_at_the_first_wrong_element(self, graded):
        for fixture, name in [("broken_relu_derivative_at_zero", "hidden_relu_derivative"),
                              ("broken_leaky_ignores_a", "hidden_leaky_relu"),
                              ("broken_prelu_forgot_x", "hidden_prelu"),
                              ("broken_elu_derivative_at_zero", "hidden_elu_derivative")]:
            c = check(graded[fixture], name)
            assert c.key == "value.mismatch" and "(x = " in c.fields["index"], (fixture, c.fields)

    def test_scalar_only_code_gets_the_vectorize_message(self, graded):
        # the generated stub raises NotImplementedError; a scalar-only relu raises the truth-value
        # ValueError, which the corpus covers (tests/corpus/03_activations/scalar_only.py); here the
        # parent-side reading is checked directly on a record
        from autograder.checks.public.activations import CHECKS as PUBLIC
        values = next(c for c in PUBLIC if c.name == "relu_values")
        raised = {"types": ["ValueError", "Exception"], "message": "The truth value of an array with "
                  "more than one element is ambiguous. Use a.any() or a.all()"}
        raw = [{"returned": None, "raised": raised, "after": case["args"], "kwargs_after": {}}
               for case in values.args["cases"]]
        from autograder import expected as store
        outcome = values.compare(raw, store.load(AID)["relu_values"])
        assert outcome.key == "call.not_vectorized" and outcome.fraction == 0

    def test_fd_check_names_prelu_when_the_forward_pass_is_what_failed(self, graded):
        c = check(graded["broken_prelu_forgot_x"], "prelu_gradients_fd")
        assert c.key == "activations.fd_mismatch"
        assert c.fields["notes"] == [["note.dependency", {"functions": "`prelu`"}]]


def test_normal_with_scale_draws_the_reference_stream():
    """rng.normal(0, std, size) == rng.standard_normal(size) * std, bit for bit (numpy's
    Generator scales the same standard normals); other orders (e.g. a transposed draw) differ,
    which is why the he_normal checks are statistical."""
    fan_in, fan_out = 300, 40
    std = np.sqrt(2.0 / fan_in)
    ref = np.random.default_rng(5).standard_normal((fan_in, fan_out)) * std
    assert np.array_equal(np.random.default_rng(5).normal(0.0, std, (fan_in, fan_out)), ref)
    assert not np.array_equal(
        np.random.default_rng(5).standard_normal((fan_out, fan_in)).T * std, ref)


def test_constant_factor_is_named():
    from autograder.compare import constant_factor, same_array
    e = np.array([[0.5, -1.0], [0.0, 2.0]])
    assert constant_factor(4 * e, e) == 4.0 and constant_factor(-e, e) == -1.0
    assert constant_factor(e + 1, e) is None and constant_factor(0 * e, e) is None
    assert constant_factor(e, e) is None
    outcome = same_array(2 * e, e, "tanh_derivative(x)")
    assert outcome.fields["notes"] == [["note.constant_factor", {"factor": "2"}]]


GARBAGE = [None, 0, "x", [], {}, [None], [{}], {"returned": None}, [[1, 2]], {"a": 1}]


def test_every_compare_turns_hostile_replies_into_a_zero():
    """The child is hostile: whatever it sends, each compare returns a failed Outcome."""
    from autograder.compare import Outcome
    for c in checks_for(AID):
        for raw in GARBAGE:
            expected = None
            if c.expected == "reference" and not c.hidden:
                from autograder import expected as store
                expected = store.load(AID)[c.name]
            if c.hidden:
                continue  # their expected value is the reference's record: see the harness runs
            outcome = c.compare(raw, expected)
            assert isinstance(outcome, Outcome) and outcome.fraction == 0, (c.name, raw)
