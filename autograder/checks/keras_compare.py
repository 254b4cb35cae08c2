"""Comparisons for the Keras assignments (05, 06, 07): pure functions over the plain facts that
`autograder/probes/keras_models.py` returns. The grader never imports TensorFlow: the expected
structure lives here and in the checks modules.

Equivalent valid Keras spellings are accepted: `keras.Input((1,))`, `input_shape=` or
`input_dim=`; activation strings or functions (`"relu"`, `keras.activations.relu`, `tf.nn.relu`)
or a separate `Activation`/`ReLU`/`Softmax` layer after a linear `Dense`; optimizer strings or
objects; loss strings in any alias (`"mse"`, `"MSE"`, `"mean_squared_error"`) or objects/functions;
metric `"accuracy"`/`"acc"`/`"sparse_categorical_accuracy"` or the SparseCategoricalAccuracy
object/function.
"""
import math

import numpy as np

from autograder.compare import PASS, all_of, fail, same_array
from autograder.sandbox.codec import Unsupported

MESSAGES = {
    "keras.not_model": {
        "ko": "{what}: 컴파일된 keras 모델을 반환해야 하는데 {actual}을(를) 반환했습니다.",
        "en": "{what}: expected a compiled keras model, got {actual}"},
    "keras.layers": {
        "ko": "{what}: 층 구성이 {actual}입니다. 기대한 구성은 {expected}입니다.",
        "en": "{what}: layers are {actual}; expected {expected}"},
    "keras.input_shape": {
        "ko": "{what}: 입력 모양이 {actual}입니다. keras.Input({expected}) 등으로 입력 모양 {expected}을(를) "
              "지정하세요.",
        "en": "{what}: input shape {actual}; declare the input shape {expected}, e.g. "
              "keras.Input({expected})"},
    "keras.params": {
        "ko": "{what}: 학습 파라미터 수가 {actual}개입니다. 기대값은 {expected}개입니다.",
        "en": "{what}: {actual} parameters, expected {expected}"},
    "keras.not_compiled": {
        "ko": "{what}: 모델이 compile()되지 않았습니다.",
        "en": "{what}: the model is not compiled (call model.compile)"},
    "keras.optimizer": {
        "ko": "{what}: 최적화 함수가 {actual}입니다. 기대값은 {expected}입니다.",
        "en": "{what}: optimizer {actual}, expected {expected}"},
    "keras.loss": {
        "ko": "{what}: 손실 함수가 {actual}입니다. 기대값은 {expected}입니다.",
        "en": "{what}: loss {actual}, expected {expected}"},
    "keras.metrics": {
        "ko": "{what}: metrics {actual}에 정확도(\"accuracy\")가 없습니다.",
        "en": "{what}: metrics {actual} do not include \"accuracy\""},
    "keras.history": {
        "ko": "{what}: model.fit()이 돌려준 History 객체를 반환해야 하는데 {actual}을(를) 반환했습니다.",
        "en": "{what}: should return the History from model.fit(), got {actual}"},
    "keras.epochs": {
        "ko": "{what}: {actual} 에폭을 학습했습니다. {expected} 에폭이어야 합니다.",
        "en": "{what}: trained {actual} epochs, expected {expected}"},
    "keras.learning_rate": {
        "ko": "{what}: 학습 후 최적화 함수의 학습률이 {actual}입니다. {expected}이어야 합니다.",
        "en": "{what}: the optimizer's learning rate after training is {actual}, "
              "expected {expected}"},
    "keras.mse_high": {
        "ko": "{what}: 학습 후 평균 제곱 오차가 {actual:.5f}로 목표 {target} 이하에 도달하지 못했습니다 "
              "(시드 {seed}).",
        "en": "{what}: mean squared error after training is {actual:.5f}, target <= {target} "
              "(seed {seed})"},
    "keras.acc_low": {
        "ko": "{what}: 테스트 정확도 {actual:.4f}가 목표 {target} 미만입니다 ({epochs} 에폭, 시드 {seed}).",
        "en": "{what}: test accuracy {actual:.4f} is below the target {target} ({epochs} epochs, "
              "seed {seed})"},
    "keras.test_leak": {
        "ko": "{what}: 테스트 정확도({test:.4f})가 훈련 정확도({train:.4f})보다 {gap:.4f} 높습니다 "
              "(허용 {limit}). 테스트 데이터로 학습하지 마세요.",
        "en": "{what}: test accuracy ({test:.4f}) exceeds training accuracy ({train:.4f}) by "
              "{gap:.4f} (allowed {limit}); do not train on the test data"},
    "keras.acc_high": {
        "ko": "{what}: 테스트 정확도 {actual:.4f}가 이 학습 조건에서 가능한 상한 {limit}보다 높습니다. "
              "테스트 데이터로 학습하지 마세요.",
        "en": "{what}: test accuracy {actual:.4f} is above what this training can reach ({limit}); "
              "do not train on the test data"},
    "keras.steps": {
        "ko": "{what}: 데이터 {n}개로 에폭당 {steps} 스텝을 학습했습니다. 인자로 받은 데이터로 "
              "학습해야 합니다.",
        "en": "{what}: ran {steps} steps per epoch on {n} given samples; train on the data "
              "passed in"},
    "keras.not_trained": {
        "ko": "{what}: 모델의 가중치가 바뀌지 않았습니다 (학습하지 않음).",
        "en": "{what}: the model's weights did not change (no training happened)"},
}

