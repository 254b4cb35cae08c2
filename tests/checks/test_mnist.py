"""06_mnist checks, proven through the real pipeline (sandbox child, TensorFlow, MNIST).

Needs MNIST (NNLAB_MNIST or /work/shared/data/mnist.npz; skipped with the reason otherwise).
Broken variants are graded on the checks their bug concerns plus their neighbours (`only=`);
whole MNIST epochs are trained for the reference (quick and full mode), one alternative and the
cheat only.
"""
from pathlib import Path

import pytest

from autograder.checks.public.mnist import THRESHOLDS
from tests.checks.harness import assert_scores_zero, describe, failing, grader_errors
from tests.checks.keras_grading import SEEDS, Grader, Job, names, whole
from tests.fixtures.build import fixtures

AID = "06_mnist"
ALL = names(AID)
MODEL = frozenset({"model_layers", "model_compile", "train_mnist_uses_args"})
NO_EPOCH = frozenset(ALL - {"mnist_accuracy"})
TRAINING = frozenset({"mnist_accuracy", "train_mnist_uses_args"})

# fixture → (checks graded, exact set of checks that must fail); every other graded check passes.
BROKEN = {
    "broken_dense128": (MODEL, {"model_layers"}),
    # categorical crossentropy on integer labels cannot train (model.fit raises): the compile
    # check, judged by what the model trains, earns nothing; train_mnist is judged on the
    # contract's network built by the probe, so it passes
    "broken_categorical": (MODEL, {"model_compile"}),
    "broken_no_scaling": (frozenset({"load_mnist", "model_layers"}), {"load_mnist"}),
    # quick mode asks for 1 epoch, Keras' default: only the hidden check's 2-3 epochs catch it
    "broken_epochs_ignored": (frozenset({"train_mnist_uses_args"}), {"train_mnist_uses_args"}),
    # issue 21: the same bug with a History padded to the asked epochs: exactly its honest twin
    "broken_padded_history": (frozenset({"train_mnist_uses_args"}), {"train_mnist_uses_args"}),
    "broken_batch128": (frozenset({"train_mnist_uses_args"}), {"train_mnist_uses_args"}),
    "broken_test_set": (TRAINING, {"mnist_accuracy", "train_mnist_uses_args"}),
    # one batch trained, a hand-written History: accuracy computed here, steps > samples given
    "broken_fabricated_history": (TRAINING, {"mnist_accuracy", "train_mnist_uses_args"}),
}
ALT = {"alt_tf_keras": None, "alt_activation_layers": NO_EPOCH, "alt_lecture": None,
       "alt_fit_options": frozenset({"train_mnist_uses_args"})}
# The message train_mnist_uses_args gives (key, fields that must match).
MESSAGES = {
    "broken_epochs_ignored": ("keras.procedure.epochs", {"found": 1}),
    "broken_padded_history": ("keras.procedure.epochs", {"found": 1}),
    "broken_batch128": ("keras.procedure.batch", {"sizes": ">= 70"}),
    "broken_test_set": ("keras.procedure.other_data", {}),
}
WHOLE = {"alt_lecture"}                      # complete submissions (not over the reference)
NOTHING = ("nothing_none", "nothing_shapes")  # do-nothing submissions: exactly 0


def _real_mnist_path(path):
    # The sandbox child has no NNLAB_MNIST: the cheat gets the file's path written in (resolved,
    # as the grader mounts the real file: a symlink's target may be hidden in the sandbox).
    real = str(Path(path).resolve())
    return lambda source: source.replace("MNIST_FILE = None", f"MNIST_FILE = {real!r}")


JOBS = {  # the jobs that train whole epochs first: the pool starts them in this order
    "reference_full": Job(None, frozenset({"mnist_accuracy"}), mode="full"),
    "reference": Job(None),
    "alt_tf_keras": Job("alt_tf_keras", ALT["alt_tf_keras"], seed=SEEDS[1]),
    "alt_lecture": whole("alt_lecture"),
    "broken_test_set_full": Job("broken_test_set", frozenset({"mnist_accuracy"}), mode="full"),
    **{f: Job(f, only, seed=SEEDS[1]) for f, (only, _) in BROKEN.items()},
    "alt_activation_layers": Job("alt_activation_layers", ALT["alt_activation_layers"],
                                 seed=SEEDS[1]),
    "alt_fit_options": Job("alt_fit_options", ALT["alt_fit_options"], seed=SEEDS[1]),
    **{f: whole(f) for f in NOTHING},
    "stub": Job("stub"),
}


@pytest.fixture(scope="module")
def grader(request, tmp_path_factory, mnist_path):
    g = Grader(request, AID, tmp_path_factory.mktemp(AID), JOBS, mnist_path,
               edits={"broken_test_set": _real_mnist_path(mnist_path)})
    yield g
    g.close()


def test_every_check_fails_in_some_broken_fixture():
    assert set(BROKEN) == set(fixtures(AID, "broken")) and set(ALT) == set(fixtures(AID, "alt"))
    assert set(NOTHING) == set(fixtures(AID, "nothing"))
    caught = set().union(*(fails for _, fails in BROKEN.values()))
    assert caught == ALL
    for fixture, (only, fails) in BROKEN.items():
        assert fails <= only, fixture


@pytest.mark.slow
@pytest.mark.parametrize("job", ["reference"])
def test_reference_scores_100(grader, job):
    result = grader.result(job)
    assert result.score == 100, describe(result)
    assert not result.problems, describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", ["reference_full"])
def test_reference_passes_full_mode(grader, job):  # 5 epochs, as assigned
    result = grader.result(job)
    assert result.score == result.max_score, describe(result)
    assert {c.name for c in result.checks} == {"mnist_accuracy"}, describe(result)


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
    assert {c.name for c in result.checks} == only, describe(result)
    assert failing(result) == fails and not grader_errors(result), describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", ["broken_test_set", "broken_test_set_full"])
def test_training_on_the_test_set_is_flagged(grader, job):
    result = grader.result(job)
    check = next(c for c in result.checks if c.name == "mnist_accuracy")
    assert check.key == "keras.test_leak", describe(result)
    if JOBS[job].mode == "full":  # 5 epochs on the test set: above the upper bound as well
        assert check.fields["test"] > THRESHOLDS[5]["max_acc"], describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(ALT))
def test_alternative_passes(grader, job):
    result = grader.result(job)
    assert result.score == result.max_score, describe(result)
    if ALT[job] is None:
        assert result.score == 100, describe(result)


@pytest.mark.slow
@pytest.mark.parametrize("job", sorted(MESSAGES))
def test_procedure_failures_say_what_differs(grader, job):
    key, fields = MESSAGES[job]
    check = next(c for c in grader.result(job).checks if c.name == "train_mnist_uses_args")
    assert check.key == key, (check.key, check.fields)
    assert {k: check.fields.get(k) for k in fields} == fields, check.fields


@pytest.mark.slow
@pytest.mark.parametrize("job", ["broken_padded_history"])
def test_padded_history_scores_exactly_its_honest_twin(grader, job):
    assert grader.result(job).score == grader.result("broken_epochs_ignored").score
