"""More misconceptions of 01_perceptron (lecture 3.2-3.5): other sigmoid spellings that break,
unknown activations handled silently or by the wrong exception, a strict error criterion and a
forgotten learning rate in training, `*` and `^` for `**` in the polynomial features.
`autograder/diagnoses/perceptron.py` lists them in its ENTRIES.
"""
import numpy as np

import solutions.perceptron as ref
from autograder.diagnoses.scalar_code import scalar_entries
from autograder.diagnosis import Entry, entry_builder

S, E = "강의 3.2–3.5", "lecture 3.2–3.5"


def _f(x):
    return np.asarray(x, dtype=np.float64)


# ---- sigmoid -----------------------------------------------------------------------------------
def sigmoid_exp_over_one_plus_exp(s):
    """exp(s) / (1 + exp(s)): inf / inf = nan for large positive s."""
    z = np.exp(_f(s))
    return z / (1.0 + z)


def sigmoid_tanh_without_half(s):
    """(1 + tanh(s)) / 2 = σ(2s): the identity needs tanh(s / 2)."""
    return (1.0 + np.tanh(_f(s))) / 2.0


# ---- perceptron --------------------------------------------------------------------------------
def _fallback(phi):
    def perceptron(X, w, b, activation="step"):
        s = _f(X) @ _f(w) + b
        if activation == "sigmoid":
            return ref.sigmoid(s)
        if activation == "step":
            return ref.step(s)
        return phi(s)
    return perceptron


def perceptron_no_activation(X, w, b, activation="step"):
    return _f(X) @ _f(w) + b


def perceptron_dict_lookup(X, w, b, activation="step"):
    return {"step": ref.step, "sigmoid": ref.sigmoid}[activation](_f(X) @ _f(w) + b)


# ---- train_perceptron --------------------------------------------------------------------------
def _trainer(is_error=lambda t, s: ref.step(s) != t, lr_used=True, early_stop=True,
             converged_flag=None):
    """`early_stop` False: every max_epochs epoch runs; `converged_flag` then is what it
    returns (None: whether the last epoch was clean)."""
    def train_perceptron(X, t, lr=0.01, max_epochs=100):
        X, t = _f(X), _f(t)
        eta = lr if lr_used else 1.0
        w, b = np.zeros(X.shape[1]), 0.0
        updated = True
        for epoch in range(1, max_epochs + 1):
            updated = False
            for x_i, t_i in zip(X, t):
                if is_error(t_i, x_i @ w + b):
                    w, b, updated = w + eta * t_i * x_i, b + eta * t_i, True
            if not updated and early_stop:
                return w, float(b), True, epoch
        if early_stop:
            return w, float(b), False, max_epochs
        flag = (not updated) if converged_flag is None else converged_flag
        return w, float(b), flag, max_epochs
    return train_perceptron


# ---- poly_features -----------------------------------------------------------------------------
def _poly(sq1=lambda x: x ** 2, sq2=lambda x: x ** 2):
    def poly_features(X):
        X = _f(X)
        x1, x2 = X[:, 0], X[:, 1]
        return np.stack([sq1(x1), x1, x1 * x2, sq2(x2)], axis=1)
    return poly_features


def _times2(x):
    return x * 2


def _caret(x):
    return x ^ 2  # raises TypeError on floats: what the student's `x ^ 2` does


def poly_features_sklearn(X):
    """sklearn's PolynomialFeatures(2): (1, x1, x2, x1², x1 x2, x2²)."""
    X = _f(X)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([np.ones_like(x1), x1, x2, x1 ** 2, x1 * x2, x2 ** 2], axis=1)


def poly_features_sklearn_no_bias(X):
    X = _f(X)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1, x2, x1 ** 2, x1 * x2, x2 ** 2], axis=1)


def poly_features_with_x2(X):
    X = _f(X)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1 ** 2, x1, x2, x1 * x2, x2 ** 2], axis=1)


def poly_features_rows(X):
    """The four features stacked as rows: shape (4, m) (np.array([...]) or np.stack's axis 0)."""
    X = _f(X)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1 ** 2, x1, x1 * x2, x2 ** 2])


# ---- gate_weights ------------------------------------------------------------------------------
def gate_table(check, args, value, gate):
    """The truth table step(X_gate w + b) of the (w, b) the student returned for `gate`,
    computed here from the raw record (None when that call returned no usable (w, b))."""
    from autograder.checks.observed import records
    from autograder.checks.public.perceptron import X_GATE
    cases = args["cases"]
    recs = records(value, cases, "")
    if not isinstance(recs, list):
        return None
    for rec, case in zip(recs, cases):
        if case["args"] == [gate] and rec.ok:
            w, b = rec.returned
            w = np.asarray(w, dtype=np.float64).reshape(2)
            b = float(np.asarray(b, dtype=np.float64).reshape(()))
            return np.sign(X_GATE @ w + b)
    return None