# Timeout of the checks that do not train: a first predict/fit compiles graphs (1-4 s on an idle
# 2-core machine, 22 s seen under load 36+), and a submission importing TensorFlow inside its
# functions pays the import (~7 s idle, 35 s loaded) in its first probe.
TIMEOUT = 120

# Loss names: every Keras alias → one canonical name.
_LOSS_ALIASES = {
    "mse": "mean_squared_error", "meansquarederror": "mean_squared_error",
    "mae": "mean_absolute_error", "meanabsoluteerror": "mean_absolute_error",
    "sparsecategoricalcrossentropy": "sparse_categorical_crossentropy",
    "categoricalcrossentropy": "categorical_crossentropy",
    "binarycrossentropy": "binary_crossentropy",
}
_ACCURACY_STRINGS = {"accuracy", "acc", "sparse_categorical_accuracy"}
_ACTIVATION_LAYERS = {"ReLU": "relu", "Softmax": "softmax"}


def _bad(value, what):
    """A probe value that is not a model description → failing Outcome, else None."""
    if isinstance(value, Unsupported):
        return fail("value.unsupported", what=what, type=value.what)
    if not isinstance(value, dict) or not value.get("is_model"):
        actual = value.get("type") if isinstance(value, dict) else type(value).__name__
        return fail("keras.not_model", what=what, actual=actual)
    return None


def activation_name(name):
    if name is None:
        return None
    name = str(name).lower()
    return name[:-3] if name.endswith("_v2") else name  # tf.nn.softmax is softmax_v2


def layer_stack(layers):
    """[(class, units, activation)], a separate activation layer folded into a linear Dense."""
    out = []
    for layer in layers:
        cls = layer.get("class")
        act = activation_name(_ACTIVATION_LAYERS.get(cls) or layer.get("activation"))
        if cls in ("Activation", "ReLU", "Softmax") and out and out[-1][0] == "Dense" \
                and out[-1][2] == "linear":
            out[-1] = ("Dense", out[-1][1], act)
        elif cls == "Dense":
            out.append(("Dense", layer.get("units"), act))
        else:
            out.append((cls, None, act if cls in ("Activation",) else None))
    return out


def _show(stack):
    parts = []
    for cls, units, act in stack:
        inside = ", ".join(str(p) for p in (units, act) if p is not None)
        parts.append(f"{cls}({inside})")
    return " → ".join(parts) or "(no layers)"


def model_layers(value, layers, input_shape, params, what):
    """Layer stack, declared input shape and parameter count; a third of the credit each."""
    bad = _bad(value, what)
    if bad:
        return bad
    expected = [tuple(layer) for layer in layers]
    stack = layer_stack(value.get("layers", []))
    return all_of([
        PASS if stack == expected else fail("keras.layers", what=what, actual=_show(stack),
                                            expected=_show(expected)),
        PASS if value.get("input_shape") == list(input_shape) else fail(
            "keras.input_shape", what=what, actual=value.get("input_shape"),
            expected=tuple(input_shape)),
        PASS if value.get("params") == params else fail(
            "keras.params", what=what, actual=value.get("params"), expected=f"{params:,}"),
    ], 3)


def loss_name(spec):
    if not isinstance(spec, dict):
        return None
    name = str(spec.get("name")).lower()
    key = name.replace("_", "")
    return _LOSS_ALIASES.get(key, _LOSS_ALIASES.get(name, name))


def _is_accuracy(spec):
    kind, name = spec.get("kind"), str(spec.get("name"))
    if kind == "str":
        return name.lower() in _ACCURACY_STRINGS
    if kind == "class":  # keras.metrics.Accuracy compares labels with probabilities: wrong here
        return name == "SparseCategoricalAccuracy"
    return kind == "function" and name == "sparse_categorical_accuracy"


def _same_rate(actual, expected):
    # Keras stores the rate as float32: 0.1 → 0.10000000149 (1.5e-8 relative), 0.001 → 4.7e-8.
    return actual is not None and math.isclose(actual, expected, rel_tol=1e-6)


