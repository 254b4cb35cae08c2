"""Verdicts on Keras training (05, 06, 07), computed in the grader from the views the child sends.

What the grader decides itself: the model started from the grader's initial weights (when it has
the contract's shapes), its weights changed, the MSE / accuracy of the returned weights by a numpy
forward pass on data the grader holds, and that the History's final loss agrees with that MSE.
What only the child can report (docs/SECURITY.md, "Child-reported facts (Keras)"): the epochs and
steps in History.params, the optimizer's class/rate/iterations after training.
"""
import math

import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_views as kv
from autograder.compare import PASS, Outcome, fail

MESSAGES = {
    "keras.history": {
        "ko": "{what}: model.fit()이 돌려준 History 객체를 반환해야 하는데 {actual}을(를) "
              "반환했습니다. return model.fit(...)으로 바꾸세요.",
        "en": "{what}: should return the History from model.fit(), got {actual}; "
              "use return model.fit(...)"},
    "keras.epochs": {
        "ko": "{what}: {actual} 에폭을 학습했습니다. model.fit(..., epochs={expected})로 "
              "{expected} 에폭을 학습하세요.",
        "en": "{what}: trained {actual} epochs; train {expected} with "
              "model.fit(..., epochs={expected})"},
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
    "keras.learning_rate": {
        "ko": "{what}: 학습 후 최적화 함수가 {actual}입니다. {expected}(으)로 학습하세요 "
              "(다시 compile하지 마세요).",
        "en": "{what}: after training the optimizer is {actual}; train with {expected} "
              "(do not compile again)"},
    "keras.history_mismatch": {
        "ko": "{what}: History의 마지막 손실 {reported:.5f}이(가) 학습된 가중치로 인자 X, y에서 계산한 "
              "오차 {computed:.5f}와 맞지 않습니다. 인자로 받은 X, y로 학습하고 model.fit()이 돌려준 "
              "History를 그대로 반환하세요.",
        "en": "{what}: the History's final loss {reported:.5f} does not match the error "
              "{computed:.5f} of the trained weights on the X, y passed in; train on that X, y "
              "and return the History model.fit() gave"},
    "keras.updates_mismatch": {
        "ko": "{what}: History는 {epochs} 에폭 × {steps} 스텝이라고 하지만 최적화 함수는 {updates}번 "
              "갱신했습니다. model.fit()이 돌려준 History를 그대로 반환하세요.",
        "en": "{what}: the History reports {epochs} epochs x {steps} steps but the optimizer made "
              "{updates} updates; return the History model.fit() gave"},
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
    "keras.test_leak": {
        "ko": "{what}: 테스트 정확도({test:.4f})가 훈련 정확도({train:.4f})보다 {gap:.4f} 높습니다 "
              "(허용 {limit}). 인자로 받은 훈련 데이터로만 학습하세요.",
        "en": "{what}: test accuracy ({test:.4f}) exceeds training accuracy ({train:.4f}) by "
              "{gap:.4f} (allowed {limit}); train only on the training data passed in"},
    "keras.acc_high": {
        "ko": "{what}: 테스트 정확도 {actual:.4f}가 이 학습 조건에서 가능한 상한 {limit}보다 높습니다. "
              "인자로 받은 훈련 데이터로만 학습하세요.",
        "en": "{what}: test accuracy {actual:.4f} is above what this training can reach "
              "({limit}); train only on the training data passed in"},
    "keras.steps": {
        "ko": "{what}: 데이터 {n}개로 에폭당 {steps} 스텝을 학습했습니다. 인자로 받은 데이터로 "
              "학습하세요.",
        "en": "{what}: ran {steps} steps per epoch on {n} given samples; train on the data "
              "passed in"},
}

# The History's final loss is the mean of the last epoch's batch losses while the weights still
# move, the grader's MSE is computed after it. Measured ratio reported / computed (TF 2.21, CPU,
# grader's Glorot init): 05 0.66-1.07 (5 inits on nonlinear.csv, 7 drawn sets), 07 0.90-2.00
# (5 inits on dataset2.csv, 7 drawn sets; 2.00 once, a noisy last epoch). Accepted: within a
# factor 3 (margin 1.5x); a History copied from another run or written by hand is typically off
# by 10x or more (e.g. 0.003 reported for an untrained 0.07).
HISTORY_FACTOR = 3.0

TRAINED_KEYS = {"before", "init_applied", "after", "history", "seconds"}


