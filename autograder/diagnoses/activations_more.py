"""Misconceptions of 03_activations seen only on some inputs (lecture 4.1): leaky ReLU's slope
taken for its value, ELU's α outside the parentheses (right only for α = 1), PReLU's gradients
returned in the other order or written into the caller's upstream. `autograder/diagnoses/activations.py` lists them in its ENTRIES.
"""
import numpy as np

from autograder.diagnoses.scalar_code import removed_alias_entries
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


def upstream_mutated(check, args, value, expected):
    """The no-mutation check found `upstream` changed (Deep Learning from Scratch's Relu
    backward, dout[mask] = 0, applied to the caller's array)."""
    found = check.compare(value, expected)
    return found.key == "value.input_mutated" and str(found.fields.get("arg", "")) == "upstream"


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
    e("prelu_gradients_upstream_in_place", "prelu_gradients",
      "upstream 배열을 제자리에서 바꿨습니다 (예: 밑바닥부터 시작하는 딥러닝의 ReLU 역전파처럼 "
      "upstream[x <= 0] *= alpha). 호출한 쪽의 배열이 바뀝니다. 새 배열을 "
      "만드세요: dx = upstream * np.where(x > 0, 1.0, alpha).",
      "the upstream array was changed in place (e.g. dout[mask] = 0 as in Deep Learning from "
      "Scratch's Relu backward, upstream[x <= 0] *= alpha), which changes the caller's array; "
      "make a new one: dx = upstream * np.where(x > 0, 1.0, alpha)",
      [], "PReLU 기울기: upstream을 제자리에서 바꿈", "PReLU gradients: upstream changed in place",
      match=upstream_mutated, checks=("prelu_gradients_no_mutation",)),
    *removed_alias_entries(("relu", "relu_derivative", "leaky_relu",
                            "leaky_relu_derivative", "prelu", "prelu_gradients", "elu",
                            "elu_derivative", "tanh", "tanh_derivative", "he_normal"),
                           "activations"),
]
