"""Comparisons for the Keras assignments (05, 06, 07): structure, compile settings and loaders,
judged in the grader from the views the child sends (read strictly by keras_views). The grader
never imports TensorFlow: the expected structure lives here and in the checks modules. Fits and
accuracy: keras_fit.py.

Equivalent valid Keras spellings are accepted: `keras.Input((1,))`, `input_shape=`, `input_dim=`
or no input at all (the model is judged as built on the assignment's input; a hint suggests
declaring it); Sequential lists, `model.add` or the functional `keras.Model(inputs, outputs)`;
activation strings or functions (`"relu"`, `keras.activations.relu`, `tf.nn.relu`) or a separate
`Activation`/`ReLU`/`Softmax` layer after a linear `Dense`; optimizer strings or objects
(`SGD(learning_rate=5.0)`, `SGD(5.0)`); loss strings in any alias (`"mse"`,
`"mean_squared_error"`) or objects/functions; metric `"accuracy"`/`"acc"`/
`"sparse_categorical_accuracy"` or the SparseCategoricalAccuracy object/function.
"""
import math

import numpy as np

from autograder.checks import keras_views as kv
from autograder.compare import PASS, Outcome, all_of, fail, same_array
from autograder.sandbox.codec import Unsupported

MESSAGES = {
    "keras.not_model": {
        "ko": "{what}: 컴파일된 keras 모델을 반환해야 하는데 {actual}을(를) 반환했습니다.",
        "en": "{what}: expected a compiled keras model, got {actual}"},
    "keras.layers": {
        "ko": "{what}: 층 구성이 {actual}입니다. {expected}(으)로 바꾸세요.",
        "en": "{what}: the layers are {actual}; change them to {expected}"},
    "keras.input_shape": {
        "ko": "{what}: 입력 모양이 {actual}입니다. 입력 모양을 {expected}(으)로 선언하세요 "
              "(예: keras.Input({expected})).",
        "en": "{what}: the input shape is {actual}; declare the input shape {expected} "
              "(e.g. keras.Input({expected}))"},
    "keras.params": {
        "ko": "{what}: 학습 파라미터가 {actual}개입니다. {expected}개가 되어야 합니다 "
              "(use_bias 등 층 설정을 확인하세요).",
        "en": "{what}: {actual} parameters, expected {expected} (check use_bias and the other "
              "layer settings)"},
    "keras.note_input": {
        "ko": "참고: 입력 층이 없어 채점기가 입력 모양 {shape}(으)로 모델을 만든 뒤 채점했습니다. "
              "keras.Input({shape})을 첫 층으로 두면 model.summary()도 바로 볼 수 있습니다.",
        "en": "note: the model declares no input, so the grader built it on the input shape "
              "{shape}; put keras.Input({shape}) first to make model.summary() work before fit"},
    "keras.not_built": {
        "ko": "{what}: 입력 모양 {shape}(으)로 모델을 만들(build) 수 없습니다. 층 구성과 입력 모양을 "
              "확인하세요.",
        "en": "{what}: the model cannot be built on the input shape {shape}; check its layers "
              "and input"},
    "keras.not_compiled": {
        "ko": "{what}: 모델이 compile()되지 않았습니다. 반환하기 전에 model.compile(...)을 호출하세요.",
        "en": "{what}: the model is not compiled; call model.compile(...) before returning it"},
    "keras.optimizer": {
        "ko": "{what}: 최적화 함수가 {actual}입니다. {expected}(으)로 바꾸세요.",
        "en": "{what}: the optimizer is {actual}; change it to {expected}"},
    "keras.loss": {
        "ko": "{what}: 손실 함수가 {actual}입니다. {expected}(으)로 바꾸세요.",
        "en": "{what}: the loss is {actual}; change it to {expected}"},
    "keras.metrics": {
        "ko": "{what}: metrics {actual}에 정확도가 없습니다. metrics=[\"accuracy\"]를 넣으세요.",
        "en": "{what}: metrics {actual} do not include accuracy; pass metrics=[\"accuracy\"]"},
    "keras.loader_zeros": {
        "ko": "{what}: 파일의 값이 아니라 모두 0인 배열을 반환했습니다. 인자로 받은 경로의 CSV를 읽으세요.",
        "en": "{what}: returned arrays of zeros instead of the file's values; read the CSV at "
              "the path given"},
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


def layer_stack(model):
    """[(class, units, activation)] of a read Model: InputLayer dropped, a separate activation
    layer folded into the linear Dense before it, a Dense without bias marked as such."""
    out = []
    for layer in model.layers:
        cls = layer.cls
        act = kv.ACTIVATION_LAYERS.get(cls, layer.activation)
        if cls == "InputLayer":
            continue
        if cls in ("Activation", *kv.ACTIVATION_LAYERS) and out and out[-1][0] == "Dense" \
                and out[-1][2] == "linear":
            out[-1] = ("Dense", out[-1][1], act)
        elif cls == "Dense":
            out.append(("Dense" if layer.use_bias is not False else "Dense(use_bias=False)",
                        layer.units, act))
        else:
            out.append((cls, None, act if cls == "Activation" else None))
    return out


def show(stack):
    parts = []
    for cls, units, act in stack:
        inside = ", ".join(str(p) for p in (units, act) if p is not None)
        parts.append(f"{cls}({inside})")
    return " → ".join(parts) or "[]"


def input_note(model, input_shape):
    """The hint for a model without a declared input (no deduction)."""
    if model.input_declared:
        return {}
    return {"notes": [["keras.note_input", {"shape": tuple(input_shape)}]]}


def model_layers(raw, layers, input_shape, params, what):
    """The layer stack, the input shape it is built on and the parameter count (counted here
    from the weights), all or nothing: an empty or wrong network earns nothing."""
    model = kv.read_model(raw, what)
    if isinstance(model, Outcome):
        return model
    if not model.built:
        return fail("keras.not_built", what=what, shape=tuple(input_shape))
    expected = [tuple(layer) for layer in layers]
    stack = layer_stack(model)
    if stack != expected:
        return fail("keras.layers", what=what, actual=show(stack), expected=show(expected))
    if model.input_shape != tuple(input_shape):
        return fail("keras.input_shape", what=what, actual=model.input_shape,
                    expected=tuple(input_shape))
    if model.params != params:
        return fail("keras.params", what=what, actual=f"{model.params:,}", expected=f"{params:,}")
    return Outcome(1.0, "passed", input_note(model, input_shape))


def loss_name(spec):
    if not isinstance(spec, dict):
        return None
    name = str(spec.get("name")).lower()
    key = name.replace("_", "")
    return _LOSS_ALIASES.get(key, _LOSS_ALIASES.get(name, name))


def is_accuracy(spec):
    kind, name = spec.get("kind"), str(spec.get("name"))
    if kind == "str":
        return name.lower() in _ACCURACY_STRINGS
    if kind == "class":  # keras.metrics.Accuracy compares labels with probabilities: wrong here
        return name == "SparseCategoricalAccuracy"
    return kind == "function" and name == "sparse_categorical_accuracy"


def same_rate(actual, expected):
    # Keras stores the rate as float32: 0.1 → 0.10000000149 (1.5e-8 relative), 0.001 → 4.7e-8.
    return actual is not None and math.isclose(actual, expected, rel_tol=1e-6)


def optimizer_outcome(compiled, optimizer, learning_rate, what):
    """The optimizer class and rate (plain: no momentum, no Nesterov) of a compile view."""
    opt = compiled["optimizer"]
    rate = opt["learning_rate"]
    got = f"{opt['class']}(learning_rate={rate:.6g}" if rate is not None else \
        f"{opt['class']}(learning_rate=?"
    got += f", momentum={opt['momentum']:.6g})" if opt["momentum"] else ")"
    ok = (opt["class"].lower() == optimizer.lower() and same_rate(rate, learning_rate)
          and not opt["momentum"] and not opt["nesterov"])
    return PASS if ok else fail("keras.optimizer", what=what, actual=got,
                                expected=f"{optimizer}(learning_rate={learning_rate})")


def model_compile(raw, optimizer, learning_rate, loss, what, accuracy=False):
    """Optimizer class and rate, loss (canonical name, no from_logits), and with `accuracy` an
    accuracy metric; equal shares of the credit (2 or 3 parts, known here)."""
    model = kv.read_model(raw, what)
    if isinstance(model, Outcome):
        return model
    if model.compile is None:
        return fail("keras.not_compiled", what=what)
    spec = model.compile["loss"]
    got_loss = loss_name(spec)
    if isinstance(spec, dict) and spec.get("from_logits"):
        got_loss = f"{got_loss}(from_logits=True)"
    outcomes = [
        optimizer_outcome(model.compile, optimizer, learning_rate, what),
        PASS if got_loss == loss else fail("keras.loss", what=what, actual=got_loss,
                                           expected=loss),
    ]
    if accuracy:
        metrics = model.compile["metrics"]
        outcomes.append(PASS if any(is_accuracy(m) for m in metrics) else fail(
            "keras.metrics", what=what, actual=[m.get("name") for m in metrics]))
    return all_of(outcomes, 3 if accuracy else 2)


def float_array(actual, expected, what, rtol=1e-12, atol=0.0):
    """A float result from Keras or a loader: float64 compared as is, float32 against the expected
    values rounded to float32 (with rtol >= 1e-6, float32's precision); other dtypes fail."""
    if isinstance(actual, np.ndarray) and actual.dtype == np.float32:
        return same_array(actual, expected.astype(np.float32), what, rtol=max(rtol, 1e-6),
                          atol=atol)
    return same_array(actual, expected, what, rtol=rtol, atol=atol)


def _loaded_pair(result, X, y, name):
    outcome = same_type_length(result, 2, name)
    if not outcome.ok:
        return outcome
    outcome = all_of([float_array(result[0], X, f"{name}[0] (X)"),
                      float_array(result[1], y, f"{name}[1] (y)")], 2)
    arrays = [a for a in result if isinstance(a, np.ndarray)]
    if not outcome.ok and len(arrays) == 2 and all(a.size and not a.any() for a in arrays):
        return fail("keras.loader_zeros", what=name)
    return outcome


def loaded_xy(value, X, y, what, calls=("explicit",)):
    """load_csv probe: each call in `calls` returned (X (n, 1), y (n,)) equal to the file, whose
    columns X, y the grader read (or drew) itself."""
    if not isinstance(value, dict) or set(value) != {"explicit", "default"}:
        return kv.malformed(what, "loader record")
    for call in calls:
        name = what if call == "explicit" else what.split("(")[0] + "()"
        outcome = _loaded_pair(value[call], X, y, name)
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
