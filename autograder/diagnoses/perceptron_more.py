"""Misconceptions of 01_perceptron seen only at some inputs or in a procedure (lecture 3.2-3.5):
step as s/|s| (nan at 0), a stable sigmoid put inside np.where (both branches still evaluated),
the weighted sum summed over the whole batch, w · X in the one-sample order, and training that
is not the rule's deterministic run (a random start as in textbook code, samples shuffled each
epoch, matched by searching the orders).
`autograder/diagnoses/perceptron.py` lists them in its ENTRIES.
"""
import numpy as np

import solutions.perceptron as ref
from autograder.diagnoses.scalar_code import removed_alias_entries
from autograder.diagnosis import Entry, entry_builder

S, E = "강의 3.2–3.5", "lecture 3.2–3.5"


def _f(x):
    return np.asarray(x, dtype=np.float64)


# ---- step --------------------------------------------------------------------------------------
def step_over_abs(s):
    """s / |s|: the sign everywhere except 0, where 0/0 is nan."""
    s = _f(s)
    return s / np.abs(s)


def step_sqrt_square(s):
    s = _f(s)
    return s / np.sqrt(s * s)


# ---- sigmoid -----------------------------------------------------------------------------------
def sigmoid_where_overflows(check, args, value, expected):
    """Right values, but exp overflowed in more than one operation: both of np.where's
    branches (exp(−s) and exp(s)) ran on every element. The naive 1/(1 + exp(−s)) overflows in
    one operation only (its own entry)."""
    if not isinstance(value, dict) or not isinstance(value.get("warnings"), list):
        return False
    overflows = [w for w in value["warnings"] if isinstance(w, str) and "overflow" in w]
    if len(overflows) < 2:
        return False
    return check.compare({**value, "warnings": []}, expected).ok


# ---- perceptron --------------------------------------------------------------------------------
def _summed(axis):
    def perceptron(X, w, b, activation="step"):
        phi = {"step": ref.step, "sigmoid": ref.sigmoid}[activation]
        return phi(np.sum(_f(X) * _f(w), axis=axis) + b)
    return perceptron


def _w_first(matmul):
    """w · X, the one-sample order x · w turned around: (n,) · (m, n) only works for m = n."""
    def perceptron(X, w, b, activation="step"):
        phi = {"step": ref.step, "sigmoid": ref.sigmoid}[activation]
        X, w = _f(X), _f(w)
        return phi((w @ X if matmul else np.dot(w, X)) + b)
    return perceptron


def perceptron_row_loop(X, w, b, activation="step"):
    """One sample at a time over the rows of X: a single sample (n,) is looped over its
    numbers, each giving x_j·w + b of shape (n,), so the result is (n, n)."""
    phi = {"step": ref.step, "sigmoid": ref.sigmoid}[activation]
    return np.array([phi(np.dot(x, _f(w)) + b) for x in _f(X)])


def _column_weights(keepdims):
    """w as an (n, 1) column as in nn.Linear (or a keepdims sum): shape (m, 1), or (1,) for
    one sample, instead of (m,) or ()."""
    def perceptron(X, w, b, activation="step"):
        phi = {"step": ref.step, "sigmoid": ref.sigmoid}[activation]
        X, w = _f(X), _f(w)
        s = np.sum(X * w, axis=-1, keepdims=True) if keepdims else X @ w.reshape(-1, 1)
        return phi(s + b)
    return perceptron


# ---- poly_features -----------------------------------------------------------------------------
def _poly_rows_reshaped(stack):
    """The features stacked as rows (shape (4, m)) and reshaped to (m, 4), not transposed:
    the numbers are read row by row, mixing samples and features."""
    def poly_features(X):
        X = _f(X)
        x1, x2 = X[:, 0], X[:, 1]
        rows = stack((x1 * x1, x1, x1 * x2, x2 * x2))
        return np.asarray(rows).reshape(X.shape[0], 4)
    return poly_features


# ---- gate_weights (unknown names) --------------------------------------------------------------
GATE_TABLE = {"AND": ([1.0, 1.0], -1.0), "OR": ([1.0, 1.0], 1.0), "NAND": ([-1.0, -1.0], 1.0)}


def gate_unknown_returns_none(name):
    """dict.get: None for a name not in the table."""
    found = GATE_TABLE.get(name)
    return None if found is None else (np.array(found[0]), float(found[1]))


def gate_unknown_key_error(name):
    w, b = GATE_TABLE[name]
    return np.array(w), float(b)