def model_compile(value, optimizer, learning_rate, loss, what, accuracy=False):
    """Optimizer class and rate (SGD: no momentum), loss (canonical name, no from_logits), and
    with `accuracy` an accuracy metric; equal shares of the credit."""
    bad = _bad(value, what)
    if bad:
        return bad
    if not value.get("compiled"):
        return fail("keras.not_compiled", what=what)
    opt = value.get("optimizer") or {}
    want_opt = f"{optimizer}(learning_rate={learning_rate})"
    rate = opt.get("learning_rate")
    got_opt = f"{opt.get('class')}(learning_rate={rate:.6g}" if isinstance(rate, float) else \
        f"{opt.get('class')}(learning_rate={rate!r}"
    got_opt += f", momentum={opt.get('momentum'):.6g})" if opt.get("momentum") else ")"
    opt_ok = (str(opt.get("class")).lower() == optimizer.lower()
              and _same_rate(opt.get("learning_rate"), learning_rate)
              and not opt.get("momentum") and not opt.get("nesterov"))
    spec = value.get("loss")
    got_loss = loss_name(spec)
    if isinstance(spec, dict) and spec.get("from_logits"):
        got_loss = f"{got_loss}(from_logits=True)"
    outcomes = [
        PASS if opt_ok else fail("keras.optimizer", what=what, actual=got_opt, expected=want_opt),
        PASS if got_loss == loss else fail("keras.loss", what=what, actual=got_loss,
                                           expected=loss),
    ]
    if accuracy:
        metrics = value.get("metrics") or []
        outcomes.append(PASS if any(_is_accuracy(m) for m in metrics) else fail(
            "keras.metrics", what=what, actual=[m.get("name") for m in metrics]))
    return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for


def history(facts, epochs, what):
    """The History of a fit of exactly `epochs` epochs."""
    if not isinstance(facts, dict) or not facts.get("is_history"):
        actual = facts.get("type") if isinstance(facts, dict) else type(facts).__name__
        return fail("keras.history", what=what, actual=actual)
    for got in (facts.get("epochs_param"), facts.get("epochs_run")):
        if got != epochs:
            return fail("keras.epochs", what=what, actual=got, expected=epochs)
    return PASS


def regression_fit(value, max_mse, seed, what, epochs=None, learning_rate=None):
    """A seeded fit (fit_regression probe) reached mse <= max_mse; with `epochs`/`learning_rate`
    also the student's own fit ran exactly that many epochs at that rate."""
    if isinstance(value, Unsupported) or not isinstance(value, dict):
        return fail("value.type", what=what, expected="dict", actual=type(value).__name__)
    bad = _bad(value.get("model"), what)
    if bad:
        return bad
    if epochs is not None:
        outcome = history(value.get("history"), epochs, what)
        if not outcome.ok:
            return outcome
    if learning_rate is not None and not _same_rate(value.get("learning_rate"), learning_rate):
        rate = value.get("learning_rate")
        return fail("keras.learning_rate", what=what, expected=learning_rate,
                    actual=f"{rate:.6g}" if isinstance(rate, float) else rate)
    mse = value.get("mse")
    if not isinstance(mse, float) or not np.isfinite(mse) or mse > max_mse:
        return fail("keras.mse_high", what=what, actual=float(mse) if isinstance(
            mse, (int, float)) else float("nan"), target=max_mse, seed=seed)
    return PASS


def trained_on_given_data(value, what):
    """mnist_train facts: History of the asked epochs, weights changed, and no more steps per
    epoch than samples given (more means it trained on data of its own)."""
    if isinstance(value, Unsupported) or not isinstance(value, dict):
        return fail("value.type", what=what, expected="dict", actual=type(value).__name__)
    outcome = history(value.get("history"), value.get("epochs"), what)
    if not outcome.ok:
        return outcome
    steps, n = value["history"].get("steps"), value.get("n")
    if not isinstance(steps, (int, np.integer)) or steps > n:
        return fail("keras.steps", what=what, steps=steps, n=n)
    if not value.get("weights_changed"):
        return fail("keras.not_trained", what=what)
    return PASS


def float_array(actual, expected, what, rtol=1e-12, atol=0.0):
    """A float result from Keras or a loader: float64 compared as is, float32 against the expected
    values rounded to float32 (with rtol >= 1e-6, float32's precision); other dtypes fail."""
    if isinstance(actual, np.ndarray) and actual.dtype == np.float32:
        return same_array(actual, expected.astype(np.float32), what, rtol=max(rtol, 1e-6),
                          atol=atol)
    return same_array(actual, expected, what, rtol=rtol, atol=atol)


def loaded_xy(value, what, calls=("explicit",)):
    """load_csv probe: each call in `calls` returned (X (n, 1), y (n,)) equal to the file."""
    if not isinstance(value, dict):
        return fail("value.type", what=what, expected="dict", actual=type(value).__name__)
    X, y = value["truth"]
    for call in calls:
        name = what if call == "explicit" else what.split("(")[0] + "()"
        result = value.get(call)
        outcome = same_type_length(result, 2, name)
        if outcome.ok:
            outcome = all_of([float_array(result[0], X, f"{name}[0] (X)"),
                              float_array(result[1], y, f"{name}[1] (y)")], 2)
        if not outcome.ok:
            return outcome
    return PASS


def same_type_length(result, length, what):
    if isinstance(result, Unsupported):
        return fail("value.unsupported", what=what, type=result.what)
    if not isinstance(result, (tuple, list)):
        return fail("value.type", what=what, expected="tuple", actual=type(result).__name__)
    if len(result) != length:
        return fail("value.length", what=what, expected=length, actual=len(result))
    return PASS
