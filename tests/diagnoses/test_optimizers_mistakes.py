"""04_optimizers' mistake fixtures (tests/fixtures/submissions/04_optimizers/mistake_*.py): each
fails exactly the checks stated here, scores what the registry's points make of that, and is
named by its catalog entry on every failing check that names anything (seed 11, in-process:
tests/diagnoses/inprocess.py; the broken_ fixtures are proven through the sandbox in
tests/checks/test_optimizers.py and their diagnoses there too, tests/diagnoses/named.py).

The proportion the table shows: a slip costs its own checks. float32 arithmetic with right
formulas loses only the float64 checks (3.5 of 100; 2.3 of 100 were left before the value checks
judged the rule at VALUE_TOL); a hard-coded ε loses the checks that vary ε and its class's
float64 check; a formula mistake loses its class.
"""
import pytest

from autograder.checks import checks_for
from tests.checks.corpus import Fails
from tests.checks.test_corpus_optimizers import each
from tests.checks.test_optimizers import FLOAT64
from tests.diagnoses.inprocess import grade_fixture
from tests.diagnoses.slow_proofs import with_slow_marks
from tests.fixtures.build import fixtures

AID = "04_optimizers"
VALUES = ("path", "state", "hidden", "warm", "hidden_warm")  # a wrong rule (+ gated checks)
# Adam's t stays right in these mistakes: a third of adam_state, a sixth of the checks that
# also compare the path (t is one of the three states)
ADAM_T_PAYS = {"adam_state": 1 / 3, "adam_warm_start": 1 / 6, "hidden_adam": 1 / 6,
               "hidden_warm_start_adam": 1 / 6}

