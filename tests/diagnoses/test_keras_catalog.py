"""The Keras catalogs (05, 06, 07): every entry named on a fixture that makes exactly that mistake,
matched from the raw views the parent already receives (autograder/diagnoses/keras_common.py).

Each fixture is graded in this process (tests/diagnoses/inprocess.py, TensorFlow in a forked
child) on the checks of its function where the entry applies (`only`), not on the long
trainings: the checks named here are the ones the mistake fails, and each names exactly the
entry. Slow (a TensorFlow import per fixture, about 10 s CPU each): CI runs it.
"""
import pytest

from autograder import diagnosis
from autograder.checks import checks_for
from autograder.reporters.catalogs import render
from tests.diagnoses.inprocess import grade_source, source_of

KERAS = ("05_keras_regression", "06_mnist", "07_tanh_practice")

# (assignment, fixture, entry, checks graded: every one fails and names the entry)
CASES = [
    ("05_keras_regression", "broken_relu", "keras_hidden_relu", {"model_layers"}),
    ("05_keras_regression", "mistake_keras_linear_output", "keras_linear_output",
     {"model_layers"}),
    ("05_keras_regression", "mistake_keras_sgd_default_rate", "keras_sgd_default_rate",
     {"model_compile", "fit_nonlinear_any_data"}),
    ("05_keras_regression", "broken_lr", "keras_other_learning_rate",
     {"model_compile", "fit_nonlinear_any_data"}),
    ("05_keras_regression", "broken_adam", "keras_adam_instead_of_sgd",
     {"model_compile", "fit_nonlinear_any_data"}),
    ("05_keras_regression", "broken_loss_mae", "keras_mae_loss",
     {"model_compile", "fit_nonlinear_any_data"}),
    ("06_mnist", "broken_no_scaling", "mnist_unnormalised", {"load_mnist"}),
    ("06_mnist", "mistake_mnist_one_hot_labels", "mnist_one_hot_labels", {"load_mnist"}),
    ("06_mnist", "mistake_mnist_flattened_images", "mnist_flattened_images", {"load_mnist"}),
    ("06_mnist", "mistake_mnist_output_not_softmax", "mnist_output_not_softmax",
     {"model_layers"}),
    ("06_mnist", "broken_dense128", "mnist_hidden_units", {"model_layers"}),
    ("06_mnist", "mistake_mnist_no_flatten", "mnist_no_flatten", {"model_layers"}),
    ("06_mnist", "mistake_mnist_sgd_instead_of_adam", "mnist_sgd_instead_of_adam",
     {"model_compile"}),
    ("06_mnist", "broken_epochs_ignored", "mnist_epochs_not_passed", {"train_mnist_uses_args"}),
    ("06_mnist", "broken_batch128", "mnist_batch_size_changed", {"train_mnist_uses_args"}),
    ("07_tanh_practice", "mistake_tanh_sigmoid_activations", "tanh_sigmoid_activations",
     {"model_layers"}),
    ("07_tanh_practice", "broken_sigmoid_out", "tanh_sigmoid_output", {"model_layers"}),
    ("07_tanh_practice", "mistake_tanh_keras_hidden_relu", "tanh_keras_hidden_relu",
     {"model_layers"}),
    ("07_tanh_practice", "mistake_tanh_keras_linear_output", "tanh_keras_linear_output",
     {"model_layers"}),
    ("07_tanh_practice", "broken_lr", "tanh_keras_sgd_default_rate", {"model_compile"}),
    ("07_tanh_practice", "mistake_tanh_keras_other_learning_rate",
     "tanh_keras_other_learning_rate", {"model_compile"}),
    ("07_tanh_practice", "mistake_tanh_keras_adam_instead_of_sgd",
     "tanh_keras_adam_instead_of_sgd", {"model_compile"}),
    ("07_tanh_practice", "mistake_tanh_keras_mae_loss", "tanh_keras_mae_loss", {"model_compile"}),
    ("07_tanh_practice", "mistake_fit_default_epochs", "fit_default_epochs",
     {"fit_tanh", "fit_tanh_any_data"}),
    ("07_tanh_practice", "broken_epochs", "fit_wrong_epochs", {"fit_tanh", "fit_tanh_any_data"}),
    ("07_tanh_practice", "broken_batch128", "fit_batch_size_changed",
     {"fit_tanh", "fit_tanh_any_data"}),
    ("07_tanh_practice", "broken_recompiled", "fit_recompiled", {"fit_tanh", "fit_tanh_any_data"}),
    ("07_tanh_practice", "broken_fit_lr", "fit_recompiled", {"fit_tanh", "fit_tanh_any_data"}),
    ("07_tanh_practice", "broken_fit_loss_mae", "fit_recompiled",
     {"fit_tanh", "fit_tanh_any_data"}),
]
# the reference on every check an entry applies to: all pass, so nothing is named
REFERENCE_CHECKS = {aid: {c.name for c in checks_for(aid, True) for e in diagnosis.catalog(aid)
                          if e.applies_to(c)} - {"mnist_accuracy"} for aid in KERAS}


@pytest.mark.slow
@pytest.mark.parametrize("aid,fixture,want,names", CASES,
                         ids=[f"{a}-{f}" for a, f, _, _ in CASES])
def test_keras_mistake_is_named_by_its_entry(aid, fixture, want, names):
    results = grade_source(aid, source_of(aid, fixture), only=names)
    assert {r.name for r in results} == names
    for r in results:
        assert r.score < r.max_score, (r.name, r.key)
        assert r.diagnoses == [want], (r.name, r.diagnoses, r.key)
        text = render(r.key, r.fields, "en")
        assert text.startswith(render(f"diagnosis.{want}", {}, "en")), text


@pytest.mark.slow
@pytest.mark.parametrize("aid", KERAS)
def test_keras_reference_gets_no_diagnosis(aid):
    results = grade_source(aid, source_of(aid), only=REFERENCE_CHECKS[aid])
    assert all(r.passed and not r.diagnoses for r in results), [
        (r.name, r.key, r.diagnoses) for r in results if not r.passed or r.diagnoses]


def test_every_keras_entry_has_a_fixture():
    proven = {want for _, _, want, _ in CASES}
    for aid in KERAS:
        for entry in diagnosis.catalog(aid):
            if entry.function != "predict_curve":  # tests/diagnoses/test_catalog.py
                assert entry.id in proven, entry.id