# ---- train_perceptron --------------------------------------------------------------------------
def _two_valued_trainer(zero_is_positive):
    """The rule with a two-valued output inside training: s = 0 gives +1 (or −1)."""
    def train_perceptron(X, t, lr=0.01, max_epochs=100):
        X, t = _f(X), _f(t)
        w, b = np.zeros(X.shape[1]), 0.0
        for epoch in range(1, max_epochs + 1):
            updated = False
            for x_i, t_i in zip(X, t):
                s = x_i @ w + b
                y = 1.0 if (s >= 0 if zero_is_positive else s > 0) else -1.0
                if y != t_i:
                    w, b, updated = w + lr * t_i * x_i, b + lr * t_i, True
            if not updated:
                return w, float(b), True, epoch
        return w, float(b), False, max_epochs
    return train_perceptron


def _random_start(with_bias):
    """Textbook code (e.g. Raschka's Perceptron): w from RandomState(1).normal(0, 0.01), the
    bias either 0 or the first of 1 + n draws; the rule itself as specified."""
    def train_perceptron(X, t, lr=0.01, max_epochs=100):
        X, t = _f(X), _f(t)
        draws = np.random.RandomState(1).normal(0.0, 0.01, X.shape[1] + with_bias)
        w, b = (draws[1:], float(draws[0])) if with_bias else (draws, 0.0)
        for epoch in range(1, max_epochs + 1):
            updated = False
            for x_i, t_i in zip(X, t):
                if ref.step(x_i @ w + b) != t_i:
                    w, b, updated = w + lr * t_i * x_i, b + lr * t_i, True
            if not updated:
                return w, float(b), True, epoch
        return w, float(b), False, max_epochs
    return train_perceptron


# the search's budget: epochs simulated (each a pass over ≤ 6 samples, ~30 µs) before it gives
# up, shared by a check's calls, so a failing check costs the parent at most ~0.7 s CPU
# (measured worst 0.65 s, budget exhausted, 6 samples, load ~5); the fixture's shuffled run
# needs 720 (one epoch of updates, every order of 6 samples)
MAX_SIMULATED_EPOCHS = 20000


def _reachable_by_reordering(X, t, lr, w, b, epochs, budget):
    """Whether the rule, from w = 0, b = 0, with the samples visited in some order in each
    epoch, makes updates in epochs 1 … epochs − 1 and reaches (w, b), which classify every
    sample (so epoch `epochs` is clean, in any order). Breadth-first over the (w, b) after
    each epoch, every order of the m samples; None when it exceeds `budget` (a one-element
    list: the epochs it may still simulate, shared by the calls of one check)."""
    import itertools
    if not np.array_equal(np.sign(X @ w + b), t):
        return False
    orders = list(itertools.permutations(range(len(X))))
    states = {(0.0,) * X.shape[1] + (0.0,)}
    for _ in range(epochs - 1):
        following = set()
        for state in states:
            sw, sb = np.array(state[:-1]), state[-1]
            if np.array_equal(np.sign(X @ sw + sb), t):
                continue  # a clean epoch would have stopped the rule earlier
            budget[0] -= len(orders)
            if budget[0] < 0:
                return None
            for order in orders:
                vw, vb = sw, sb
                for i in order:
                    if ref.step(X[i] @ vw + vb) != t[i]:
                        vw, vb = vw + lr * t[i] * X[i], vb + lr * t[i]
                following.add(tuple(np.round(vw, 12)) + (round(float(vb), 12),))
        states = following
    return any(np.allclose(state[:-1], w, rtol=1e-9, atol=1e-12) and abs(state[-1] - b) <= 1e-9
               for state in states)


def samples_reordered(check, args, value, expected):
    """Some call returned (w, b, True, epochs) that the rule reaches from w = 0, b = 0 only with
    the samples visited in another order (a different order in some epoch), not in the given
    one: the samples were shuffled."""
    from autograder.checks.observed import records
    cases = args.get("cases") if isinstance(args, dict) else None
    if not isinstance(cases, list):
        return False
    recs = records(value, cases, "")
    if not isinstance(recs, list):
        return False
    budget = [MAX_SIMULATED_EPOCHS]
    for rec, case in zip(recs, cases):
        if not rec.ok or not isinstance(rec.returned, (tuple, list)) or len(rec.returned) != 4:
            continue
        w, b, converged, epochs = rec.returned
        kwargs = case.get("kwargs") or {}
        try:
            X, t = _f(case["args"][0]), _f(case["args"][1])
            w = _f(w).reshape(X.shape[1])
            b = float(_f(b).reshape(()))
            epochs = int(epochs)
        except (TypeError, ValueError, KeyError, IndexError, OverflowError):
            continue
        if not (converged is True or (isinstance(converged, np.bool_) and converged)) or \
                len(X) > 6 or not 2 <= epochs <= kwargs.get("max_epochs", 100) or \
                not np.all(np.isfinite(w)):
            continue
        rw, rb, _, repochs = ref.train_perceptron(X, t, **kwargs)
        if np.allclose(w, rw, rtol=1e-10, atol=1e-12) and abs(b - rb) <= 1e-12 and \
                epochs == repochs:
            continue  # this call is the rule's own run
        if _reachable_by_reordering(X, t, kwargs.get("lr", 0.01), w, b, epochs, budget):
            return True
    return False


