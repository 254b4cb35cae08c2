"""Outcome verdicts on Keras training (05, 06, 07): the MSE / accuracy the returned weights reach,
computed in the grader by a numpy forward pass on data it holds, after a training that started
from the grader's initial weights and moved them. How the model was trained (optimizer, rate,
loss, epochs, batch size) is judged by replay: keras_procedure.py. Nothing the child reports about
its training (History, optimizer state) earns or costs a point here.
"""
import math

import numpy as np

from autograder.checks import keras_views as kv
from autograder.compare import PASS, Outcome, fail

MESSAGES = {
    "keras.not_trained": {
        "ko": "{what}: 학습 후에도 모델의 가중치가 처음과 같습니다. 인자로 받은 모델에 model.fit(...)을 "
              "호출하세요.",
        "en": "{what}: the model's weights are the same after training; call model.fit(...) on "
              "the model passed in"},
    "keras.init_replaced": {
        "ko": "{what}: 학습 전 모델의 가중치가 채점기가 넣은 초기 가중치와 다릅니다. 전달받은 모델을 "
              "그대로 학습하세요 (새 모델을 만들거나 가중치를 바꾸지 마세요).",
        "en": "{what}: before training, the model's weights are not the initial weights the "
              "grader set; train the model as given (do not build a new one or replace weights)"},
    "keras.cannot_evaluate.not_built": {
        "ko": "{what}: 학습된 모델이 만들어지지(build) 않아 가중치가 없습니다. 입력 모양을 선언하거나 "
              "과제의 입력으로 model.fit()을 호출하세요.",
        "en": "{what}: the trained model was never built and has no weights; declare the input "
              "shape or fit it on the assignment's input"},
    "keras.cannot_evaluate.input": {
        "ko": "{what}: 학습된 모델의 입력 모양을 알 수 없어 계산할 수 없습니다. 과제의 입력 모양을 쓰세요.",
        "en": "{what}: the trained model's input shape is unknown, so it cannot be evaluated; "
              "use the assignment's input shape"},
    "keras.cannot_evaluate.activation": {
        "ko": "{what}: 채점기가 계산하지 못하는 활성화 함수 {detail}이(가) 있습니다. 과제의 활성화 함수를 "
              "쓰세요.",
        "en": "{what}: the model uses the activation {detail}, which the grader does not "
              "evaluate; use the assignment's activations"},
    "keras.cannot_evaluate.layer": {
        "ko": "{what}: 채점기가 계산하지 못하는 층 {detail}이(가) 있습니다. 과제의 층 구성을 쓰세요.",
        "en": "{what}: the model has a {detail} layer, which the grader does not evaluate; use "
              "the assignment's layers"},
    "keras.cannot_evaluate.weights": {
        "ko": "{what}: {detail} 층의 가중치 모양이 층 구성과 맞지 않습니다.",
        "en": "{what}: the weight shapes of the {detail} layer do not fit the network"},
    "keras.cannot_evaluate.size": {
        "ko": "{what}: 모델이 너무 큽니다 ({detail}). 과제의 층 구성을 쓰세요.",
        "en": "{what}: the model is too large ({detail}); use the assignment's layers"},
    "keras.cannot_evaluate.output": {
        "ko": "{what}: 모델의 출력이 {detail}개 값이 아닙니다. 과제의 출력 층을 쓰세요.",
        "en": "{what}: the model does not output {detail} values per sample; use the "
              "assignment's output layer"},
    "keras.mse_high": {
        "ko": "{what}: 학습 후 평균 제곱 오차가 {actual:.5f}로 목표 {target} 이하에 도달하지 못했습니다 "
              "(시드 {seed}). 층 구성, 학습률, 에폭 수를 확인하세요.",
        "en": "{what}: the mean squared error after training is {actual:.5f}, target <= "
              "{target} (seed {seed}); check the layers, learning rate and epochs"},
    "keras.acc_low": {
        "ko": "{what}: 테스트 정확도 {actual:.4f}가 목표 {target} 미만입니다 ({epochs} 에폭, 시드 "
              "{seed}). 층 구성, 손실 함수, 입력 정규화를 확인하세요.",
        "en": "{what}: test accuracy {actual:.4f} is below the target {target} ({epochs} epochs, "
              "seed {seed}); check the layers, the loss and the input scaling"},
    "keras.not_from_init": {
        "ko": "{what}: 학습 후 가중치가 채점기가 넣은 초기 가중치에서 출발한 학습의 결과가 아닙니다 (첫 층 "
              "가중치와 초기 가중치의 상관계수 {corr:.3f}, 정직한 학습은 {limit} 이상). 다른 곳에서 "
              "학습한 가중치를 불러오거나 설정하지 말고, 전달받은 모델을 그대로 학습하세요.",
        "en": "{what}: the trained weights do not descend from the initial weights the grader "
              "set (correlation of the first-layer kernel with them {corr:.3f}; honest training "
              "keeps >= {limit}); do not load or set weights trained elsewhere, train the model "
              "as given"},
    "keras.test_leak": {
        "ko": "{what}: 테스트 세트로 학습한 흔적이 있습니다: 테스트 정확도({test:.4f})가 훈련 정확도"
              "({train:.4f})보다 {gap:.4f} 높습니다 (허용 {limit}). 테스트 데이터로 학습하지 말고 인자로 "
              "받은 x_train, y_train으로만 학습하세요.",
        "en": "{what}: signs of training on the test set: test accuracy ({test:.4f}) exceeds "
              "training accuracy ({train:.4f}) by {gap:.4f} (allowed {limit}); do not train on "
              "the test data, train only on the x_train, y_train passed in"},
    "keras.acc_high": {
        "ko": "{what}: 테스트 세트로 학습한 흔적이 있습니다: 테스트 정확도 {actual:.4f}가 이 학습 "
              "조건에서 가능한 상한 {limit}보다 높습니다. 테스트 데이터로 학습하지 말고 인자로 받은 "
              "x_train, y_train으로만 학습하세요.",
        "en": "{what}: signs of training on the test set: test accuracy {actual:.4f} is above "
              "what this training can reach ({limit}); do not train on the test data, train "
              "only on the x_train, y_train passed in"},
}

