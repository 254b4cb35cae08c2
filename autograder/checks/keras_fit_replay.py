"""05's fit_nonlinear: the grader's own model.fit of the student's network on nonlinear.csv,
replayed here in full.

The grader makes this fit call itself (probes/keras_models.fit: model.fit(X, y, epochs=1,
shuffle=False, verbose=0) on the data 30 times over in order, from its initial weights;
public/keras_regression.FIT_PASSES), so it fixes the batch order and can replay every one of the
938 mini-batch updates in numpy (keras_replay.in_order, 0.2 s for 3,200) with the
student's own layers. The returned weights must be that replay's (keras_replay.REL_TOL), then
their MSE on the 1,000 points (computed here) must reach the target. Weights set from a file, a
closed form or a fit of another model, and a model whose `fit` was replaced to do anything but
the documented training, no longer pass on their MSE alone.

Measured (TF 2.21, CPU, op determinism, as the child trains: one thread per TF pool, Grappler
off; `python bench/keras_attacks.py --replay`, bench/README.md): float32 Keras vs this float64
replay of the check's fit, one epoch of 30 passes (938 updates of SGD(5.0)) from Glorot init
seeds 7 / 1 / 2 / 3: 2.0e-6 / 3.0e-6 / 3.5e-6 / 2.2e-6 of the update (keras_replay.distance); the
nearest wrong procedures: 29 passes >= 6.3e-2, lr 4.9 >= 4.2e-2. REL_TOL 1e-4 sits 29x above the
worst float32
error and 420x below the nearest wrong procedure (one pass fewer or more is 31-32 updates off)."""
import numpy as np

from autograder.checks import keras_fit as kf
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_replay as kr
from autograder.checks import keras_views as kv
from autograder.compare import PASS, Outcome, fail

MESSAGES = {
    "keras.fit_replay.mismatch": {
        "ko": "{what}: 채점기가 같은 초기 가중치와 데이터로 model.fit(X, y, epochs={epochs}, "
              "shuffle=False)을 호출한 뒤(X, y: 데이터를 순서대로 {passes}번 이어 붙인 것)의 "
              "가중치가, 채점기가 재현한 {procedure} 학습 결과와 다릅니다 "
              "(갱신량의 {dist:.3g}배 차이, 허용 {tol:g}). 모델의 fit이 문서대로 학습하지 않습니다: "
              "가중치를 불러오거나 직접 정하지 말고, model.fit을 바꾸지 마세요.",
        "en": "{what}: after the grader's model.fit(X, y, epochs={epochs}, shuffle=False) from "
              "its initial weights (X, y: the data {passes} time(s) over, in order), the weights "
              "differ from {procedure} replayed by the grader on the same data (off by "
              "{dist:.3g} of the update, tolerance {tol:g}); the model's fit does not train as "
              "documented: do not load or set weights, do not replace model.fit"},
}


def replayed_fit(raw, sent, proc, max_mse, what):
    """fit probe output (the grader's shuffle=False fit of sent["X"], sent["y"] from
    sent["init"]) → PASS when the weights are the documented procedure's (replayed here with the
    network's own activations) and their MSE <= max_mse."""
    read = kf.read_training(raw, what, tuple(np.shape(sent["X"])[1:]))
    if isinstance(read, Outcome):
        return read
    before, after, _, applied = read
    init = [np.asarray(w, dtype=np.float32) for w in sent["init"]]
    outcome = kf.started_and_changed(before, after, init, applied, what)
    if not outcome.ok:
        return outcome
    if not all(np.all(np.isfinite(w)) for w in after.weights):
        return kf.diverged(after, what)
    plan, why = kv.layer_plan(after)
    if plan is None:
        return kf.cannot_evaluate(why, what)
    acts = kp._dense_acts(plan)
    if acts is None or any(a not in ("linear", "sigmoid", "tanh", "relu") for a in acts):
        return fail("keras.cannot_evaluate.layer", what=what, detail="Dense")
    start = [np.asarray(w, dtype=np.float64) for w in (init if applied else before.weights)]
    if [w.shape for w in start] != [w.shape for w in after.weights]:
        return fail("keras.cannot_evaluate.weights", what=what, detail="Dense")
    X, y = np.asarray(sent["X"], dtype=np.float64), np.asarray(sent["y"], dtype=np.float64)
    passes = sent.get("passes", 1)
    Xp, yp = np.concatenate([X] * passes), np.concatenate([y] * passes)  # what the fit saw
    want = _replay(start, acts, Xp, yp, proc)
    if want is None:
        return fail("keras.diverged", what=what, lr=f"{proc.learning_rate:g}")
    dist = kr.distance(after.weights, want, start)
    if dist > kr.REL_TOL:
        return _mismatch(after, start, acts, Xp, yp, proc, dist, what, passes)
    computed = kv.mse(plan, X, y)
    if computed is None:
        return kf.cannot_evaluate(("output", "1"), what)
    if computed > max_mse:
        return fail("keras.mse_high", what=what, actual=computed, target=max_mse,
                    seed=sent["seed"])
    return PASS


def _replay(start, acts, X, y, proc):
    try:
        w = kr.in_order(start, acts, X, y, proc.loss, proc.optimizer, proc.learning_rate,
                        proc.epochs, proc.batch_size)
    except ValueError:
        return None
    return w if all(np.all(np.isfinite(a)) for a in w) else None


def _mismatch(after, start, acts, X, y, proc, dist, what, passes=1):
    """The suspect the model reports (its compile's optimizer, rate, loss), replayed: "trained
    as if with ..." when it matches, else the plain mismatch."""
    other = kp.candidate(after, proc)
    if other is not None and other != proc:
        got = _replay(start, acts, X, y, other)
        if got is not None and kr.distance(after.weights, got, start) <= kr.REL_TOL:
            return fail("keras.procedure.as_if", what=what, actual=other.show(),
                        expected=proc.show())
    return fail("keras.fit_replay.mismatch", what=what, epochs=proc.epochs, passes=passes,
                procedure=proc.show(), dist=dist, tol=kr.REL_TOL)