def _first_error_trainer():
    """The rule, but each epoch stops after its first update (a break after the update)."""
    def train_perceptron(X, t, lr=0.01, max_epochs=100):
        X, t = _f(X), _f(t)
        w, b = np.zeros(X.shape[1]), 0.0
        for epoch in range(1, max_epochs + 1):
            updated = False
            for x_i, t_i in zip(X, t):
                if ref.step(x_i @ w + b) != t_i:
                    w, b, updated = w + lr * t_i * x_i, b + lr * t_i, True
                    break
            if not updated:
                return w, float(b), True, epoch
        return w, float(b), False, max_epochs
    return train_perceptron


e = entry_builder(S, E)
# perceptron's checks of values (its unknown-activation check has entries of its own)
VALUE_CHECKS = ("perceptron_values", "perceptron_random", "perceptron_no_mutation")

TRAIN_OTHERS = ("train_epochs_off_by_one", "train_update_always", "train_update_sign",
                "train_error_term_doubles_step", "train_no_bias_update",
                "perceptron_sigmoid_output", "train_strict_error_condition",
                "train_no_early_stop", "train_no_lr", "train_random_initial_weights",
                "train_boundary_output_as_class", "train_stops_at_first_error")

ENTRIES = [
    e("step_divides_by_abs", "step",
      "step을 s / |s|로 계산해 s = 0에서 0/0 = nan이 됩니다 (경고도 납니다). 부호는 맞지만 "
      "경계 위의 입력에서 step(0) = 0이어야 합니다: np.sign(s)를 쓰세요.",
      "step was computed as s / |s|, which is 0/0 = nan at s = 0 (with a warning); the sign is "
      "right elsewhere, but on the boundary step(0) = 0: use np.sign(s)",
      [step_over_abs, step_sqrt_square], "step: s/|s| (0에서 nan)", "step: s/|s| (nan at 0)"),
    Entry("sigmoid_where_evaluates_both_branches", "sigmoid",
          "안정한 두 식을 np.where(s >= 0, 1/(1+exp(−s)), exp(s)/(1+exp(s)))에 넣었습니다. "
          "값은 맞지만 np.where는 두 식을 모든 원소에서 먼저 계산하므로 exp(−s)와 exp(s)가 "
          "큰 |s|에서 여전히 넘칩니다 (경고). 지수에 항상 0 이하의 값이 들어가게 "
          "e = exp(−|s|)를 쓰세요: np.where(s >= 0, 1/(1+e), e/(1+e)). "
          f"({S})",
          "the two stable formulas are put into np.where(s >= 0, 1/(1+exp(−s)), "
          "exp(s)/(1+exp(s))); the values are right, but np.where evaluates both formulas on "
          "every element first, so exp(−s) and exp(s) still overflow for large |s| (warnings); "
          "give exp only arguments ≤ 0 with e = exp(−|s|): np.where(s >= 0, 1/(1+e), e/(1+e)) "
          f"({E})",
          match=sigmoid_where_overflows, checks=("sigmoid_stable",),
          unless=("sigmoid_naive_overflow",),
          title_ko="시그모이드: np.where가 두 식을 모두 계산", title_en="sigmoid: np.where "
          "evaluates both branches"),
    e("perceptron_sum_over_batch", "perceptron",
      "가중합을 축(axis) 없이 np.sum(X * w)로 (또는 axis=0으로) 더해 배치 전체가 한 값으로 "
      "합쳐졌습니다. 가중합은 샘플마다 하나입니다: X @ w + b, 또는 "
      "np.sum(X * w, axis=1) + b → 모양 (m,).",
      "the weighted sum was taken with np.sum(X * w) without an axis (or with axis=0), which "
      "adds the whole batch together; there is one weighted sum per sample: X @ w + b, or "
      "np.sum(X * w, axis=1) + b → shape (m,)",
      [_summed(None), _summed(0)], "perceptron: 배치 전체를 더함",
      "perceptron: sum over the whole batch", checks=VALUE_CHECKS),
    e("perceptron_w_times_X", "perceptron",
      "가중합을 np.dot(w, X) (또는 w @ X)로 썼습니다. 샘플 하나일 때의 w·x 순서를 배치에 "
      "그대로 쓰면 (n,)과 (m, n)의 곱이 되어 m ≠ n이면 모양 오류가 납니다. 샘플이 행이므로 "
      "X를 앞에 두세요: X @ w + b (모양 (m,)).",
      "the weighted sum was written np.dot(w, X) (or w @ X); the one-sample order w·x applied "
      "to a batch multiplies (n,) by (m, n), a shape error unless m = n; the samples are rows, "
      "so X goes first: X @ w + b (shape (m,))",
      [_w_first(False), _w_first(True)], "perceptron: w·X 순서", "perceptron: w·X order", checks=VALUE_CHECKS),
    e("perceptron_loops_over_rows", "perceptron",
      "X의 행을 하나씩 도는 반복문으로 계산했습니다. 샘플 하나(모양 (n,))가 오면 반복문이 그 "
      "숫자들을 돌아 모양 (n, n)이 됩니다. 독스트링은 X로 샘플 하나(n,)도 받습니다(결과는 "
      "스칼라 모양). X @ w + b는 두 경우를 모두 처리합니다.",
      "you loop over the rows of X; given one sample (shape (n,)) the loop runs over its "
      "numbers and the result has shape (n, n); the docstring also takes a single sample "
      "X of shape (n,) (a scalar-shaped result); X @ w + b handles both",
      [perceptron_row_loop], "perceptron: 행 반복(샘플 하나에서 틀림)",
      "perceptron: loop over rows (fails on one sample)", checks=VALUE_CHECKS),
    e("perceptron_column_weights", "perceptron",
      "w를 (n, 1) 열로 바꿔(nn.Linear처럼) 곱하거나 keepdims=True로 더해서 출력의 모양이 "
      "(m, 1) (샘플 하나면 (1,))입니다. 독스트링의 출력은 샘플마다 숫자 하나, 모양 (m,) "
      "(샘플 하나면 스칼라 모양 ())입니다: X @ w + b, w의 모양 (n,) 그대로.",
      "w was made an (n, 1) column (as in nn.Linear) or the sum kept its axis "
      "(keepdims=True), so the output has shape (m, 1) ((1,) for one sample); the docstring's "
      "output is one number per sample, shape (m,) (the scalar shape () for one sample): "
      "X @ w + b with w kept of shape (n,)",
      [_column_weights(False), _column_weights(True)], "perceptron: 출력 모양 (m, 1)",
      "perceptron: output shaped (m, 1)", checks=VALUE_CHECKS),
    e("poly_features_rows_reshaped", "poly_features",
      "특징을 행으로 쌓고(np.vstack, np.array([...]) → 모양 (4, m)) reshape(m, 4)로 바꿨습니다. "
      "reshape는 숫자를 행 순서로 다시 읽을 뿐이라 샘플과 특징이 섞입니다. 행과 열을 바꾸려면 "
      "전치하세요: np.vstack(...).T, 또는 np.column_stack((x1**2, x1, x1*x2, x2**2)).",
      "the features were stacked as rows (np.vstack, np.array([...]) → shape (4, m)) and "
      "reshaped to (m, 4); reshape only rereads the numbers in row order, which mixes samples "
      "and features; to swap rows and columns transpose: np.vstack(...).T, or "
      "np.column_stack((x1**2, x1, x1*x2, x2**2))",
      [_poly_rows_reshaped(np.vstack), _poly_rows_reshaped(np.array)],
      "다항 특징: 전치 대신 reshape", "polynomial features: reshape instead of transpose"),
    e("gate_unknown_name_returns_none", "gate_weights",
      "알 수 없는 게이트 이름(예: 'XOR')에서 예외 없이 None을 돌려주었습니다 (dict.get). "
      "독스트링은 ValueError를 요구합니다: 이름이 표에 없으면 raise ValueError(...)를 하세요.",
      "an unknown gate name (e.g. 'XOR') returned None without an error (dict.get); the "
      "docstring asks for ValueError: if name not in table: raise ValueError(...)",
      [gate_unknown_returns_none], "gate_weights: 모르는 이름에 None",
      "gate_weights: None for an unknown name", checks=("gate_weights_unknown_name",)),
    e("gate_unknown_name_key_error", "gate_weights",
      "알 수 없는 게이트 이름에서 딕셔너리 조회가 KeyError를 냈습니다. 독스트링은 "
      "ValueError를 요구합니다: 이름이 딕셔너리에 없으면 raise ValueError(...)를 하세요.",
      "an unknown gate name raised the dictionary lookup's KeyError; the docstring asks for "
      "ValueError: when the name is not in the dict, raise ValueError(...)",
      [gate_unknown_key_error], "gate_weights: ValueError 대신 KeyError",
      "gate_weights: KeyError instead of ValueError", checks=("gate_weights_unknown_name",)),
    e("train_random_initial_weights", "train_perceptron",
      "가중치를 난수로 시작했습니다 (교재 코드의 RandomState(1).normal(0, 0.01, …) 같은 "
      "초기화). 이 과제의 학습 규칙은 w = 0, b = 0에서 시작하므로 결과가 하나로 정해집니다: "
      "w = np.zeros(X.shape[1]), b = 0.0.",
      "the weights start from random numbers (textbook code's RandomState(1).normal(0, 0.01, …) "
      "initialisation); this assignment's rule starts from w = 0, b = 0, so its result is "
      "determined: w = np.zeros(X.shape[1]), b = 0.0",
      [_random_start(False), _random_start(True)], "학습: 난수 초기 가중치",
      "training: random initial weights"),
    e("train_boundary_output_as_class", "train_perceptron",
      "학습 안에서 출력을 np.where(s >= 0, 1, −1)처럼 두 값으로만 정했습니다. 그러면 경계 위의 "
      "샘플(s = 0, 처음 w = 0일 때 모두)이 한쪽 클래스로 분류되어 갱신되지 않습니다. 규칙의 "
      "출력은 step(s)이고 step(0) = 0은 어느 목표와도 달라 갱신됩니다: "
      "step(x·w + b) != t이면 갱신하세요.",
      "inside training the output takes two values only, like np.where(s >= 0, 1, −1); a "
      "sample on the boundary (s = 0, every sample while w = 0) then counts as one class and "
      "is not updated; the rule's output is step(s), and step(0) = 0 differs from every "
      "target, so it is updated: update whenever step(x·w + b) != t",
      [_two_valued_trainer(True), _two_valued_trainer(False)], "학습: 경계 출력을 한 클래스로",
      "training: boundary output as a class",
      # on XOR (no convergence, max_epochs runs) the two can end at the same w: that one
      unless=("train_error_term_doubles_step",)),
    Entry("train_samples_shuffled", "train_perceptron",
          "반환한 (w, b)와 에포크 수는 규칙대로 w = 0, b = 0에서 시작했지만 샘플을 다른 순서로 "
          "본 결과입니다: 에포크마다 샘플을 섞었습니다 (SGD 코드의 습관). 퍼셉트론 학습 규칙은 "
          f"매 에포크 샘플을 주어진 순서대로 한 번씩 보므로 결과가 하나로 정해집니다. ({S})",
          "the (w, b) and the epoch count you returned are the rule's, from w = 0, b = 0, with "
          "the samples visited in another order: the samples were shuffled each epoch (a habit "
          "from SGD code); the perceptron rule visits the samples once per epoch in the given "
          f"order, so its result is determined ({E})",
          match=samples_reordered, unless=TRAIN_OTHERS,
          title_ko="학습: 에포크마다 샘플을 섞음", title_en="training: samples shuffled"),
    e("train_stops_at_first_error", "train_perceptron",
      "에포크 안에서 첫 번째로 틀린 샘플을 갱신한 뒤 `break`(또는 `return`)로 에포크를 끝냈습니다. "
      "그러면 한 에포크에 갱신이 많아야 한 번이라 에포크 수와 (w, b)가 규칙과 달라집니다. "
      "퍼셉트론 학습 규칙은 매 에포크 모든 샘플을 차례로 보고 틀린 샘플마다 갱신합니다: "
      "`break` 없이 끝까지 도세요.",
      "each epoch ends (break, or a return) right after the first misclassified sample is "
      "updated, so an epoch makes at most one update and the epoch count and (w, b) differ "
      "from the rule's; the perceptron rule visits every sample in every epoch and updates on "
      "each mistake: loop to the end without a break",
      [_first_error_trainer()], "학습: 첫 오류에서 에포크 중단",
      "training: epoch stops at the first mistake",
      checks=("train_perceptron_gates", "train_perceptron_xor", "train_perceptron_random")),
    *removed_alias_entries(("step", "sigmoid", "perceptron", "train_perceptron",
                            "poly_features", "gate_weights"),
                           "perceptron"),
]