TRAINED_KEYS = {"before", "init_applied", "after", "history", "seconds"}


def cannot_evaluate(why, what):
    """A layer_plan reason (key, detail) → its message."""
    reason, detail = why
    return fail(f"keras.cannot_evaluate.{reason}", what=what, detail=detail)


def read_training(raw, what, shape=None):
    """fit / mnist_train probe output → (before, after, history, init_applied) or an Outcome."""
    if type(raw) is dict and set(raw) == {"before"}:
        model = kv.read_model(raw["before"], what)
        if isinstance(model, Outcome):
            return model
        if not model.built:
            return fail("keras.not_built", what=what, shape=shape)
        return kv.malformed(what, "training record")
    if type(raw) is not dict or set(raw) != TRAINED_KEYS or type(raw["init_applied"]) is not bool:
        return kv.malformed(what, "training record")
    before = kv.read_model(raw["before"], what)
    if isinstance(before, Outcome):
        return before
    after = kv.read_model(raw["after"], what)
    if isinstance(after, Outcome):
        return after
    history = kv.read_history(raw["history"], what)  # only ever shapes a message
    return before, after, None if isinstance(history, Outcome) else history, raw["init_applied"]


def started_and_changed(before, after, init, applied, what):
    """The grader's initial weights were in place (when it could set them) and training moved
    them."""
    if applied and not kv.same_weights(before, init):
        return fail("keras.init_replaced", what=what)
    if init is not None and not applied and [w.shape for w in before.weights] == \
            [w.shape for w in init]:
        return fail("keras.init_replaced", what=what)
    if not kv.weights_changed(before, after):
        return fail("keras.not_trained", what=what)
    return PASS


