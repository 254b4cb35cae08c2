"""Corpus of Keras submissions (tests/corpus/0[567]_*/<style>.py): ways students write them, and
ways a student who wants points without the work tries to get them (`cheat_*`), each graded once
through the real pipeline with hidden checks (issue 9 §8, issue 21 §5).

Each file states only the functions it is about (COMPLETE: the rest is the reference's) and
each entry states the checks it fails; its score follows from the registry (`Fails`, see
tests/checks/corpus.py), so adding or re-weighting a check moves no literal here.

A cheat that still earns points is a known residual, named beside its entry and in
docs/SECURITY.md ("Child-reported facts (Keras)"): its entry pins what it earns today, so that
closing it shows here.

Slow (TensorFlow in every child); 06 needs NNLAB_MNIST and runs in quick mode.
"""
import os
from pathlib import Path

import pytest

from tests.checks.corpus import CorpusProof, Fails

TRAINING_05 = {"model_compile", "fit_nonlinear", "fit_nonlinear_any_data"}
FIT_07 = {"fit_tanh", "fit_tanh_any_data"}


def _mnist():
    path = os.environ.get("NNLAB_MNIST")
    return path if path and Path(path).exists() else None


class _KerasCorpus(CorpusProof):
    SEEDS = (2,)          # one seed: every entry trains in a TensorFlow child
    MIN_ENTRIES = 5
    COMPLETE = True
    NEEDS_MNIST = False

    @pytest.mark.slow
    def test_every_entry_scores_exactly(self, request):
        if self.NEEDS_MNIST and not _mnist():
            pytest.skip("MNIST not available: set NNLAB_MNIST")
        super().test_every_entry_scores_exactly(request.getfixturevalue("graded"))


class TestKerasRegression(_KerasCorpus):
    AID = "05_keras_regression"
    TABLE = {
        "functional_api": Fails(),
        "add_activation_layers": Fails(),
        "tf_keras_model_add": Fails(),
        # "sgd" is SGD at Keras' default rate 0.01: the optimizer half of model_compile and
        # both fits
        "string_optimizer": Fails(TRAINING_05, paid={"model_compile": 0.5}),
        # the lecture's 1-D X (documented deviation): X is wrong, y is right (half of each loader)
        "lecture_1d_loader": Fails({"load_nonlinear", "load_nonlinear_any_file"},
                                   paid={"load_nonlinear": 0.5,
                                         "load_nonlinear_any_file": 0.5}),
        # model.fit replaced on the model: the documented training on the trials (all rows the
        # same), weights fitted elsewhere on real data. fit_nonlinear replays the grader's own
        # shuffle=False fit in full and fails it (it scored 100 before); model_compile and
        # fit_nonlinear_any_data are earned on the trials: residual (docs/SECURITY.md).
        "cheat_patched_fit_pretrained": Fails({"fit_nonlinear"}),
        # keras.Model.fit patched for the whole process (10x the epochs) over a slow SGD(0.5):
        # the trials and the full replay show 30 / 1000 epochs at lr 0.5, not 3 / 100 at 5.0
        "cheat_global_fit_patch": Fails(TRAINING_05),
    }


class TestMnist(_KerasCorpus):
    AID = "06_mnist"
    MIN_ENTRIES = 4
    NEEDS_MNIST = True
    TABLE = {
        "functional_layers": Fails(),
        "tf_keras_functional_fit_options": Fails(),
        "no_metrics": Fails({"model_compile"}, paid={"model_compile": 2 / 3}),
        # residual (docs/SECURITY.md): `epochs` honoured only on the replay trials (all rows the
        # same), 1 epoch on real data; quick mode asks for 1 epoch, so nothing shows (full mode:
        # 5 epochs asked, 1 trained, below min_acc). Its honest twin
        # (tests/fixtures/submissions/06_mnist/broken_epochs_ignored.py) loses the hidden check.
        "cheat_trial_detect_epochs": Fails(),
        # load_mnist keeps the path the grader passes; train_mnist appends the test set on real
        # data only (the trials are trained as documented: train_mnist_uses_args is earned,
        # residual in docs/SECURITY.md). Quick mode's 12,000 rows + the test set: test accuracy
        # above training accuracy (+0.0048 at TF seed 7, >= +0.0011 over 10 seeds; honest <=
        # -0.0086): the quick-mode gap limit -0.0025 catches it (100 under the former 0.01).
        "cheat_captured_path_test_set": Fails({"mnist_accuracy"}),
        # weights trained elsewhere (from another start) set on real data, the trials trained as
        # documented: honest accuracy and gap, but the first layer no longer correlates with the
        # grader's initial weights (keras_fit.MIN_INIT_CORR)
        "cheat_weights_trained_elsewhere": Fails({"mnist_accuracy"}),
    }

    @classmethod
    def options(cls):
        return {"mnist_path": _mnist()}


class TestTanhPractice(_KerasCorpus):
    AID = "07_tanh_practice"
    TABLE = {
        "functional_api": Fails(),
        "add_activation_layers": Fails(),
        "tf_keras_fit_options": Fails(),
        "adam_in_fit": Fails(FIT_07),
        # residual (docs/SECURITY.md): 100 epochs at batch 32 only on the replay trial (all
        # rows the same), 25 epochs at batch 8 on dataset2.csv, whose fit only the MSE judges:
        # at the check's TF seed for that trial (8) it reaches MSE 0.0181 > 0.015, so it fails
        # fit_tanh; over TF seeds 0-11 it passes at 10 of 12 (0.0032-0.0117; fails at 8 and
        # at 10: 0.0217). A shuffle-order matter, not a detection.
        "cheat_trial_detect_short_fit": Fails({"fit_tanh"}),
        # a fresh clone trained with the right arguments, its weights copied in: not the
        # training of the model passed in, from its start
        "cheat_fit_clone_copy": Fails(FIT_07),
        # least squares on the output layer and a History claiming 100 epochs
        "cheat_closed_form_output": Fails(FIT_07),
    }
