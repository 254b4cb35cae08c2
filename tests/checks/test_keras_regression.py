"""05_keras_regression checks, proven through the real pipeline (sandbox child, TensorFlow).

Every grading test is slow (each graded file costs a TensorFlow import in a child). Broken
variants that do not concern training are graded on the non-training checks only (`only=`).
"""
import pytest

from tests.checks.harness import assert_scores_zero, describe, failing, grader_errors
from tests.checks.keras_grading import SEEDS, Grader, Job, names, whole
from tests.fixtures.build import fixtures

AID = "05_keras_regression"
ALL = names(AID)
TRAINING = {"fit_nonlinear", "fit_nonlinear_any_data"}
FAST = frozenset(ALL - TRAINING)
COMPILE = frozenset({"model_layers", "model_compile", "fit_nonlinear_any_data"})

# fixture → (checks graded, exact set of checks that must fail); every other graded check passes.
BROKEN = {
    "broken_lr": (None, {"model_compile", "fit_nonlinear", "fit_nonlinear_any_data"}),
    "broken_relu": (FAST, {"model_layers"}),
    "broken_missing_layer": (FAST, {"model_layers"}),
    "broken_flat_x": (FAST, {"load_nonlinear", "load_nonlinear_any_file"}),
    "broken_ignores_path": (FAST, {"load_nonlinear_any_file"}),
    # pre-trained weights are replaced by the grader's initial weights: its too-small rate shows
    "broken_pretrained": (None, {"model_compile", "fit_nonlinear", "fit_nonlinear_any_data"}),
    "broken_adam": (None, {"model_compile", "fit_nonlinear", "fit_nonlinear_any_data"}),
    "broken_loss_mae": (COMPILE, {"model_compile", "fit_nonlinear_any_data"}),
    # a linear output at lr 5.0: the fits diverge; every check of the network fails
    "broken_linear_diverges": (None, {"model_layers", "model_compile", "fit_nonlinear",
                                      "fit_nonlinear_any_data"}),
    "broken_unbuildable": (None, {"model_layers", "model_compile", "fit_nonlinear",
                                  "fit_nonlinear_any_data"}),
}
# Partial credit of model_compile from the replays: the share of its points that matches (the
# optimizer half or the loss half), whatever the registry weighs the check.
COMPILE_SHARES = {"broken_lr": 0.5, "broken_pretrained": 0.5, "broken_adam": 0.5,
                  "broken_loss_mae": 0.5}
MESSAGES = {  # fixture → [(check, message key, fields that must match)]
    "broken_linear_diverges": [("fit_nonlinear", "keras.diverged", {"lr": "5"}),
                               ("model_compile", "keras.diverged", {"lr": "5"})],
    "broken_unbuildable": [(name, "keras.not_built", {"shape": (1,)}) for name in
                           ("model_layers", "model_compile", "fit_nonlinear",
                            "fit_nonlinear_any_data")],
    "broken_adam": [("model_compile", "keras.optimizer", {"actual": "Adam(learning_rate=0.001)"}),
                    ("fit_nonlinear_any_data", "keras.procedure.as_if",
                     {"actual": "Adam(learning_rate=0.001) + mse"})],
    "broken_loss_mae": [("model_compile", "keras.loss", {"actual": "mae"})],
}
# Correct alternatives: graded fully (scores 100) or on the non-training checks.
ALT = {"alt_tf_keras": None, "alt_input_dim": FAST, "alt_lecture": None,
       "alt_subclassed": None, "alt_functional_add": COMPILE}
WHOLE = {"alt_lecture"}                      # complete submissions (not over the reference)
NOTHING = ("nothing_none", "nothing_shapes")  # do-nothing submissions: exactly 0

JOBS = {  # the jobs that train first: the pool starts them in this order
    "reference": Job(None),
    "alt_lecture": whole("alt_lecture"),
    **{f: Job(f, only, seed=SEEDS[1]) for f, only in ALT.items() if f not in WHOLE},
    **{f: Job(f, only, seed=SEEDS[1]) for f, (only, _) in BROKEN.items()},
    **{f: whole(f) for f in NOTHING},
    "stub": Job("stub"),
}


@pytest.fixture(scope="module")
def grader(request, tmp_path_factory):
    g = Grader(request, AID, tmp_path_factory.mktemp(AID), JOBS)
    yield g
    g.close()


def test_every_check_fails_in_some_broken_fixture():
    assert set(BROKEN) == set(fixtures(AID, "broken")) and set(ALT) == set(fixtures(AID, "alt"))
    assert set(NOTHING) == set(fixtures(AID, "nothing"))
    caught = set().union(*(fails for _, fails in BROKEN.values()))
    assert caught == ALL
    for fixture, (only, fails) in BROKEN.items():
        assert fails <= (ALL if only is None else only), fixture


@pytest.mark.slow
@pytest.mark.parametrize("job", ["reference"])
def test_reference_scores_100(grader, job):
    result = grader.result(job)
    assert result.score == 100, describe(result)
    assert not result.problems, describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", ["stub"])
def test_generated_stub_scores_0(grader, job):
    result = grader.result(job)
    assert result.score == 0 and {c.name for c in result.checks} == ALL, describe(result)
    assert not grader_errors(result), describe(result)
    assert all(c.key in ("call.error", "keras.not_model") for c in result.checks), describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", NOTHING)
def test_do_nothing_scores_exactly_0(grader, job):
    assert_scores_zero(grader.result(job), ALL)


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(BROKEN))
def test_broken_fails_exactly(grader, job):
    only, fails = BROKEN[job]
    result = grader.result(job)
    assert {c.name for c in result.checks} == (ALL if only is None else only), describe(result)
    assert failing(result) == fails and not grader_errors(result), describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(ALT))
def test_alternative_passes(grader, job):
    result = grader.result(job)
    assert result.score == result.max_score, describe(result)
    if ALT[job] is None:
        assert result.score == 100, describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", ["alt_lecture"])
def test_lecture_without_input_gets_a_hint_not_a_deduction(grader, job):
    layers = next(c for c in grader.result(job).checks if c.name == "model_layers")
    assert layers.score == layers.max_score
    assert [note[0] for note in layers.fields.get("notes", [])] == ["keras.note_input"]


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(COMPILE_SHARES))
def test_compile_earns_the_half_its_training_shows(grader, job):
    check = next(c for c in grader.result(job).checks if c.name == "model_compile")
    assert check.score == pytest.approx(COMPILE_SHARES[job] * check.max_score), \
        (check.key, check.fields)


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(MESSAGES))
def test_failures_say_what_is_wrong(grader, job):
    for name, key, fields in MESSAGES[job]:
        check = next(c for c in grader.result(job).checks if c.name == name)
        assert check.key == key, (name, check.key, check.fields)
        assert {k: check.fields.get(k) for k in fields} == fields, (name, check.fields)
