"""Known misconceptions of 01_perceptron (lecture 3.2-3.5), as what each mistake computes."""
import numpy as np

import solutions.perceptron as ref
from autograder.diagnoses import perceptron_extra, perceptron_more
from autograder.diagnosis import Entry, entry_builder, float32_entries

S, E = "강의 3.2–3.5", "lecture 3.2–3.5"


def step_zero_is_one(s):
    return np.where(np.asarray(s, dtype=np.float64) >= 0, 1.0, -1.0)


def step_zero_is_minus_one(s):
    return np.where(np.asarray(s, dtype=np.float64) > 0, 1.0, -1.0)


def step_binary(s):
    return np.where(np.asarray(s, dtype=np.float64) > 0, 1.0, 0.0)


def sigmoid_sign_flipped(s):
    return 1.0 / (1.0 + np.exp(np.asarray(s, dtype=np.float64)))


def sigmoid_naive(s):
    return 1.0 / (1.0 + np.exp(-np.asarray(s, dtype=np.float64)))


def _sigmoid_clipped(bound):
    def sigmoid(s):
        return 1.0 / (1.0 + np.exp(-np.clip(np.asarray(s, dtype=np.float64), -bound, bound)))
    return sigmoid


# bounds seen in tutorials; from about ±28 on, exp(−bound) is below the checks' tolerance
CLIP_BOUNDS = (10.0, 5.0, 15.0, 20.0, 25.0)


def perceptron_ignores_activation(X, w, b, activation="step"):
    return ref.step(np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) + b)


def perceptron_minus_bias(X, w, b, activation="step"):
    phi = {"step": ref.step, "sigmoid": ref.sigmoid}[activation]
    return phi(np.asarray(X, dtype=np.float64) @ np.asarray(w, dtype=np.float64) - b)


def _trainer(output=ref.step, update=lambda lr, t, y: lr * t, always=False, count_clean=True,
             bias=True):
    """The perceptron rule with one thing changed (`solutions.perceptron.train_perceptron`)."""
    def train_perceptron(X, t, lr=0.01, max_epochs=100):
        X = np.asarray(X, dtype=np.float64)
        t = np.asarray(t, dtype=np.float64)
        w, b = np.zeros(X.shape[1]), 0.0
        for epoch in range(1, max_epochs + 1):
            updated = False
            for x_i, t_i in zip(X, t):
                y = output(x_i @ w + b)
                if y != t_i:
                    updated = True
                if y != t_i or always:
                    w = w + update(lr, t_i, y) * x_i
                    b = b + (update(lr, t_i, y) if bias else 0.0)
            if not updated:
                return w, float(b), True, epoch if count_clean is True else epoch - 1
        return w, float(b), False, max_epochs if count_clean != "zero_based" else max_epochs - 1
    return train_perceptron


def poly_features_order(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1, x1 ** 2, x1 * x2, x2 ** 2], axis=1)


def poly_features_x2_column(X):
    """(x1^2, x2, x1 x2, x2^2): the second column is x2 instead of x1."""
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1 ** 2, x2, x1 * x2, x2 ** 2], axis=1)




GATE_TABLES = {"AND": (-1, -1, -1, 1), "OR": (-1, 1, 1, 1), "NAND": (1, 1, 1, -1),
               "NOR": (1, -1, -1, -1)}  # on X_gate = (−1,−1), (−1,1), (1,−1), (1,1)


def _gate_computes(gate, other):
    def match(check, args, value, expected):
        table = perceptron_extra.gate_table(check, args, value, gate)
        return table is not None and tuple(table) == GATE_TABLES[other]
    return match


e = entry_builder(S, E)