def gate_sum_zero(check, args, value, expected):
    """Some gate's (w, b) puts an input exactly on the boundary: x·w + b = 0, step 0."""
    for gate in ("AND", "OR", "NAND"):
        table = gate_table(check, args, value, gate)
        if table is not None and np.any(table == 0):
            return True
    return False


e = entry_builder(S, E)


ENTRIES = [
    e("sigmoid_exp_over_one_plus_exp", "sigmoid",
      "exp(s) / (1 + exp(s))로 계산해 큰 양수 s에서 inf / inf = nan이 됩니다. "
      "e = exp(−|s|)로 나눠 계산하세요: s ≥ 0이면 1/(1+e), s < 0이면 e/(1+e).",
      "exp(s) / (1 + exp(s)) gives inf / inf = nan for large positive s; use "
      "e = exp(−|s|): 1/(1+e) for s ≥ 0, e/(1+e) for s < 0",
      [sigmoid_exp_over_one_plus_exp], "시그모이드: exp(s)/(1+exp(s))",
      "sigmoid: exp(s)/(1+exp(s))"),
    e("sigmoid_tanh_without_half", "sigmoid",
      "(1 + tanh(s)) / 2를 계산했습니다. 이 값은 φ(2s)입니다. 항등식은 "
      "φ(s) = (1 + tanh(s/2)) / 2로 tanh 안에 s/2가 들어갑니다.",
      "you computed (1 + tanh(s)) / 2, which is φ(2s); the identity is "
      "φ(s) = (1 + tanh(s/2)) / 2, with s/2 inside tanh",
      [sigmoid_tanh_without_half], "시그모이드: tanh(s/2)의 /2 빠짐",
      "sigmoid: tanh without s/2"),
    e("perceptron_no_activation", "perceptron",
      "활성화 함수를 적용하지 않고 가중합 X·w + b를 그대로 돌려주었습니다. 출력은 "
      "activation(X·w + b)입니다: 'step'이면 step, 'sigmoid'이면 sigmoid를 적용하세요.",
      "you returned the weighted sum X·w + b without an activation; the output is "
      "activation(X·w + b): apply step for 'step' and sigmoid for 'sigmoid'",
      [perceptron_no_activation], "perceptron: 활성화 없음", "perceptron: no activation",
      checks=("perceptron_values", "perceptron_random")),
    e("perceptron_unknown_activation_no_error", "perceptron",
      "알 수 없는 activation 이름(예: 'relu')에서 예외 없이 다른 함수로 계산했습니다 (if/else의 "
      "마지막 가지가 나머지 이름을 모두 받음). 'step'과 'sigmoid'만 처리하고, 그 밖의 이름은 "
      "raise ValueError(...)로 알리세요.",
      "an unknown activation name (e.g. 'relu') was computed with some function instead of "
      "raising (the last else branch takes every other name); handle 'step' and 'sigmoid' "
      "only and raise ValueError(...) for any other name",
      [_fallback(ref.step), _fallback(ref.sigmoid), _fallback(lambda s: s)],
      "perceptron: 모르는 activation에 예외 없음", "perceptron: no error on unknown activation",
      checks=("perceptron_bad_activation",)),
    e("perceptron_key_error", "perceptron",
      "알 수 없는 activation 이름에서 딕셔너리 조회가 KeyError를 냈습니다. 독스트링은 "
      "ValueError를 요구합니다: 이름이 딕셔너리에 없으면 raise ValueError(...)를 하세요.",
      "an unknown activation name raised the dictionary lookup's KeyError; the docstring asks "
      "for ValueError: when the name is not in the dict, raise ValueError(...)",
      [perceptron_dict_lookup], "perceptron: ValueError 대신 KeyError",
      "perceptron: KeyError instead of ValueError", checks=("perceptron_bad_activation",)),
    e("train_strict_error_condition", "train_perceptron",
      "t·(x·w + b) < 0일 때만 틀린 것으로 보았습니다. 그러면 경계 위의 샘플(x·w + b = 0, "
      "출력 0)은 갱신되지 않아 w = 0에서 시작하면 한 번도 갱신하지 않고 '수렴'합니다. "
      "독스트링대로 step(x·w + b) ≠ t이면(출력 0 포함) 갱신하세요: 조건은 "
      "t·(x·w + b) <= 0입니다.",
      "you counted a sample as an error only when t·(x·w + b) < 0; a sample on the boundary "
      "(x·w + b = 0, output 0) is then never updated, so from w = 0 training 'converges' "
      "without a single update; as the docstring says, update whenever step(x·w + b) ≠ t "
      "(an output of 0 included): the condition is t·(x·w + b) <= 0",
      [_trainer(is_error=lambda t, s: t * s < 0)], "학습: 경계 샘플을 맞다고 봄",
      "training: boundary counted as correct"),
    e("train_no_early_stop", "train_perceptron",
      "수렴한 뒤에도 멈추지 않고 max_epochs번을 모두 돌았습니다. 독스트링대로 갱신이 없는 "
      "첫 에포크에서 멈추고 (w, b, True, 그 에포크 번호)를 돌려주세요.",
      "training does not stop after converging: it runs all max_epochs epochs; as the "
      "docstring says, stop after the first epoch without an update and return "
      "(w, b, True, that epoch's number)",
      [_trainer(early_stop=False, converged_flag=c) for c in (None, False)],
      "학습: 조기 종료 없음", "training: no stop at convergence",
      exact=True),  # (a rule that never converges fails the same field: values only)
    e("train_no_lr", "train_perceptron",
      "학습률 lr을 곱하지 않았습니다 (η = 1로 갱신). w ← w + η·t·x, b ← b + η·t입니다.",
      "the learning rate lr is not applied (updates with η = 1); w ← w + η·t·x, "
      "b ← b + η·t",
      [_trainer(lr_used=False)], "학습: lr 빠짐", "training: lr missing"),
    e("poly_features_times_two", "poly_features",
      "제곱을 x * 2로 썼습니다 (2배가 됩니다). 제곱은 x ** 2 또는 x * x입니다. 특징은 "
      "(x1², x1, x1·x2, x2²)입니다.",
      "a square was written as x * 2 (which doubles); a square is x ** 2 or x * x; the "
      "features are (x1², x1, x1·x2, x2²)",
      [_poly(sq1=_times2), _poly(sq2=_times2), _poly(sq1=_times2, sq2=_times2)],
      "다항 특징: ** 대신 *", "polynomial features: * for **"),
    e("poly_features_sklearn", "poly_features",
      "열이 4개가 아닙니다: 상수 1이나 x2 항까지 넣은 일반적인 2차 다항 특징(예: 사이킷런의 "
      "다항 특징 변환)을 만들었습니다. 강의 3.5의 특징 벡터는 x2 항과 상수 없이 4개입니다: "
      "(x1², x1, x1·x2, x2²).",
      "the features do not have 4 columns: you built the general degree-2 features with a "
      "constant 1 or an x2 term (e.g. sklearn's PolynomialFeatures); lecture 3.5's feature "
      "vector has 4, without x2 and without a constant: (x1², x1, x1·x2, x2²)",
      [poly_features_sklearn, poly_features_sklearn_no_bias, poly_features_with_x2],
      "다항 특징: 일반 2차 특징", "polynomial features: the general degree-2 set"),
    e("poly_features_rows", "poly_features",
      "특징을 행으로 쌓아 모양이 (4, m)입니다 (np.array([...]) 또는 axis=0인 np.stack). "
      "샘플마다 한 행이어야 하므로 열로 쌓으세요: np.stack([...], axis=1) 또는 "
      "np.column_stack([...]) → (m, 4).",
      "the features are stacked as rows, shape (4, m) (np.array([...]) or np.stack with "
      "axis=0); each sample is one row, so stack them as columns: np.stack([...], axis=1) or "
      "np.column_stack([...]) → (m, 4)",
      [poly_features_rows], "다항 특징: (4, m) 모양", "polynomial features: shape (4, m)"),
    e("poly_features_caret", "poly_features",
      "제곱을 x ^ 2로 썼습니다. 파이썬에서 ^는 거듭제곱이 아니라 비트 XOR이라 실수 배열에서 "
      "TypeError가 납니다. 제곱은 x ** 2 또는 x * x입니다.",
      "a square was written as x ^ 2; in Python ^ is bitwise XOR, not a power, and raises "
      "TypeError on float arrays; a square is x ** 2 or x * x",
      [_poly(sq1=_caret), _poly(sq2=_caret)], "다항 특징: ** 대신 ^",
      "polynomial features: ^ for **"),
    Entry("gate_sum_zero", "gate_weights",
          "어떤 입력에서 x·w + b = 0이 되어 step이 0을 냅니다. 0은 참(1)도 거짓(−1)도 아닙니다. "
          "b를 조금 옮겨 네 입력 모두에서 합이 0이 아니게 하세요 (예: w = (1, 1)이면 "
          f"AND는 b = −1, OR는 b = +1). ({S})",
          "for some input x·w + b = 0, so step gives 0, which is neither true (1) nor false "
          "(−1); move b so that no input of the four sums to 0 (e.g. with w = (1, 1): AND "
          f"b = −1, OR b = +1) ({E})",
          match=gate_sum_zero, title_ko="게이트: 합이 0인 입력", title_en="gate: a sum of 0"),
    *scalar_entries(ref, ("step", "sigmoid"), "perceptron", math_functions=("sigmoid",)),
]
