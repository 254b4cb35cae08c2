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


def _relu(x):
    return np.maximum(_f(x), 0.0)


def prelu_negative_part_flipped(x, alpha):
    """relu(x) + alpha * relu(−x): −alpha·x on the negative side."""
    return _relu(x) + alpha * _relu(-_f(x))


def leaky_relu_negative_part_flipped(x, a=0.01):
    return _relu(x) + a * _relu(-_f(x))


def _leaky_derivative_flipped(strict):
    def leaky_relu_derivative(x, a=0.01):
        x = _f(x)
        return np.where(x > 0 if strict else x >= 0, 1.0, -a)
    return leaky_relu_derivative


def prelu_gradients_dalpha_flipped(x, alpha, upstream):
    """dalpha from the flipped form's dy/dalpha = relu(−x) = −x on the negative side."""
    x, upstream = _f(x), _f(upstream)
    dx = upstream * np.where(x > 0, 1.0, alpha)
    return dx, float(np.sum(upstream * _relu(-x)))


def _dalpha_of_output(everywhere):
    """dalpha multiplying upstream by the output y = prelu(x) instead of by x."""
    def prelu_gradients(x, alpha, upstream):
        x, upstream = _f(x), _f(upstream)
        y = np.where(x > 0, x, alpha * x)
        dx = upstream * np.where(x > 0, 1.0, alpha)
        return dx, float(np.sum(upstream * y if everywhere else np.where(x < 0, upstream * y,
                                                                         0.0)))
    return prelu_gradients


def _prelu_dx_flipped(strict):
    """dx with the flipped form's slope: −alpha on the negative side."""
    def prelu_gradients(x, alpha, upstream):
        x, upstream = _f(x), _f(upstream)
        dx = upstream * np.where(x > 0 if strict else x >= 0, 1.0, -alpha)
        return dx, float(np.sum(np.where(x < 0, upstream * x, 0.0)))
    return prelu_gradients


def tanh_derivative_square_only(x):
    """tanh(x)²: the "1 −" lost."""
    return np.tanh(_f(x)) ** 2


def tanh_derivative_one_plus_square(x):
    return 1.0 + np.tanh(_f(x)) ** 2


