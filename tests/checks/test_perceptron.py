"""01_perceptron checks, proven through the real pipeline (grade_file, sandbox child).

All submissions are graded once per module, two at a time, and shared by the tests.
"""
from concurrent.futures import ThreadPoolExecutor

import pytest

from autograder import expected as expected_store
from autograder.checks import checks_for
from autograder.compare import same
from autograder.grade import grade_file
from autograder.loader import SubmissionFile
from autograder.messages import render
from autograder.sandbox import codec
from tests.fixtures.build import FIXTURES, fixtures, make_submission

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
TEMPLATE = FIXTURES.parent / "stubs" / f"{AID}.py"  # the generated student handout, if built

# (label, fixture, base, seed); broken fixtures alternate between the two seeds
JOBS = ([(f"reference@{s}", None, True, s) for s in SEEDS]
        + [(f"{a}@{s}", a, a not in COMPLETE, s) for a in ALT for s in SEEDS]
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


def check(result, name):
    return next(c for c in result.checks if c.name == name)


def message(result, name, lang="en"):
    c = check(result, name)
    return render(c.key, c.fields, lang)


def test_points_sum_to_100():
    checks = checks_for(AID)
    assert sum(c.points for c in checks) == 100
    assert {c.hidden for c in checks} == {False, True}
    assert all(c.points > 0 for c in checks)


def test_fixture_table_matches_disk_and_catches_every_check():
    assert set(BROKEN) == set(fixtures(AID, "broken")), "every broken fixture is in the table"
    assert set(ALT) == set(fixtures(AID, "alt"))
    assert len(BROKEN) >= 5 and len(ALT) >= 2
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
    assert {c.key for c in result.checks} <= {"call.error", "call.missing",
                                              "value.expected_error"}


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
