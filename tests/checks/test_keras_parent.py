"""The grader's side of the Keras checks, without TensorFlow: strict reading of hostile views,
the numpy forward pass, and the fit verdicts on views built here by hand (fast tests)."""
import subprocess
import sys

import numpy as np
import pytest

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks import keras_views as kv
from autograder.checks.public import tanh_practice as tp

RNG = np.random.default_rng(0)


def dense(units, act, w, b):
    return {"class": "Dense", "units": units, "activation": act, "use_bias": True,
            "weights": [w.astype(np.float32), b.astype(np.float32)]}


def view(weights, declared=True, optimizer="SGD", rate=0.1, iterations=1600):
    layers = [dense(w.shape[1], "tanh", w, b) for w, b in zip(weights[::2], weights[1::2])]
    return {"type": "Sequential", "is_model": True, "input_declared": declared,
            "input_shape": [1], "layers": layers,
            "compile": {"optimizer": {"class": optimizer, "learning_rate": rate,
                                      "momentum": 0.0, "nesterov": False,
                                      "iterations": iterations},
                        "loss": {"kind": "str", "name": "mse", "from_logits": None},
                        "metrics": []}}


def history(losses, epochs=100, steps=16):
    return {"type": "History", "is_history": True, "history": {"loss": [float(v) for v in losses]},
            "params": {"epochs": epochs, "steps": steps, "verbose": 0}}


INIT = kv.glorot_init([1, 6, 4, 1], 3)
TRAINED = [w + RNG.normal(0, 0.5, w.shape).astype(np.float32) for w in INIT]
X = RNG.uniform(0, 1, (500, 1))
PLAN, _ = kv.layer_plan(kv.read_model(view(TRAINED), "m"))
Y = kv.forward(PLAN, X)[:, 0] + RNG.normal(0, 0.03, 500)   # MSE of TRAINED on it ≈ 0.0009
SENT = {"X": X, "y": Y, "seed": 1, "init": INIT}


def record(after=TRAINED, losses=None, before=INIT, applied=True, **kw):
    losses = np.linspace(0.1, 0.0009, 100) if losses is None else losses
    return {"before": view(before), "init_applied": applied, "after": view(after, **kw),
            "history": history(losses), "seconds": 1.0}


def verdict(raw):
    return kf.regression_fit(raw, SENT, 0.015, "fit", 100, learning_rate=0.1)


def test_forward_pass_is_the_network():
    w = [np.asarray(a, np.float64) for a in TRAINED]
    manual = np.tanh(np.tanh(np.tanh(X @ w[0] + w[1]) @ w[2] + w[3]) @ w[4] + w[5])
    assert np.allclose(kv.forward(PLAN, X), manual, rtol=1e-12)
    assert np.allclose(tp.curve_truth(TRAINED), kv.forward(PLAN, tp.GRID), rtol=1e-12)


def test_an_honest_fit_passes_and_each_lie_fails_with_its_reason():
    assert verdict(record()).ok
    assert verdict(record(after=INIT)).key == "keras.not_trained"
    assert verdict(record(losses=[0.0009] * 50)).key == "keras.epochs"
    assert verdict(record(losses=np.linspace(0.1, 1e-5, 100))).key == "keras.history_mismatch"
    assert verdict(record(iterations=160)).key == "keras.updates_mismatch"
    assert verdict(record(optimizer="Adam")).key == "keras.learning_rate"
    assert verdict(record(before=TRAINED)).key == "keras.init_replaced"
    bad = [*TRAINED[:4], -TRAINED[4], -TRAINED[5] - 1.0]   # the curve upside down and lower
    mse = kv.mse(kv.layer_plan(kv.read_model(view(bad), "m"))[0], X, Y)
    assert mse > 0.1
    assert verdict(record(after=bad, losses=np.linspace(0.5, mse, 100))).key == "keras.mse_high"


@pytest.mark.parametrize("raw", [
    None, 3, "x", [], {}, {"before": None}, {"before": {"type": "Sequential"}},
    {**record(), "extra": 1}, {**record(), "after": {**view(TRAINED), "layers": "x"}},
    {**record(), "after": {**view(TRAINED), "input_shape": [10**6]}},
    {**record(), "history": {"type": "History", "is_history": True, "history": {"loss": ["a"]},
                             "params": {}}},
    {**record(), "after": view([np.zeros((1, 5000)), np.zeros(5000), np.zeros((5000, 1)),
                                np.zeros(1)])},
])
def test_hostile_records_fail_without_raising(raw):
    outcome = verdict(raw)
    assert not outcome.ok and outcome.key.startswith(("probe.", "keras.", "value."))


def test_structure_is_judged_after_building_and_a_missing_input_is_only_a_hint():
    layers = [("Dense", 6, "tanh"), ("Dense", 4, "tanh"), ("Dense", 1, "tanh")]
    outcome = kc.model_layers(view(INIT, declared=False), layers, (1,), 45, "m")
    assert outcome.ok and outcome.fields["notes"][0][0] == "keras.note_input"
    empty = {**view(INIT), "layers": []}
    assert kc.model_layers(empty, layers, (1,), 45, "m").fraction == 0


def test_the_grader_never_imports_tensorflow():
    code = (
        "import sys\n"
        "from autograder.grade import grade_file\n"
        "from autograder.checks import checks_for\n"
        "for aid in ('05_keras_regression', '06_mnist', '07_tanh_practice'):\n"
        "    for c in checks_for(aid):\n"
        "        try:\n"
        "            c.compare(None, None)\n"
        "        except Exception:\n"
        "            pass\n"
        "assert 'tensorflow' not in sys.modules and 'keras' not in sys.modules, 'TF imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