def cannot_evaluate(why, what):
    """A layer_plan reason (key, detail) → its message."""
    reason, detail = why
    return fail(f"keras.cannot_evaluate.{reason}", what=what, detail=detail)


def read_training(raw, what):
    """fit / mnist_train probe output → (before, after, history, init_applied) or an Outcome."""
    if type(raw) is dict and set(raw) == {"before"}:
        model = kv.read_model(raw["before"], what)
        return model if isinstance(model, Outcome) else kv.malformed(what, "training record")
    if type(raw) is not dict or set(raw) != TRAINED_KEYS or type(raw["init_applied"]) is not bool:
        return kv.malformed(what, "training record")
    before = kv.read_model(raw["before"], what)
    if isinstance(before, Outcome):
        return before
    after = kv.read_model(raw["after"], what)
    if isinstance(after, Outcome):
        return after
    history = kv.read_history(raw["history"], what)
    if isinstance(history, Outcome):
        return history
    return before, after, history, raw["init_applied"]


def epochs_outcome(history, epochs, what):
    """History.params["epochs"] and the number of recorded losses are both `epochs`."""
    for got in (history.epochs(), len(history.losses())):
        if got != epochs:
            return fail("keras.epochs", what=what, actual=got, expected=epochs)
    return PASS


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


def history_agrees(history, computed, what):
    """The History's final loss is within HISTORY_FACTOR of the loss computed here."""
    losses = history.losses()
    reported = losses[-1] if losses else None
    if reported is None or computed is None or not math.isfinite(computed):
        return fail("keras.history_mismatch", what=what, reported=float("nan"),
                    computed=float("nan") if computed is None else computed)
    low, high = sorted((max(reported, 1e-12), max(computed, 1e-12)))
    if high / low > HISTORY_FACTOR:
        return fail("keras.history_mismatch", what=what, reported=reported, computed=computed)
    return PASS


def updates_agree(after, history, epochs, what):
    """The optimizer's update count equals epochs x steps (both child-reported: consistency)."""
    steps = history.params.get("steps")
    updates = after.compile["optimizer"]["iterations"] if after.compile else None
    if type(steps) is not int or updates != epochs * steps:
        return fail("keras.updates_mismatch", what=what, epochs=epochs, steps=steps,
                    updates=updates)
    return PASS


def regression_fit(raw, sent, max_mse, what, epochs, learning_rate=None):
    """A seeded fit on the grader's data `sent["X"], sent["y"]` from its initial weights
    `sent["init"]`: History of `epochs` epochs that agrees with the weights, weights changed,
    with `learning_rate` still SGD at that rate, and MSE (computed here) <= max_mse."""
    read = read_training(raw, what)
    if isinstance(read, Outcome):
        return read
    before, after, history, applied = read
    init = [np.asarray(w, dtype=np.float32) for w in sent["init"]]
    for outcome in (epochs_outcome(history, epochs, what),
                    started_and_changed(before, after, init, applied, what)):
        if not outcome.ok:
            return outcome
    if learning_rate is not None:
        if after.compile is None:
            return fail("keras.not_compiled", what=what)
        outcome = kc.optimizer_outcome(after.compile, "SGD", learning_rate, what)
        if not outcome.ok:
            return fail("keras.learning_rate", **outcome.fields)
    plan, why = kv.layer_plan(after)
    computed = kv.mse(plan, sent["X"], sent["y"]) if plan is not None else None
    if computed is None:
        return cannot_evaluate(why or ("output", "1"), what)
    for outcome in (history_agrees(history, computed, what),
                    updates_agree(after, history, epochs, what)):
        if not outcome.ok:
            return outcome
    if not math.isfinite(computed) or computed > max_mse:
        return fail("keras.mse_high", what=what, actual=computed, target=max_mse,
                    seed=sent["seed"])
    return PASS


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
    """mnist_train output → (after, history, plan) once the History has the asked epochs and
    training started from the grader's weights and changed them; else an Outcome."""
    read = read_training(raw, what)
    if isinstance(read, Outcome):
        return read
    before, after, history, applied = read
    init = sent.get("init")
    init = None if init is None else [np.asarray(w, dtype=np.float32) for w in init]
    for outcome in (epochs_outcome(history, sent["epochs"], what),
                    started_and_changed(before, after, init, applied, what)):
        if not outcome.ok:
            return outcome
    plan, why = kv.layer_plan(after)
    if plan is None:
        return cannot_evaluate(why, what)
    return after, history, plan
