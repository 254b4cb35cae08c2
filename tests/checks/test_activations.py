"""03_activations checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from autograder import expected as expected_store
from autograder.checks import checks_for
from autograder.compare import same
from autograder.grade import grade_file
from autograder.loader import SubmissionFile
from autograder.sandbox import codec
from tests.fixtures.build import FIXTURES, fixtures, make_submission

AID = "03_activations"
SEEDS = (11, 12)
ALL = {c.name for c in checks_for(AID)}

# broken fixture → the exact set of checks that must fail (every other check passes).
BROKEN = {
    "broken_relu_np_max": {"relu_values", "hidden_relu"},
    "broken_relu_derivative_at_zero": {"relu_derivative_values", "hidden_relu_derivative"},
    "broken_relu_inplace": {"inputs_not_modified"},
    "broken_leaky_derivative_zero": {"leaky_relu_derivative_values",
                                     "hidden_leaky_relu_derivative"},
    "broken_leaky_ignores_a": {"leaky_relu_values", "leaky_relu_derivative_values",
                               "hidden_leaky_relu", "hidden_leaky_relu_derivative"},
    # prelu_gradients is the reference here; the finite differences of the broken prelu
    # disagree with it, so the gradient check flags the forward/backward mismatch too
    "broken_prelu_forgot_x": {"prelu_values", "hidden_prelu", "prelu_gradients_fd"},
    "broken_prelu_dalpha_all": {"prelu_gradients_values", "prelu_gradients_fd",
                                "hidden_prelu_gradients"},
    # x * (x >= 0) + alpha * (exp(x) - 1) * (x < 0): inf * 0 = nan at x = 1000. The plain
    # np.where(x >= 0, x, alpha * (np.exp(x) - 1)) only warns and is correct (alt_where).
    "broken_elu_mask_overflow": {"elu_values", "hidden_elu"},
    "broken_elu_derivative_at_zero": {"elu_derivative_values", "hidden_elu_derivative"},
    "broken_tanh_naive": {"tanh_values", "hidden_tanh"},
    "broken_tanh_derivative_x2": {"tanh_derivative_values", "hidden_tanh_derivative"},
    "broken_he_normal_std": {"he_normal_stats", "hidden_he_normal"},
    "broken_he_normal_transposed": {"he_normal_shape", "hidden_he_normal"},
    "broken_he_normal_global": {"he_normal_rng"},
    "broken_he_normal_uniform": {"he_normal_gaussian", "hidden_he_normal"},
}
ALT = ["alt_loops", "alt_where"]
TEMPLATE = FIXTURES.parent / "stubs" / f"{AID}.py"  # the generated student handout, if built

# (label, fixture, base, seed); broken fixtures alternate between the two seeds
JOBS = ([(f"reference@{s}", None, True, s) for s in SEEDS]
        + [(f"{a}@{s}", a, True, s) for a in ALT for s in SEEDS]
        + [("stub", "stub", False, SEEDS[0])]
        + [(b, b, True, SEEDS[i % 2]) for i, b in enumerate(BROKEN)])


def _grade(job, root):
    label, fixture, base, seed = job
    folder = root / label.replace("@", "_")
    folder.mkdir()
    if label == "template":
        path = folder / f"{AID}.py"
        path.write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        path = make_submission(AID, fixture, folder, base=base)
    return grade_file(SubmissionFile(AID, path), seed=seed, include_hidden=True)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp(AID)
    jobs = JOBS + ([("template", None, False, SEEDS[0])] if TEMPLATE.exists() else [])
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda job: _grade(job, root), jobs))
    return {job[0]: result for job, result in zip(jobs, results)}


def failing(result):
    return {c.name for c in result.checks if c.score < c.max_score}


def describe(result):
    return [(c.name, c.score, c.key, c.fields) for c in result.checks if c.score < c.max_score]


def no_grader_errors(result):
    return [c.name for c in result.checks if c.key.startswith("grader.")]


def test_points_sum_to_100():
    checks = checks_for(AID)
    assert sum(c.points for c in checks) == 100
    assert {c.hidden for c in checks} == {False, True}


def test_fixture_table_matches_disk_and_catches_every_check():
    assert set(BROKEN) == set(fixtures(AID, "broken")), "every broken fixture is in the table"
    assert set(ALT) == set(fixtures(AID, "alt"))
    assert len(BROKEN) >= 6 and len(ALT) >= 2
    assert set().union(*BROKEN.values()) == ALL, "every check fails for some broken fixture"
    for fails in BROKEN.values():
        assert fails <= ALL


@pytest.mark.parametrize("seed", SEEDS)
def test_reference_scores_100(graded, seed):
    result = graded[f"reference@{seed}"]
    assert result.seed == seed
    assert result.score == 100, describe(result)
    assert not result.problems


@pytest.mark.parametrize("label", ["stub", "template"])
def test_stub_scores_zero_without_grader_errors(graded, label):
    if label not in graded:
        pytest.skip("no generated template yet")
    result = graded[label]
    assert result.score == 0, describe(result)
    assert len(result.checks) == len(ALL)
    assert not no_grader_errors(result)
    assert {c.key for c in result.checks} <= {"call.error", "call.missing"}


@pytest.mark.parametrize("fixture", sorted(BROKEN))
def test_broken_fails_exactly_its_checks(graded, fixture):
    result = graded[fixture]
    assert not no_grader_errors(result), describe(result)
    assert failing(result) == BROKEN[fixture], describe(result)


@pytest.mark.parametrize("label", [f"{a}@{s}" for a in ALT for s in SEEDS])
def test_alternative_scores_100(graded, label):
    result = graded[label]
    assert result.score == 100, describe(result)


def test_expected_json_is_current():
    fresh = {k: codec.decode(v) for k, v in expected_store.build(AID).items()}
    committed = expected_store.load(AID)
    assert set(fresh) == set(committed)
    assert set(committed) == {c.name for c in checks_for(AID, include_hidden=False)
                              if c.expected == "reference"}
    for name in fresh:
        outcome = same(fresh[name], committed[name], name, rtol=1e-12, atol=1e-12)
        assert outcome.ok, (name, outcome)


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
