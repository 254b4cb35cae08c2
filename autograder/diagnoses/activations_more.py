"""Misconceptions of 03_activations seen only on some inputs (lecture 4.1): leaky ReLU's slope
taken for its value, ELU's α outside the parentheses (right only for α = 1), PReLU's gradients
returned in the other order. `autograder/diagnoses/activations.py` lists them in its ENTRIES.
"""
import numpy as np

from autograder.diagnosis import entry_builder

S, E = "강의 4.1", "lecture 4.1"


def _f(x):
    return np.asarray(x, dtype=np.float64)


def _leaky_constant(strict):
    def leaky_relu(x, a=0.01):
        x = _f(x)
        return np.where(x > 0 if strict else x >= 0, x, a)
    return leaky_relu


def _elu_alpha_outside(strict):
    def elu(x, alpha=1.0):
        x = _f(x)
        return np.where(x > 0 if strict else x >= 0, x, alpha * np.exp(np.minimum(x, 0.0)) - 1.0)
    return elu


def prelu_gradients_swapped(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    dx = upstream * np.where(x > 0, 1.0, alpha)
    return float(np.sum(np.where(x < 0, upstream * x, 0.0))), dx


e = entry_builder(S, E)

ENTRIES = [
    e("leaky_relu_constant_a", "leaky_relu",
      "음수 입력을 상수 a로 바꿨습니다 (np.where(x > 0, x, a)). a는 기울기이므로 음수 "
      "쪽의 값은 a·x입니다: np.where(x > 0, x, a * x).",
      "negative inputs are replaced by the constant a (np.where(x > 0, x, a)); a is the "
      "slope, so the value on the negative side is a·x: np.where(x > 0, x, a * x)",
      [_leaky_constant(True), _leaky_constant(False)], "Leaky ReLU: 음수 쪽이 상수 a",
      "leaky ReLU: constant a for negatives"),
    e("elu_alpha_outside_parentheses", "elu",
      "괄호가 빠져 α·eˣ − 1을 계산했습니다. ELU의 음수 쪽은 α(eˣ − 1)입니다. α = 1일 때만 "
      "두 식이 같으므로 α를 바꾸면 틀립니다: alpha * (np.exp(x) − 1) 또는 "
      "alpha * np.expm1(x).",
      "missing parentheses: you computed α·eˣ − 1; ELU's negative side is α(eˣ − 1); the two "
      "agree only for α = 1, so any other α is wrong: alpha * (np.exp(x) − 1) or "
      "alpha * np.expm1(x)",
      [_elu_alpha_outside(False), _elu_alpha_outside(True)], "ELU: α가 괄호 밖",
      "ELU: α outside the parentheses"),
    e("prelu_gradients_order_swapped", "prelu_gradients",
      "(dalpha, dx) 순서로 돌려주었습니다. 독스트링의 반환값은 (dx, dalpha)입니다: "
      "x와 같은 모양의 배열 dx가 먼저, 실수 dalpha가 다음입니다.",
      "you returned (dalpha, dx); the docstring returns (dx, dalpha): the array dx shaped "
      "like x first, then the float dalpha",
      [prelu_gradients_swapped], "PReLU 기울기: 반환 순서 바뀜",
      "PReLU gradients: order swapped"),
]