def _elu_derivative_plus_one(strict):
    """The negative branch ELU(x) + 1 = α(eˣ − 1) + 1, which is αeˣ only for α = 1."""
    def elu_derivative(x, alpha=1.0):
        x = _f(x)
        return np.where(x > 0 if strict else x >= 0, 1.0,
                        alpha * np.expm1(np.minimum(x, 0.0)) + 1.0)
    return elu_derivative


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
    e("prelu_negative_part_sign_flipped", "prelu",
      "relu(x) + α·relu(−x)로 써서 음수 쪽이 −αx가 되었습니다 (relu(−x) = −x ≥ 0). 음수 쪽의 "
      "값은 αx입니다: relu(x) − α·relu(−x), 또는 np.where(x > 0, x, alpha * x).",
      "you wrote relu(x) + α·relu(−x), which is −αx on the negative side (relu(−x) = −x ≥ 0); "
      "the negative side is αx: relu(x) − α·relu(−x), or np.where(x > 0, x, alpha * x)",
      [prelu_negative_part_flipped], "PReLU: 음수 쪽 부호 반대", "PReLU: negative part's sign"),
    e("leaky_relu_negative_part_sign_flipped", "leaky_relu",
      "relu(x) + a·relu(−x)로 써서 음수 쪽이 −ax가 되었습니다 (relu(−x) = −x ≥ 0). 음수 쪽의 "
      "값은 ax입니다: relu(x) − a·relu(−x), 또는 np.where(x > 0, x, a * x).",
      "you wrote relu(x) + a·relu(−x), which is −ax on the negative side (relu(−x) = −x ≥ 0); "
      "the negative side is ax: relu(x) − a·relu(−x), or np.where(x > 0, x, a * x)",
      [leaky_relu_negative_part_flipped], "Leaky ReLU: 음수 쪽 부호 반대",
      "leaky ReLU: negative part's sign"),
    e("leaky_relu_derivative_sign_flipped", "leaky_relu_derivative",
      "음수 쪽의 기울기를 −a로 돌려주었습니다 (relu(x) + a·relu(−x)를 미분한 값). Leaky "
      "ReLU는 음수 쪽에서 ax이므로 기울기는 a입니다: np.where(x > 0, 1.0, a).",
      "the slope on the negative side is −a (the derivative of relu(x) + a·relu(−x)); leaky "
      "ReLU is ax on the negative side, so its slope is a: np.where(x > 0, 1.0, a)",
      [_leaky_derivative_flipped(True), _leaky_derivative_flipped(False)],
      "Leaky ReLU 미분: 음수 쪽 −a", "leaky ReLU derivative: −a for negatives"),
    e("prelu_dalpha_sign_flipped", "prelu_gradients",
      "dalpha를 upstream · relu(−x)의 합으로 구해 부호가 반대입니다 (음수 쪽에서 relu(−x) = −x). "
      "y = αx의 α에 대한 미분은 x입니다: dalpha = sum(upstream * x) (x < 0인 원소).",
      "dalpha was summed as upstream · relu(−x), which has the opposite sign (relu(−x) = −x on "
      "the negative side); y = αx differentiated by α is x: dalpha = sum(upstream * x) over "
      "the entries with x < 0",
      [prelu_gradients_dalpha_flipped], "PReLU 기울기: dalpha 부호 반대",
      "PReLU gradients: dalpha's sign"),
    e("prelu_dx_sign_flipped", "prelu_gradients",
      "dx의 음수 쪽 기울기를 −α로 썼습니다 (relu(x) + α·relu(−x)를 미분한 값). PReLU는 음수 "
      "쪽에서 αx이므로 기울기는 α입니다: dx = upstream * np.where(x > 0, 1.0, alpha).",
      "dx uses the slope −α on the negative side (the derivative of relu(x) + α·relu(−x)); "
      "PReLU is αx on the negative side, so its slope is α: "
      "dx = upstream * np.where(x > 0, 1.0, alpha)",
      [_prelu_dx_flipped(True), _prelu_dx_flipped(False)], "PReLU 기울기: dx의 음수 쪽 −α",
      "PReLU gradients: −α in dx"),
    e("tanh_derivative_sign_of_square", "tanh_derivative",
      "tanh(x)² (\"1 −\"를 빠뜨림) 또는 1 + tanh(x)² (부호)를 계산했습니다. 미분은 "
      "1 − tanh(x)²입니다: 1.0 - np.tanh(x) ** 2.",
      "you computed tanh(x)² (the \"1 −\" lost) or 1 + tanh(x)² (the sign); the derivative "
      "is 1 − tanh(x)²: 1.0 - np.tanh(x) ** 2",
      [tanh_derivative_square_only, tanh_derivative_one_plus_square],
      "tanh 미분: 1 − tanh²의 부호", "tanh derivative: the sign of 1 − tanh²"),
    e("prelu_dalpha_uses_output", "prelu_gradients",
      "dalpha에서 upstream에 입력 x 대신 출력 y = αx를 곱해 α배가 되었습니다. y = αx를 α로 "
      "미분하면 x입니다: dalpha = sum(upstream * x) (x < 0인 원소).",
      "dalpha multiplies upstream by the output y = αx instead of by the input x, which makes "
      "it α times too large; y = αx differentiated by α is x: dalpha = sum(upstream * x) over "
      "the entries with x < 0",
      [_dalpha_of_output(False), _dalpha_of_output(True)], "PReLU 기울기: dalpha에 출력 y",
      "PReLU gradients: dalpha uses the output"),
    e("elu_derivative_elu_plus_one", "elu_derivative",
      "음수 쪽 미분을 ELU(x) + 1로 썼습니다. ELU(x) + 1 = α(eˣ − 1) + 1은 α = 1일 때만 αeˣ와 "
      "같습니다. 출력으로 쓰려면 ELU(x) + α, 아니면 alpha * np.exp(x)입니다 (x < 0).",
      "the negative side's derivative is written ELU(x) + 1; α(eˣ − 1) + 1 equals αeˣ only "
      "for α = 1; from the output it is ELU(x) + α, or alpha * np.exp(x) (x < 0)",
      [_elu_derivative_plus_one(False), _elu_derivative_plus_one(True)],
      "ELU 미분: ELU(x) + 1", "ELU derivative: ELU(x) + 1"),
    *removed_alias_entries(("relu", "relu_derivative", "leaky_relu",
                            "leaky_relu_derivative", "prelu", "prelu_gradients", "elu",
                            "elu_derivative", "tanh", "tanh_derivative", "he_normal"),
                           "activations"),
]