MISTAKES = {  # fixture → (checks it fails (gated ones follow from the registry), its entry)
    "mistake_adagrad_eps_hardcoded": (Fails(each("AdaGrad", "eps", "hidden_eps", "float64")),
                                      "adagrad_eps_hardcoded"),
    "mistake_adagrad_eps_outside_sqrt": (Fails(each("AdaGrad", "eps", "hidden_eps")),
                                         "adagrad_eps_outside_sqrt"),
    "mistake_adagrad_no_sqrt": (Fails(each("AdaGrad", *VALUES, "eps", "hidden_eps")),
                                "adagrad_no_sqrt"),
    # s << eps in the eps checks' first step: the order is invisible there (public); hidden eps
    # checks draw eps down to 1e-9, where it shows
    "mistake_adagrad_step_before_accumulate": (Fails(each("AdaGrad", *VALUES, "hidden_eps")),
                                               "adagrad_step_before_accumulate"),
    "mistake_adam_betas_swapped": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                         paid=ADAM_T_PAYS), "adam_betas_swapped"),
    "mistake_adam_eps_hardcoded": (Fails(each("Adam", "hidden_eps", "float64")),
                                   "adam_eps_hardcoded"),
    "mistake_adam_eps_inside_sqrt": (Fails(each("Adam", "eps", "hidden_eps")),
                                     "adam_eps_inside_sqrt"),
    "mistake_adam_hat_stored": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                      paid=ADAM_T_PAYS), "adam_hat_stored"),
    "mistake_float32_arithmetic": (Fails(FLOAT64), "float32_arithmetic"),
    "mistake_numpy_removed_alias": (Fails({"minimize_path", "hidden_minimize"}),
                                    "numpy_removed_alias"),
    "mistake_minimize_restarts_from_w0": (Fails({"minimize_path", "hidden_minimize"}),
                                          "minimize_restarts_from_w0"),
    "mistake_minimize_steps_off_by_one": (Fails({"minimize_path", "hidden_minimize"}),
                                          "minimize_steps_off_by_one"),
    "mistake_momentum_ema_form": (Fails(each("Momentum", *VALUES)), "momentum_ema_form"),
    "mistake_momentum_grad_at_m": (Fails(each("Momentum", *VALUES)), "momentum_grad_at_m"),
    # the path is right, m negated: the checks reading m (hidden_momentum: its path half pays)
    "mistake_momentum_velocity_negated": (Fails(each("Momentum", "state", "hidden", "warm",
                                                     "hidden_warm", "float64"),
                                                paid={"hidden_momentum": 1 / 2}),
                                          "momentum_velocity_negated"),
    "mistake_nesterov_lecture_typo": (Fails(each("Nesterov", *VALUES)), "nesterov_lecture_typo"),
    "mistake_nesterov_lookahead_minus": (Fails(each("Nesterov", *VALUES)),
                                         "nesterov_lookahead_minus"),
    "mistake_rmsprop_eps_hardcoded": (Fails(each("RMSProp", "hidden_eps", "float64")),
                                      "rmsprop_eps_hardcoded"),
    # seed 11 draws rho where the swapped weights still move the eps check's tiny s within
    # VALUE_TOL (seed 12 fails hidden_eps_rmsprop too)
    "mistake_rmsprop_rho_swapped": (Fails(each("RMSProp", *VALUES)), "rmsprop_rho_swapped"),
    "mistake_rmsprop_step_before_update": (Fails(each("RMSProp", *VALUES)),
                                           "rmsprop_step_before_update"),
    # w written in place, right values: only the no-mutation check
    "mistake_sgd_no_lr": (Fails(each("SGD", "path", "hidden")), "sgd_no_lr"),
    "mistake_momentum_state_not_carried": (Fails(each("Momentum", *VALUES)),
                                           "momentum_state_not_carried"),
    "mistake_nesterov_state_not_carried": (Fails(each("Nesterov", *VALUES)),
                                           "nesterov_state_not_carried"),
    "mistake_adagrad_square_typo": (Fails(each("AdaGrad", *VALUES, "eps", "hidden_eps")),
                                    "adagrad_square_typo"),
    "mistake_rmsprop_square_typo": (Fails(each("RMSProp", *VALUES, "eps", "hidden_eps")),
                                    "rmsprop_square_typo"),
    "mistake_adam_square_typo": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                       paid=ADAM_T_PAYS), "adam_square_typo"),
    "mistake_adam_corrections_swapped": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                               paid=ADAM_T_PAYS), "adam_corrections_swapped"),
    **{f"mistake_{c.lower()}_updates_w_in_place": (Fails(each(c, "no_mutation")),
                                                   f"{c.lower()}_updates_w_in_place")
       for c in ("SGD", "Momentum", "Nesterov")},
    # another library's constructor defaults: only the defaults check
    **{f"mistake_{c.lower()}_library_defaults": (Fails(each(c, "defaults")),
                                                 f"{c.lower()}_library_defaults")
       for c in ("Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam")},
    # PyTorch's velocity: the path is right, m = -m_ref / lr (hidden_momentum: its path half pays)
    "mistake_momentum_pytorch_velocity": (Fails(each("Momentum", "state", "hidden", "warm",
                                                     "hidden_warm", "float64"),
                                                paid={"hidden_momentum": 1 / 2}),
                                          "momentum_pytorch_velocity"),
    "mistake_momentum_lr_applied_twice": (Fails(each("Momentum", *VALUES)),
                                          "momentum_lr_applied_twice"),
    "mistake_momentum_no_beta": (Fails(each("Momentum", *VALUES)), "momentum_no_beta"),
    "mistake_momentum_step_with_old_m": (Fails(each("Momentum", *VALUES)),
                                         "momentum_step_with_old_m"),
    # cs231n's form keeps the reference's m: the state checks pay (hidden_nesterov: its third)
    "mistake_nesterov_reparametrised": (Fails(each("Nesterov", "path", "hidden", "warm",
                                                   "hidden_warm"),
                                              paid={"hidden_nesterov": 1 / 3}),
                                        "nesterov_reparametrised"),
    "mistake_nesterov_lookahead_no_beta": (Fails(each("Nesterov", *VALUES)),
                                           "nesterov_lookahead_no_beta"),
    "mistake_adagrad_eps_added_to_w": (Fails(each("AdaGrad", "eps", "hidden_eps")),
                                       "adagrad_eps_added_to_w"),
    "mistake_rmsprop_eps_added_to_w": (Fails(each("RMSProp", "eps", "hidden_eps")),
                                       "rmsprop_eps_added_to_w"),
    "mistake_adam_eps_added_to_w": (Fails(each("Adam", "eps", "hidden_eps")),
                                    "adam_eps_added_to_w"),
    "mistake_adam_efficient_form": (Fails(each("Adam", "eps", "hidden_eps")),
                                    "adam_efficient_form"),
    # seed 11: the eps check's tiny s is too small for the missing decay to show (as rho_swapped)
    "mistake_rmsprop_accumulates_like_adagrad": (Fails(each("RMSProp", *VALUES, "hidden_eps")),
                                                 "rmsprop_accumulates_like_adagrad"),
    "mistake_rmsprop_no_sqrt": (Fails(each("RMSProp", *VALUES, "eps", "hidden_eps")),
                                "rmsprop_no_sqrt"),
    # Deep Learning from Scratch's forms (autograder/diagnoses/optimizers_textbooks.py): a
    # number for ε costs the checks that vary ε and the float64 check, as a hard-coded ε does
    **{f"mistake_{c.lower()}_textbook_eps_outside_sqrt": (
        Fails(each(c, "eps", "hidden_eps", "float64")), f"{c.lower()}_textbook_eps_outside_sqrt")
       for c in ("AdaGrad", "RMSProp")},
    "mistake_adam_textbook_scratch_form": (Fails(each("Adam", "eps", "hidden_eps", "float64")),
                                           "adam_textbook_scratch_form"),
    "mistake_nesterov_textbook_scratch_form": (Fails(each("Nesterov", *VALUES)),
                                               "nesterov_textbook_scratch_form"),
    # Keras' accumulator start 0.1: the warm starts set s themselves and pay
    "mistake_adagrad_keras_initial_accumulator": (
        Fails(each("AdaGrad", "path", "state", "eps", "hidden", "hidden_eps")),
        "adagrad_keras_initial_accumulator"),
    # ^ raises in every step; β·t is right at t = 1, nan from t = 2 (t itself stays right: the
    # share of t pays)
    "mistake_adam_correction_caret": (Fails(each("Adam", *VALUES, "eps", "hidden_eps")),
                                      "adam_correction_caret"),
    **{f"mistake_adam_correction_{name}": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                                 paid=ADAM_T_PAYS), f"adam_correction_{name}")
       for name in ("beta_times_t",)},
    # optimizers_moments: the moment of the wrong quantity or shape, in every optimizer keeping it
    "mistake_adagrad_scalar_accumulator": (Fails(each("AdaGrad", *VALUES, "hidden_eps")),
                                           "adagrad_scalar_accumulator"),
    "mistake_rmsprop_scalar_accumulator": (Fails(each("RMSProp", *VALUES)),
                                           "rmsprop_scalar_accumulator"),
    **{f"mistake_{c.lower()}_abs_not_square": (Fails(each(c, *VALUES, "eps", "hidden_eps")),
                                               f"{c.lower()}_abs_not_square")
       for c in ("AdaGrad", "RMSProp")},
    **{f"mistake_adam_{name}": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                      paid=ADAM_T_PAYS), f"adam_{name}")
       for name in ("scalar_accumulator", "abs_not_square", "second_moment_of_m")},
    "mistake_nesterov_lookahead_gradient_step": (Fails(each("Nesterov", *VALUES)),
                                                 "nesterov_lookahead_gradient_step"),
    # the state made np.zeros(2): only the hidden checks' other dimensions show it
    **{f"mistake_{c.lower()}_state_fixed_two_dims": (Fails(each(c, *kinds)),
                                                     f"{c.lower()}_state_fixed_two_dims")
       for c, kinds in (("Momentum", ("hidden",)), ("Nesterov", ("hidden",)),
                        ("AdaGrad", ("hidden", "hidden_eps")),
                        ("RMSProp", ("hidden", "hidden_eps")), ("Adam", ("hidden_eps",)))},
    "mistake_minimize_path_dtype_of_w0": (Fails({"minimize_int_start"}),
                                          "minimize_path_dtype_of_w0"),
    "mistake_minimize_rows_share_one_array": (Fails({"minimize_path", "hidden_minimize",
                                                     "minimize_float64"}),
                                              "minimize_rows_share_one_array"),
    # the new state kept in a local variable: every step starts from the initial state
    "mistake_rmsprop_state_not_stored": (Fails(each("RMSProp", *VALUES)),
                                         "rmsprop_state_not_stored"),
    "mistake_adam_state_not_stored": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                            paid=ADAM_T_PAYS), "adam_state_not_stored"),
    **{f"mistake_adam_{name}": (Fails(each("Adam", *VALUES, "eps", "hidden_eps"),
                                      paid=ADAM_T_PAYS), f"adam_{name}")
       for name in ("one_moment_corrected", "no_one_minus_beta", "no_sqrt")},
}


