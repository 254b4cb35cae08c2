"""The grader's side of the Keras checks, without TensorFlow: strict reading of hostile views,
the numpy forward pass, the numpy replay of the documented procedures, and the fit verdicts on
views built here by hand (fast tests)."""
import subprocess
import sys

import numpy as np
import pytest

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_replay as kr
from autograder.checks import keras_views as kv
from autograder.checks.public import tanh_practice as tp

RNG = np.random.default_rng(0)


def dense(units, act, w, b):
    return {"class": "Dense", "units": units, "activation": act, "use_bias": True,
            "weights": [w.astype(np.float32), b.astype(np.float32)]}


def view(weights, declared=True, optimizer="SGD", rate=0.1, iterations=1600):
    layers = [dense(w.shape[1], "tanh", w, b) for w, b in zip(weights[::2], weights[1::2])]
    return {"type": "Sequential", "is_model": True, "input_declared": declared, "built": True,
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
    return kf.regression_fit(raw, SENT, 0.015, "fit")


def test_forward_pass_is_the_network():
    w = [np.asarray(a, np.float64) for a in TRAINED]
    manual = np.tanh(np.tanh(np.tanh(X @ w[0] + w[1]) @ w[2] + w[3]) @ w[4] + w[5])
    assert np.allclose(kv.forward(PLAN, X), manual, rtol=1e-12)
    assert np.allclose(tp.curve_truth(TRAINED), kv.forward(PLAN, tp.GRID), rtol=1e-12)


def test_an_honest_fit_passes_and_the_outcome_decides():
    assert verdict(record()).ok
    assert verdict(record(after=INIT)).key == "keras.not_trained"
    assert verdict(record(before=TRAINED)).key == "keras.init_replaced"
    nan = [w.copy() for w in TRAINED]
    nan[4][0, 0] = np.nan
    assert verdict(record(after=nan)).key == "keras.diverged"
    bad = [*TRAINED[:4], -TRAINED[4], -TRAINED[5] - 1.0]   # the curve upside down and lower
    mse = kv.mse(kv.layer_plan(kv.read_model(view(bad), "m"))[0], X, Y)
    assert mse > 0.1
    assert verdict(record(after=bad, losses=np.linspace(0.5, mse, 100))).key == "keras.mse_high"


def test_what_the_child_reports_about_training_earns_and_costs_nothing():
    # issue 21: History length, losses, update count, optimizer: none of them decide
    for raw in (record(losses=[0.0009] * 50), record(losses=np.linspace(0.1, 1e-5, 100)),
                record(iterations=160), record(optimizer="Adam"),
                {**record(), "history": {"type": "dict", "is_history": False}},
                {**record(), "history": {"type": "History", "is_history": True,
                                         "history": {"loss": ["a"]}, "params": {}}}):
        assert verdict(raw).ok
    assert not verdict(record(after=INIT, losses=np.linspace(0.1, 0.0009, 100))).ok


@pytest.mark.parametrize("raw", [
    None, 3, "x", [], {}, {"before": None}, {"before": {"type": "Sequential"}},
    {**record(), "extra": 1}, {**record(), "after": {**view(TRAINED), "layers": "x"}},
    {**record(), "after": {**view(TRAINED), "input_shape": [10**6]}},
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


# -- replay of the documented procedures (keras_replay, keras_procedure) -------------------------
PROC = kp.Procedure("SGD", 0.1, "mse", 100, ("tanh", "tanh", "tanh"))
TRIALS = kp.regression_trials(np.random.default_rng(5), [1, 6, 4, 1], 0.0, (1.2, 1.6))


def keras_like(trial, optimizer="SGD", lr=0.1, loss="mse", steps=None, acts=("tanh",) * 3):
    """What Keras returns for a procedure, stood in for by the replay rounded to float32."""
    steps = PROC.steps(len(trial["x"])) if steps is None else steps
    path = kr.trajectory(trial["init"], acts, trial["x"][:1], trial["y"][:1], loss, optimizer, lr,
                         steps)
    return [w.astype(np.float32) for w in path[steps]]


def trial_record(weights_list, optimizer="SGD", rate=0.1, steps=None, applied=True):
    out = []
    for weights, trial in zip(weights_list, TRIALS):
        after = view(weights, optimizer=optimizer, rate=rate)
        hist = history([0.1], epochs=100, steps=2 if steps is None else steps)
        out.append({"init_applied": applied, "start": list(trial["init"]), "after": after,
                    "history": hist})
    return {"before": view(TRIALS[0]["init"]), "trials": out}


def judge(weights_list, **kw):
    return kp.fit_outcome(trial_record(weights_list, **kw), {"trials": TRIALS}, PROC, "fit")


def test_the_documented_procedure_passes_and_each_deviation_says_what_differs():
    assert judge([keras_like(t) for t in TRIALS]).ok
    out = judge([keras_like(t, steps=99 * kr.updates_per_epoch(len(t["x"]))) for t in TRIALS])
    assert (out.key, out.fields["found"]) == ("keras.procedure.epochs", 99)
    out = judge([keras_like(t, steps=100) for t in TRIALS])   # batch 128: 1 update per epoch
    assert (out.key, out.fields["sizes"]) == ("keras.procedure.batch", ">= 70")
    out = judge([keras_like(t, lr=0.01) for t in TRIALS], rate=0.01)
    assert (out.key, out.fields["actual"]) == ("keras.procedure.as_if",
                                               "SGD(learning_rate=0.01) + mse")
    out = judge([keras_like(t, lr=0.01) for t in TRIALS])    # the child claims 0.1: no as-if
    assert out.key == "keras.procedure.mismatch"
    assert judge([t["init"] for t in TRIALS]).key == "keras.procedure.not_trained"
    same = keras_like(TRIALS[0])
    assert judge([same, same]).key == "keras.procedure.same_weights"
    assert judge([keras_like(t) for t in TRIALS], steps=13).ok   # a History lie changes nothing


def test_a_history_no_batch_size_explains_is_named_after_the_weights_failed():
    wrong = [keras_like(t, lr=0.2) for t in TRIALS]
    assert judge(wrong, steps=13).key == "keras.procedure.other_steps"   # 13: no batch gives it
    assert judge(wrong, steps=2).key == "keras.procedure.mismatch"


def test_float32_rounding_is_far_inside_the_tolerance_and_one_update_far_outside():
    for trial in TRIALS:
        want = PROC.steps(len(trial["x"]))
        path = kr.trajectory(trial["init"], PROC.acts, trial["x"][:1], trial["y"][:1], "mse",
                             "SGD", 0.1, want + 1)
        init = [np.asarray(w, np.float64) for w in trial["init"]]
        rounded = [w.astype(np.float32) for w in path[want]]
        assert kr.distance(rounded, path[want], init) < kr.REL_TOL / 10
        assert kr.distance(path[want + 1], path[want], init) > 3 * kr.REL_TOL


def test_the_replay_gradient_is_the_derivative_of_the_loss():
    trial = TRIALS[0]
    w = [np.asarray(a, np.float64) for a in trial["init"]]
    for loss, acts in (("mse", ("tanh",) * 3), ("mse", ("sigmoid",) * 3)):
        g = kr.gradient(w, acts, trial["x"][:1], trial["y"][:1], loss)
        eps = 1e-6
        for k in range(len(w)):
            bumped = [a.copy() for a in w]
            bumped[k].flat[0] += eps
            lo = [a.copy() for a in w]
            lo[k].flat[0] -= eps
            f = lambda ws: float(np.mean((kr._forward(ws, acts, trial["x"][:1])[-1]
                                          - trial["y"][:1].reshape(-1, 1)) ** 2))
            assert abs((f(bumped) - f(lo)) / (2 * eps) - g[k].flat[0]) < 1e-6


def test_sparse_crossentropy_gradient_and_untouched_inputs():
    rng = np.random.default_rng(1)
    trials = kp.mnist_trials(rng, [784, 8, 10])
    trial = trials[0]
    w = [np.asarray(a, np.float64) for a in trial["init"]]
    g = kr.gradient(w, ("relu", "softmax"), trial["x"][:1], trial["y"][:1],
                    "sparse_categorical_crossentropy")
    zero = trial["x"][0].reshape(-1) == 0
    assert zero.sum() > 500 and not g[0][zero].any()   # zero pixels: no gradient, no update
    path = kr.trajectory(trial["init"], ("relu", "softmax"), trial["x"][:1], trial["y"][:1],
                         "sparse_categorical_crossentropy", "Adam", 0.001, 4)
    honest = kp.Trial(True, (), kv.Model(True, True, (28, 28), (
        kv.Layer("Dense", 8, "relu", True, tuple(path[4][:2])),), None), None)
    assert kp.untouched_inputs([honest], [trial]) is None
    moved = [a.copy() for a in path[4][:2]]
    moved[0][zero.nonzero()[0][:3]] += 0.01
    other = kp.Trial(True, (), kv.Model(True, True, (28, 28), (
        kv.Layer("Dense", 8, "relu", True, tuple(moved)),), None), None)
    assert kp.untouched_inputs([other], [trial]) == {"moved": 3, "zeros": int(zero.sum())}


def test_compile_checks_pay_the_half_the_weights_show():
    proc = kp.Procedure("SGD", 0.1, "mse", 3)
    sent = {"trials": TRIALS}

    def compiled(optimizer, rate, loss, claim_rate=None, claim_loss="mse"):
        rec = trial_record([keras_like(t, optimizer=optimizer, lr=rate, loss=loss,
                                       steps=proc.steps(len(t["x"]))) for t in TRIALS],
                           optimizer=optimizer, rate=claim_rate or rate)
        for item in rec["trials"]:
            item["after"]["compile"]["loss"]["name"] = claim_loss
        return kp.compile_outcome(rec, sent, proc, "m")

    assert compiled("SGD", 0.1, "mse").ok
    assert compiled("SGD", 0.5, "mse").fraction == 0.5                    # rate wrong, loss right
    assert compiled("SGD", 0.1, "mae", claim_loss="mae").fraction == 0.5  # loss wrong
    assert compiled("SGD", 0.5, "mse", claim_rate=0.1).fraction == 0      # a claim that lies


def test_a_model_never_built_is_named():
    layers = [("Dense", 6, "tanh"), ("Dense", 4, "tanh"), ("Dense", 1, "tanh")]
    unbuilt = {**view(INIT), "built": False, "input_shape": None, "layers": []}
    assert kc.model_layers(unbuilt, layers, (1,), 45, "m").key == "keras.not_built"


def test_an_uncompiled_or_unbuilt_model_in_a_training_check_is_named():
    sent = {"trials": TRIALS}
    uncompiled = {"before": {**view(INIT), "compile": None}, "trials": []}
    assert kp.compile_outcome(uncompiled, sent, PROC, "m").key == "keras.not_compiled"
    unbuilt = {"before": {**view(INIT), "built": False, "layers": []}, "trials": []}
    out = kp.compile_outcome(unbuilt, sent, PROC, "m")
    assert (out.key, out.fields["shape"]) == ("keras.not_built", (1,))