ENTRIES = [
    e("step_zero_is_one", "step",
      "s = 0에서 1을 돌려줍니다 (s >= 0 → 1). 양극성 계단 함수는 부호 함수이므로 "
      "step(0) = 0입니다: np.sign(s).",
      "step(0) returns 1 (s >= 0 → 1); the bipolar step is the sign function, so "
      "step(0) = 0: np.sign(s)",
      [step_zero_is_one], "step(0) = 1", "step(0) = 1"),
    e("step_zero_is_minus_one", "step",
      "s = 0에서 −1을 돌려줍니다 (s > 0이 아니면 −1). step(0) = 0입니다: np.sign(s).",
      "step(0) returns −1 (−1 unless s > 0); step(0) = 0: np.sign(s)",
      [step_zero_is_minus_one], "step(0) = −1", "step(0) = −1"),
    e("step_binary", "step",
      "0과 1을 돌려주는 이진 계단 함수를 썼습니다. 이 과제의 입력과 출력은 양극성(−1, +1)"
      "입니다: np.sign(s).",
      "you wrote the binary step (0 or 1); this assignment is bipolar (−1, +1): np.sign(s)",
      [step_binary], "이진(0/1) 계단", "binary 0/1 step"),
    e("sigmoid_sign_flipped", "sigmoid",
      "φ(−s)를 계산했습니다: 1 / (1 + exp(s))처럼 지수의 부호가 반대이거나, 안정한 식에서 "
      "두 가지(1/(1+e)와 e/(1+e), e = exp(−|s|))를 바꿔 넣었습니다. 시그모이드는 "
      "1 / (1 + exp(−s))입니다: s ≥ 0이면 1/(1+e), s < 0이면 e/(1+e).",
      "you computed φ(−s): either the exponent's sign is flipped (1 / (1 + exp(s))) or the "
      "stable form's two branches (1/(1+e) and e/(1+e), e = exp(−|s|)) are swapped; the "
      "sigmoid is 1 / (1 + exp(−s)): 1/(1+e) for s ≥ 0, e/(1+e) for s < 0",
      [sigmoid_sign_flipped], "시그모이드: exp 부호", "sigmoid: sign of the exponent"),
    e("sigmoid_naive_overflow", "sigmoid",
      "1 / (1 + exp(−s))를 그대로 계산해 큰 음수 s에서 exp가 넘칩니다(오버플로 경고). "
      "e = exp(−|s|)로 나눠 계산하세요: s ≥ 0이면 1/(1+e), s < 0이면 e/(1+e).",
      "1 / (1 + exp(−s)) computed as written overflows in exp for large negative s; use "
      "e = exp(−|s|): 1/(1+e) for s ≥ 0, e/(1+e) for s < 0",
      [sigmoid_naive], "시그모이드: exp 오버플로", "sigmoid: exp overflow",
      checks=("sigmoid_stable",)),
    e("sigmoid_clipped", "sigmoid",
      "오버플로를 막으려고 s를 잘라서(np.clip) 큰 |s|에서 값이 틀립니다. 자르지 말고 "
      "e = exp(−|s|)로 안정하게 계산하세요.",
      "you clipped s against overflow, which changes the values for large |s|; compute it "
      "stably with e = exp(−|s|) instead of clipping",
      [_sigmoid_clipped(c) for c in CLIP_BOUNDS], "시그모이드: 입력 자름",
      "sigmoid: clipped input"),
    e("perceptron_ignores_activation", "perceptron",
      "activation 인자를 무시하고 항상 계단 함수를 썼습니다. \"sigmoid\"이면 시그모이드를 "
      "적용하세요.",
      "you ignored the activation argument and always applied step; apply sigmoid when it "
      "is \"sigmoid\"",
      [perceptron_ignores_activation], "perceptron: activation 무시",
      "perceptron: activation ignored",
      # only where a known activation is asked for: on an unknown name, any function that returns
      # values (e.g. a sigmoid fallback) replies like this mistake (blind2
      # perceptron_unknown_activation_falls_back)
      checks=("perceptron_values", "perceptron_random")),
    e("perceptron_minus_bias", "perceptron",
      "X·w − b로 편향을 뺐습니다. 출력은 activation(X·w + b)입니다.",
      "you subtracted the bias (X·w − b); the output is activation(X·w + b)",
      [perceptron_minus_bias], "perceptron: 편향 부호", "perceptron: bias sign",
      checks=("perceptron_values", "perceptron_random")),  # (its lookup raises KeyError too)
    e("train_epochs_off_by_one", "train_perceptron",
      "epochs가 독스트링의 수보다 하나 적습니다: 마지막 깨끗한(갱신 없는) 에포크를 세지 "
      "않았거나, range(max_epochs)의 0부터 시작하는 번호를 그대로 돌려주었습니다. 에포크는 1부터 "
      "세고 갱신이 없던 에포크까지 포함합니다 (1번째에 갱신, 2번째에 갱신 없음 → 2).",
      "epochs is one less than the docstring's count: the final clean epoch (the one without "
      "updates) is left out, or the 0-based index of range(max_epochs) is returned; epochs "
      "count from 1 and include the clean one (updates in epoch 1, none in epoch 2 → 2)",
      [_trainer(count_clean=False), _trainer(count_clean="zero_based")],
      "학습 에포크 수 하나 어긋남", "epoch count off by one"),
    e("train_update_always", "train_perceptron",
      "틀린 샘플만이 아니라 모든 샘플에서 가중치를 갱신했습니다. 퍼셉트론 학습 규칙은 "
      "출력이 목표와 다를 때만 w ← w + η·t·x입니다.",
      "you updated on every sample, not only on the misclassified ones; the perceptron rule "
      "updates w ← w + η·t·x only when the output differs from the target",
      [_trainer(always=True)], "모든 샘플에서 갱신", "updates on every sample"),
    e("train_update_sign", "train_perceptron",
      "w ← w − η·t·x로 목표에서 멀어지는 쪽으로 갱신했습니다. w ← w + η·t·x, b ← b + η·t입니다.",
      "you updated away from the target (w ← w − η·t·x); the rule is w ← w + η·t·x, "
      "b ← b + η·t",
      [_trainer(update=lambda lr, t, y: -lr * t)], "갱신 부호 반대", "update sign"),
    e("train_error_term_doubles_step", "train_perceptron",
      "w ← w + η(t − y)x로 갱신했습니다. 양극성 출력에서 틀리면 t − y = 2t라서 걸음이 2배가 "
      "됩니다. 이 과제의 규칙은 w ← w + η·t·x입니다.",
      "you updated with w ← w + η(t − y)x; with bipolar outputs a mistake has t − y = 2t, "
      "which doubles the step; this assignment's rule is w ← w + η·t·x",
      [_trainer(update=lambda lr, t, y: lr * (t - y))], "(t − y) 갱신: 2배 걸음",
      "(t − y) update doubles the step",
      # xor_poly compares only converged and epochs: an epoch stopped at its first mistake
      # (perceptron_more) reaches the same count there, so neither is named on it
      checks=("train_perceptron_gates", "train_perceptron_xor", "train_perceptron_random")),
    e("train_no_bias_update", "train_perceptron",
      "편향 b를 갱신하지 않았습니다. 틀린 샘플마다 b ← b + η·t도 하세요.",
      "the bias b is never updated; on every mistake also do b ← b + η·t",
      [_trainer(bias=False)], "편향 갱신 없음", "bias not updated"),
    e("perceptron_sigmoid_output", "train_perceptron",
      "시그모이드 출력으로 맞고 틀림을 판단했습니다. 시그모이드 값은 ±1이 되지 않아 모든 "
      "샘플이 틀린 것으로 보입니다. 퍼셉트론 학습은 계단 출력 step(x·w + b)을 목표와 "
      "비교합니다.",
      "you judged the sample by the sigmoid output, which is never ±1, so every sample looks "
      "wrong; the perceptron rule compares the step output step(x·w + b) with the target",
      [_trainer(output=ref.sigmoid)], "시그모이드 출력으로 학습", "trained on the sigmoid output"),
    e("poly_features_order", "poly_features",
      "열 순서가 다릅니다. 강의 3.5와 독스트링의 순서는 (x1², x1, x1·x2, x2²)입니다.",
      "the columns are in another order; lecture 3.5 and the docstring use "
      "(x1², x1, x1·x2, x2²)",
      [poly_features_order], "다항 특징: 열 순서", "polynomial features: column order"),
    e("poly_features_x2_column", "poly_features",
      "두 번째 열에 x2를 넣었습니다. 강의의 특징은 (x1², x1, x1·x2, x2²)입니다.",
      "the second column holds x2; the lecture's features are (x1², x1, x1·x2, x2²)",
      [poly_features_x2_column], "다항 특징: x1 대신 x2", "polynomial features: x2 for x1"),
    Entry("gate_nand_computes_nor", "gate_weights",
          "NAND의 가중치가 NOR를 계산합니다 (두 입력이 모두 −1일 때만 1). AND의 w만 부호를 "
          "바꾸고 b는 그대로 두었을 것입니다. NAND = NOT AND이므로 w와 b를 모두 부호를 "
          f"바꿉니다: AND가 (w, b)이면 NAND는 (−w, −b)입니다. ({S})",
          "your NAND weights compute NOR (1 only when both inputs are −1): probably AND's w "
          "negated with its b kept; NAND = NOT AND negates both w and b: AND's (w, b) gives "
          f"NAND (−w, −b) ({E})",
          match=_gate_computes("NAND", "NOR"), title_ko="NAND 대신 NOR",
          title_en="NAND computes NOR"),
    Entry("gate_nand_computes_and", "gate_weights",
          "NAND의 가중치가 AND를 계산합니다. NAND = NOT AND이므로 AND의 (w, b)를 모두 부호를 "
          f"바꾼 (−w, −b)입니다. ({S})",
          "your NAND weights compute AND; NAND = NOT AND is AND's (w, b) with both signs "
          f"flipped: (−w, −b) ({E})",
          match=_gate_computes("NAND", "AND"), title_ko="NAND 대신 AND",
          title_en="NAND computes AND"),
    Entry("gate_and_computes_or", "gate_weights",
          "AND의 가중치가 OR를 계산합니다 (입력 하나만 1이어도 1). w = (1, 1)이면 합은 −2, 0, "
          "2이므로 두 입력이 모두 1일 때만 양수가 되도록 b를 음수로 두세요: b = −1. "
          f"({S})",
          "your AND weights compute OR (1 when either input is 1); with w = (1, 1) the sums "
          "are −2, 0, 2, so b must be negative for only both-1 inputs to give a positive "
          f"sum: b = −1 ({E})",
          match=_gate_computes("AND", "OR"), title_ko="AND 대신 OR", title_en="AND computes OR"),
    Entry("gate_or_computes_and", "gate_weights",
          "OR의 가중치가 AND를 계산합니다 (두 입력이 모두 1일 때만 1). 0/1 입력용 교재의 "
          "가중치(예: b = −0.5, b = −0.2)가 이렇게 됩니다: 이 과제의 입력은 −1과 1입니다. "
          "w = (1, 1)이면 입력 하나만 1일 때 합이 0이므로 b를 양수로 두세요: b = +1. "
          f"({S})",
          "your OR weights compute AND (1 only when both inputs are 1), as weights made for "
          "0/1 inputs do (e.g. b = −0.5 or −0.2): here the inputs are −1 and 1; with "
          f"w = (1, 1) one input at 1 gives the sum 0, so b must be positive: b = +1 ({E})",
          match=_gate_computes("OR", "AND"), title_ko="OR 대신 AND", title_en="OR computes AND"),
    *perceptron_extra.ENTRIES,
    *perceptron_more.ENTRIES,
    *float32_entries(("step", "sigmoid", "perceptron", "train_perceptron", "poly_features")),
]