def regression_fit(raw, sent, max_mse, what):
    """A seeded fit on the grader's data `sent["X"], sent["y"]` from its initial weights
    `sent["init"]`: the weights changed, stayed finite, and their MSE (computed here) <= max_mse."""
    read = read_training(raw, what, tuple(np.shape(sent["X"])[1:]))
    if isinstance(read, Outcome):
        return read
    before, after, _, applied = read
    init = [np.asarray(w, dtype=np.float32) for w in sent["init"]]
    outcome = started_and_changed(before, after, init, applied, what)
    if not outcome.ok:
        return outcome
    if not all(np.all(np.isfinite(w)) for w in after.weights):
        return diverged(after, what)
    plan, why = kv.layer_plan(after)
    computed = kv.mse(plan, sent["X"], sent["y"]) if plan is not None else None
    if computed is None:
        return cannot_evaluate(why or ("output", "1"), what)
    if not math.isfinite(computed):
        return diverged(after, what)
    if computed > max_mse:
        return fail("keras.mse_high", what=what, actual=computed, target=max_mse,
                    seed=sent["seed"])
    return PASS


def diverged(after, what):
    """Non-finite weights: the message names the rate the model reports (a message, no verdict)."""
    opt = after.compile["optimizer"] if after.compile else None
    rate = opt["learning_rate"] if opt else None
    return fail("keras.diverged", what=what, lr="?" if rate is None else f"{rate:g}")


def mnist_trained_from(raw, expected, what):
    """`mnist_trained` on a check's expected value {"sent", "mnist"} → (history, plan, mnist) or
    an Outcome (also when the grader has no MNIST file to judge with)."""
    if expected["mnist"] is None:
        return fail("mnist.no_data", what=what)
    read = mnist_trained(raw, expected["sent"], what)
    if isinstance(read, Outcome):
        return read
    return read[1], read[2], expected["mnist"]


def mnist_trained(raw, sent, what):
    """mnist_train output → (after, history, plan) once training started from the grader's
    weights and changed them (finite); else an Outcome. The History is not judged."""
    read = read_training(raw, what, (28, 28))
    if isinstance(read, Outcome):
        return read
    before, after, history, applied = read
    init = sent.get("init")
    init = None if init is None else [np.asarray(w, dtype=np.float32) for w in init]
    outcome = started_and_changed(before, after, init, applied, what)
    if not outcome.ok:
        return outcome
    if not all(np.all(np.isfinite(w)) for w in after.weights):
        return diverged(after, what)
    if applied and init is not None:
        outcome = descends_from(after, init, what)
        if not outcome.ok:
            return outcome
    plan, why = kv.layer_plan(after)
    if plan is None:
        return cannot_evaluate(why, what)
    return after, history, plan


# Training moves a large first layer only so far from where it starts: the correlation of the
# returned first kernel with the grader's initial one (784 x 256 = 200,704 weights, 06) measured
# (TF 2.21, CPU, /work/shared/data/mnist.npz, from the grader's Glorot init seed 7): quick mode's
# 1 epoch on 12,000 rows 0.886-0.890 (30 TF seeds, bench/keras_spread.py --only 06q); 1 epoch on
# 60,000 0.709 / 0.711 (TF seeds 7 / 1), 5 epochs 0.422, 10 epochs 0.316; a wrong rate,
# Adam(0.01) for 1 epoch, 0.213;
# weights trained the same way from another Glorot draw (seed 8) 0.0026 (independent draws:
# sd 1 / sqrt(200,704) = 0.0022). MIN_INIT_CORR 0.05: 8x below the documented 5 epochs, 4x
# below a 10x rate (whose own checks judge it, not this one), 22 sd above unrelated weights.
# A speed bump, not a proof: weights from elsewhere blended with the grader's start pass it
# (docs/SECURITY.md, residual).
MIN_INIT_CORR = 0.05


def descends_from(after, init, what):
    """The returned first kernel still correlates with the grader's initial one: the weights were
    trained from the start the grader set, not set from weights trained elsewhere (a file)."""
    got = after.weights[0] if after.weights else None
    if got is None or got.shape != init[0].shape or got.size < 1000:
        return PASS  # too small for the statistic (07's 1x6 kernel): the replay judges those
    corr = float(np.corrcoef(np.ravel(got).astype(np.float64),
                             np.ravel(init[0]).astype(np.float64))[0, 1])
    if not np.isfinite(corr) or corr < MIN_INIT_CORR:
        return fail("keras.not_from_init", what=what, corr=corr if np.isfinite(corr) else 0.0,
                    limit=MIN_INIT_CORR)
    return PASS
