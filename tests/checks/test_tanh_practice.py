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
    "broken_own_data": (TRAINING, {"fit_tanh_any_data"}),
    "broken_curve50": (FAST, {"predict_curve", "predict_curve_any_model"}),
    "broken_plot_no_red": (FAST, {"plot_fit"}),
    "broken_column_y": (FAST, {"load_dataset2", "load_dataset2_any_file"}),
}
ALT = {"alt_lecture_style": None, "alt_objects": None, "alt_lecture": None}
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
    assert result.score == 100, describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", ["alt_lecture"])
def test_lecture_without_input_gets_a_hint_not_a_deduction(grader, job):
    layers = next(c for c in grader.result(job).checks if c.name == "model_layers")
    assert layers.score == layers.max_score
    assert [note[0] for note in layers.fields.get("notes", [])] == ["keras.note_input"]
