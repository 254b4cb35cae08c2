"""07_tanh_practice checks, proven through the real pipeline (sandbox child, TensorFlow).

Every grading test is slow (each graded file costs a TensorFlow import in a child). Variants whose
bug cannot reach training are graded without the 100-epoch fit (`only=`).
"""
import pytest

from tests.checks.harness import describe, failing, grader_errors
from tests.checks.keras_grading import SEEDS, Grader, Job, names
from tests.fixtures.build import fixtures

AID = "07_tanh_practice"
ALL = names(AID)
FAST = frozenset(ALL - {"fit_tanh"})

# fixture → (checks graded, exact set of checks that must fail); every other graded check passes.
BROKEN = {
    "broken_lr": (None, {"model_compile", "fit_tanh"}),
    "broken_epochs": (None, {"fit_tanh"}),
    "broken_sigmoid_out": (None, {"model_layers", "fit_tanh"}),
    "broken_curve50": (FAST, {"predict_curve", "predict_curve_any_model"}),
    "broken_plot_no_red": (FAST, {"plot_fit"}),
    "broken_column_y": (FAST, {"load_dataset2", "load_dataset2_any_file"}),
}
ALT = {"alt_lecture_style": None, "alt_objects": None}

JOBS = {  # the jobs that train first: the pool starts them in this order
    "reference": Job(None),
    **{f: Job(f, only, seed=SEEDS[1]) for f, only in ALT.items()},
    **{f: Job(f, only, seed=SEEDS[1]) for f, (only, _) in BROKEN.items()},
    "stub": Job("stub"),
}


@pytest.fixture(scope="module")
def grader(request, tmp_path_factory):
    g = Grader(request, AID, tmp_path_factory.mktemp(AID), JOBS)
    yield g
    g.close()


def test_every_check_fails_in_some_broken_fixture():
    assert set(BROKEN) == set(fixtures(AID, "broken")) and set(ALT) == set(fixtures(AID, "alt"))
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
