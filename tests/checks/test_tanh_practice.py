"""07_tanh_practice checks, proven through the real pipeline (sandbox child, TensorFlow).

Every grading test is slow (each graded file costs a TensorFlow import in a child). Variants whose
bug cannot reach training are graded without the 100-epoch fits (`only=`); variants of
fit_tanh_model are graded on the fits only (the fits train the contract's network built by the
probe, so build_tanh_model's bugs do not reach them).
"""
import pytest

from tests.checks.harness import assert_scores_zero, describe, failing, grader_errors
from tests.checks.keras_grading import SEEDS, Grader, Job, names, whole
from tests.fixtures.build import fixtures

AID = "07_tanh_practice"
ALL = names(AID)
TRAINING = frozenset({"fit_tanh", "fit_tanh_any_data"})
FAST = frozenset(ALL - TRAINING)

# fixture → (checks graded, exact set of checks that must fail); every other graded check passes.
BROKEN = {
    "broken_lr": (FAST, {"model_compile"}),
    "broken_sigmoid_out": (FAST, {"model_layers"}),
    "broken_epochs": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_recompiled": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_fabricated_history": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_other_model": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    # trains on dataset2.csv, not on the replay trials it is given
    "broken_own_data": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    # issue 21: what the History or the optimizer says earns nothing; the weights decide
    "broken_numpy_fit_fake_history": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_numpy_fit_honest_history": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_weights_from_file": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_fit_lr": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_fit_loss_mae": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_batch128": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_no_fit": (TRAINING, {"fit_tanh", "fit_tanh_any_data"}),
    "broken_curve50": (FAST, {"predict_curve", "predict_curve_any_model"}),
    "broken_plot_no_red": (FAST, {"plot_fit"}),
    "broken_column_y": (FAST, {"load_dataset2", "load_dataset2_any_file"}),
}
ALT = {"alt_lecture_style": None, "alt_objects": None, "alt_lecture": None,
       "alt_fit_options": TRAINING, "alt_tf_keras_add": None}
# The message each procedure failure gives on the public fit_tanh (key, fields that must match).
MESSAGES = {
    "broken_epochs": ("keras.procedure.epochs", {"found": 50, "expected": 100}),
    "broken_batch128": ("keras.procedure.batch", {"sizes": ">= 70"}),
    "broken_fit_lr": ("keras.procedure.as_if", {"actual": "SGD(learning_rate=0.01) + mse"}),
    "broken_fit_loss_mae": ("keras.procedure.as_if", {"actual": "SGD(learning_rate=0.1) + mae"}),
    "broken_recompiled": ("keras.procedure.as_if",
                          {"actual": "Adam(learning_rate=0.001) + mse"}),
    "broken_no_fit": ("keras.procedure.not_trained", {}),
    "broken_weights_from_file": ("keras.procedure.same_weights", {}),
    # 100 full-batch NumPy steps on one repeated sample are 1 update per epoch: what the
    # weights show, whatever the History claims
    "broken_numpy_fit_fake_history": ("keras.procedure.batch", {"sizes": ">= 70"}),
    "broken_numpy_fit_honest_history": ("keras.procedure.batch", {"sizes": ">= 70"}),
    "broken_fabricated_history": ("keras.procedure.epochs", {"found": 10, "expected": 100}),
    "broken_own_data": ("keras.procedure.other_steps", {}),
}
TWINS = [("broken_numpy_fit_fake_history", "broken_numpy_fit_honest_history")]
WHOLE = {"alt_lecture"}
NOTHING = ("nothing_none", "nothing_shapes")

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
    assert set(MESSAGES) <= set(BROKEN) and all(set(t) <= set(BROKEN) for t in TWINS)
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
    assert all(c.key == "call.error" for c in result.checks), describe(result)


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
@pytest.mark.parametrize("job", sorted(MESSAGES))
def test_procedure_failures_say_what_differs(grader, job):
    key, fields = MESSAGES[job]
    check = next(c for c in grader.result(job).checks if c.name == "fit_tanh")
    assert check.key == key, (check.key, check.fields)
    assert {k: check.fields.get(k) for k in fields} == fields, check.fields


@pytest.mark.slow
@pytest.mark.parametrize("job", [t[0] for t in TWINS])
def test_fabricated_history_scores_exactly_its_honest_twin(grader, job):
    twin = dict(TWINS)[job]
    assert grader.result(job).score == grader.result(twin).score
