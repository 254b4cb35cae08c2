"""05's fit_nonlinear judged by a full replay of the grader's own shuffle=False fit
(autograder/checks/keras_fit_replay.py), on views built here by hand (fast, no TensorFlow)."""
import numpy as np

from autograder.checks import keras_fit_replay as kfr
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_replay as kr
from autograder.checks import keras_views as kv

ACTS = ("sigmoid", "sigmoid", "sigmoid")
INIT = kv.glorot_init([1, 6, 4, 1], 7)
RNG = np.random.default_rng(5)
X = np.round(RNG.uniform(0, 1, (100, 1)), 6)
Y = np.round(0.5 + 0.3 * np.sin(6 * X[:, 0]), 6)
PROC = kp.Procedure("SGD", 5.0, "mse", 3)
SENT = {"X": X, "y": Y, "seed": 7, "init": INIT}


def view(weights, rate=5.0):
    layers = [{"class": "Dense", "units": int(w.shape[1]), "activation": "sigmoid",
               "use_bias": True, "weights": [np.asarray(w, np.float32), np.asarray(b, np.float32)]}
              for w, b in zip(weights[::2], weights[1::2])]
    return {"type": "Sequential", "is_model": True, "input_declared": True, "built": True,
            "input_shape": [1], "layers": layers,
            "compile": {"optimizer": {"class": "SGD", "learning_rate": rate, "momentum": 0.0,
                                      "nesterov": False, "iterations": 12},
                        "loss": {"kind": "str", "name": "mse", "from_logits": None},
                        "metrics": []}}


def record(after, rate=5.0):
    return {"before": view(INIT), "init_applied": True, "after": view(after, rate),
            "history": {"type": "History", "is_history": True, "history": {"loss": [0.1]},
                        "params": {"epochs": 3}}, "seconds": 1.0}


def replay(lr, epochs=3):
    return kr.in_order(INIT, ACTS, X, Y, "mse", "SGD", lr, epochs)


def test_in_order_on_one_repeated_sample_is_the_trials_trajectory():
    x, y = kr.repeated(np.array([0.3]), 1.4, 40)          # 2 updates per epoch at batch 32
    path = kr.trajectory(INIT, ACTS, x[:1], y[:1], "mse", "Adam", 0.01, 6)
    got = kr.in_order(INIT, ACTS, x, y, "mse", "Adam", 0.01, 3)
    assert kr.distance(got, path[6], INIT) < 1e-12


def test_the_documented_fit_passes_float32_rounding_included():
    assert kfr.replayed_fit(record(replay(5.0)), SENT, PROC, 1.0, "fit").ok


def test_weights_not_from_that_fit_fail_whatever_their_mse():
    # e.g. fitted elsewhere (more epochs) and set by a replaced model.fit: a better MSE is no help
    outcome = kfr.replayed_fit(record(replay(5.0, epochs=6)), SENT, PROC, 1.0, "fit")
    assert outcome.key == "keras.fit_replay.mismatch"
    assert outcome.fields["epochs"] == 3 and outcome.fields["dist"] > kr.REL_TOL


def test_the_reported_compile_is_named_when_its_replay_matches():
    outcome = kfr.replayed_fit(record(replay(0.5), rate=0.5), SENT, PROC, 1.0, "fit")
    assert outcome.key == "keras.procedure.as_if"
    assert outcome.fields["actual"] == "SGD(learning_rate=0.5) + mse"


def test_the_mse_target_still_applies_after_the_replay_matches():
    assert kfr.replayed_fit(record(replay(5.0)), SENT, PROC, 1e-6, "fit").key == "keras.mse_high"


def test_mnist_weights_must_descend_from_the_graders_start():
    # 06's mnist_accuracy: a first layer trained from the grader's start keeps a correlation
    # with it (measured >= 0.42, 0.21 at a 10x rate); weights from another draw have none (0.0026)
    from autograder.checks import keras_fit as kf

    init = kv.glorot_init([784, 256, 10], 7)
    noise = np.random.default_rng(1).normal(0, 0.05, init[0].shape)
    trained = [init[0] * 0.9 + noise, *init[1:]]

    def model(weights):
        return kv.read_model({**view(INIT), "input_shape": [28, 28], "layers": [
            {"class": "Flatten", "units": None, "activation": None, "use_bias": None,
             "weights": []},
            {"class": "Dense", "units": 256, "activation": "relu", "use_bias": True,
             "weights": [np.asarray(w, np.float32) for w in weights[:2]]},
            {"class": "Dense", "units": 10, "activation": "softmax", "use_bias": True,
             "weights": [np.asarray(w, np.float32) for w in weights[2:]]}]}, "m")

    assert kf.descends_from(model(trained), init, "m").ok
    other = kv.glorot_init([784, 256, 10], 8)
    outcome = kf.descends_from(model(other), init, "m")
    assert outcome.key == "keras.not_from_init" and abs(outcome.fields["corr"]) < 0.02