# fixture → {check: the second entry named there}: the m the state check reads stays 0 in both
ALSO = {"mistake_momentum_state_not_carried": {"momentum_state": "momentum_grad_at_m"}}


def with_gated(fails):
    """`fails` and every check `requires`-gated on one of them (a property check pays only
    next to right values)."""
    fails, checks = set(fails), checks_for(AID)
    grown = True
    while grown:
        more = {c.name for c in checks if set(c.requires) & fails} - fails
        fails |= more
        grown = bool(more)
    return fails


def test_every_mistake_fixture_is_in_the_table():
    assert set(MISTAKES) == set(fixtures(AID, "mistake"))


@pytest.mark.parametrize("fixture", with_slow_marks(
    [(f,) for f in sorted(MISTAKES)], lambda p: MISTAKES[p[0]][1]))
def test_mistake_fixture_fails_its_checks_scores_and_is_named(fixture):
    entry, want = MISTAKES[fixture]
    points = {c.name: c.points for c in checks_for(AID)}
    results = grade_fixture(AID, fixture, seed=11)
    failing = {r.name for r in results if r.score < r.max_score}
    want_failing = with_gated(entry.failing)
    assert failing == want_failing, (sorted(failing - want_failing),
                                     sorted(want_failing - failing))
    expected = Fails(want_failing, dict(entry.paid)).score(points)
    assert sum(r.score for r in results) == pytest.approx(expected, abs=1e-3)
    named = [r for r in results if r.diagnoses]
    assert named
    for r in named:  # exactly its entry (float32: the per-class float32_arithmetic_* entries)
        if r.name in ALSO.get(fixture, {}):  # a check that cannot tell two mistakes apart
            assert r.diagnoses == sorted([want, ALSO[fixture][r.name]]), (r.name, r.diagnoses)
        elif want in ("float32_arithmetic", "numpy_removed_alias"):
            assert all(want in d for d in r.diagnoses), (r.name, r.diagnoses)
        else:
            assert r.diagnoses == [want], (r.name, r.diagnoses)
