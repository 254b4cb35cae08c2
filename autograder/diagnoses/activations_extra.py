"""More misconceptions of 03_activations (lecture 4.1): a reduction for the elementwise max, the
kink's value as an average, swapped branches, α forgotten, tanh from raw exponentials, misplaced
squares and square roots, PyTorch's weight layout for He.
`autograder/diagnoses/activations.py` lists them in its ENTRIES.
"""
import numpy as np

import solutions.activations as ref
from autograder.diagnoses.scalar_code import scalar_entries
from autograder.diagnosis import entry_builder

S, E = "강의 4.1", "lecture 4.1"


def _f(x):
    return np.asarray(x, dtype=np.float64)


def relu_np_max(x):
    return np.max(_f(x), 0)  # a reduction over axis 0: what np.max(x, 0) computes


def relu_derivative_half_at_zero(x):
    return np.heaviside(_f(x), 0.5)


def _leaky_default(function, a_default):
    def leaky(x, a=a_default):
        return function(x, a)
    return leaky


LEAKY_DEFAULTS = (0.2, 0.3, 0.1)  # TensorFlow's tf.nn.leaky_relu, Keras' LeakyReLU, blogs


def prelu_branches_swapped(x, alpha):
    x = _f(x)
    return np.where(x > 0, alpha * x, x)


def elu_ignores_alpha(x, alpha=1.0):
    x = _f(x)
    return np.where(x >= 0, x, np.expm1(np.minimum(x, 0.0)))


def tanh_exp_ratio(x):
    x = _f(x)
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))


def tanh_exp2_ratio(x):
    z = np.exp(2.0 * _f(x))
    return (z - 1.0) / (z + 1.0)


def tanh_expm2_ratio(x):
    z = np.exp(-2.0 * _f(x))
    return (1.0 - z) / (1.0 + z)


def tanh_sinh_over_cosh(x):
    x = _f(x)
    return np.sinh(x) / np.cosh(x)


def he_size_as_two_args(fan_in, fan_out, rng):
    return rng.standard_normal(fan_in, fan_out) * np.sqrt(2.0 / fan_in)  # raises: what it does


def he_generator_randn(fan_in, fan_out, rng):
    return rng.randn(fan_in, fan_out) * np.sqrt(2.0 / fan_in)  # raises: what it does


def leaky_relu_derivative_swapped(x, a=0.01):
    return np.where(_f(x) > 0, a, 1.0)


def prelu_gradients_dalpha_positive_side(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return upstream * np.where(x > 0, 1.0, alpha), float(np.sum(np.where(x > 0, upstream * x,
                                                                         0.0)))


def tanh_derivative_caret(x):
    return 1.0 - np.tanh(_f(x)) ^ 2  # raises TypeError on floats: what `^ 2` does


def tanh_derivative_tanh_of_square(x):
    return 1.0 - np.tanh(_f(x) ** 2)


def tanh_derivative_square_of_difference(x):
    return (1.0 - np.tanh(_f(x))) ** 2


def he_transposed(fan_in, fan_out, rng):
    return rng.standard_normal((fan_out, fan_in)) * np.sqrt(2.0 / fan_in)


def he_transposed_t(fan_in, fan_out, rng):
    return (rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).T


def he_sqrt2_over_fan_in(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * (np.sqrt(2.0) / fan_in)


def he_two_over_sqrt_fan_in(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * (2.0 / np.sqrt(fan_in))


e = entry_builder(S, E)


ENTRIES = [
    e("relu_np_max", "relu",
      "np.max(x, 0)을 썼습니다. np.max는 축 0을 따라 가장 큰 값 하나를 고르는 축소 연산이고, "
      "두 번째 인자는 0과의 비교가 아니라 축입니다. 원소별 최댓값은 np.maximum(x, 0)입니다.",
      "you used np.max(x, 0); np.max is a reduction that picks the largest value along axis "
      "0, and its second argument is the axis, not a value to compare with; the elementwise "
      "maximum is np.maximum(x, 0)",
      [relu_np_max], "ReLU: np.max (축소)", "ReLU: np.max (a reduction)"),
    e("relu_derivative_half_at_zero", "relu_derivative",
      "x = 0에서 0.5를 돌려줍니다 (예: np.heaviside(x, 0.5)). 꺾이는 점의 값은 정하기 "
      "나름이지만 이 과제의 독스트링은 x <= 0에서 0으로 정합니다: (x > 0).astype(float) "
      "또는 np.heaviside(x, 0).",
      "it returns 0.5 at x = 0 (e.g. np.heaviside(x, 0.5)); the value at the kink is a "
      "convention, and this assignment's docstring sets 0 for x <= 0: (x > 0).astype(float) "
      "or np.heaviside(x, 0)",
      [relu_derivative_half_at_zero], "ReLU′(0) = 0.5", "ReLU′(0) = 0.5"),
    e("leaky_relu_derivative_swapped", "leaky_relu_derivative",
      "두 값을 바꿔서 양수 쪽에 a, 음수 쪽에 1을 돌려줍니다. 미분은 x > 0이면 1, x <= 0이면 "
      "a입니다: np.where(x > 0, 1.0, a).",
      "the two values are swapped (a for positive x, 1 for negative x); the derivative is 1 "
      "for x > 0 and a for x <= 0: np.where(x > 0, 1.0, a)",
      [leaky_relu_derivative_swapped], "Leaky ReLU′: 두 값 바뀜",
      "Leaky ReLU′: values swapped"),
    *(e(f"{f}_default_a", f,
        "a의 기본값이 독스트링의 0.01과 다릅니다 (0.2는 텐서플로, 0.3은 케라스의 기본값입니다). "
        f"def {f}(x, a=0.01):로 쓰세요.",
        "the default of a differs from the docstring's 0.01 (0.2 is TensorFlow's, 0.3 "
        f"Keras' default); write def {f}(x, a=0.01):",
        [_leaky_default(getattr(ref, f), d) for d in LEAKY_DEFAULTS],
        f"{f}: a의 기본값", f"{f}: default of a")
      for f in ("leaky_relu", "leaky_relu_derivative")),
    e("prelu_dalpha_positive_side", "prelu_gradients",
      "dα를 x > 0인 원소에서 더했습니다. alpha는 음수 쪽 출력 alpha·x에만 들어 있으므로 "
      "dα = Σ upstream·x (x < 0인 원소만)입니다: "
      "np.sum(np.where(x < 0, upstream * x, 0)).",
      "dalpha was summed over the elements with x > 0; alpha only enters the negative side's "
      "output alpha·x, so dalpha = Σ upstream·x over the elements with x < 0: "
      "np.sum(np.where(x < 0, upstream * x, 0))",
      [prelu_gradients_dalpha_positive_side], "PReLU: dalpha를 양수 쪽에서",
      "PReLU: dalpha over the positive side"),
    e("prelu_branches_swapped", "prelu",
      "양수 쪽이 alpha·x, 음수 쪽이 x입니다: 두 가지를 바꿔 넣었거나, min(alpha·x, x)를 "
      "썼거나, alpha > 1에서 max(alpha·x, x)를 썼습니다 (max 꼴은 alpha <= 1일 때만 맞고, "
      "학습되는 alpha는 1을 넘을 수 있습니다). x > 0이면 x, x <= 0이면 alpha·x입니다: "
      "np.where(x > 0, x, alpha * x).",
      "you get alpha·x for positive x and x for negative x: the two branches swapped, "
      "min(alpha·x, x), or max(alpha·x, x) with alpha > 1 (the max form holds only while "
      "alpha <= 1, and a learned alpha can pass 1); it is x for x > 0 and alpha·x for x <= 0: "
      "np.where(x > 0, x, alpha * x)",
      [prelu_branches_swapped], "PReLU: 두 가지 바뀜", "PReLU: branches swapped"),
    e("elu_ignores_alpha", "elu",
      "음수 쪽에 alpha를 곱하지 않았습니다 (e^x − 1). ELU(x) = alpha·(e^x − 1) (x < 0)입니다: "
      "alpha * np.expm1(np.minimum(x, 0)).",
      "the negative side is not multiplied by alpha (e^x − 1); ELU(x) = alpha·(e^x − 1) for "
      "x < 0: alpha * np.expm1(np.minimum(x, 0))",
      [elu_ignores_alpha], "ELU: alpha 빠짐", "ELU: alpha missing"),
    e("tanh_exp_formula_overflow", "tanh",
      "tanh를 지수 식 (e^x − e^−x)/(e^x + e^−x) (또는 e^2x, e^−2x, np.sinh / np.cosh로 쓴 같은 식)으로 "
      "그대로 계산해 절댓값이 큰 x에서 exp가 inf가 되고 inf/inf = nan이 됩니다. np.tanh(x)를 쓰거나 "
      "2·φ(2x) − 1처럼 안정한 시그모이드로 계산하세요.",
      "tanh was computed from the exponential formula (e^x − e^−x)/(e^x + e^−x) (or the same "
      "ratio with e^2x, e^−2x or sinh/cosh) as written: for x of large magnitude exp gives inf and "
      "inf/inf = nan; use np.tanh(x) or a stable sigmoid: 2·φ(2x) − 1",
      [tanh_exp_ratio, tanh_exp2_ratio, tanh_expm2_ratio, tanh_sinh_over_cosh], "tanh: exp 식 오버플로",
      "tanh: exp formula overflows"),
    e("tanh_derivative_square_misplaced", "tanh_derivative",
      "제곱이 잘못된 자리에 있습니다: 1 − tanh(x²) 또는 (1 − tanh(x))²를 계산했습니다. 제곱은 "
      "tanh(x)에 붙습니다: 1 − tanh(x)² = 1 − np.tanh(x) ** 2.",
      "the square sits in the wrong place: you computed 1 − tanh(x²) or (1 − tanh(x))²; the "
      "square belongs to tanh(x): 1 − tanh(x)² = 1 - np.tanh(x) ** 2",
      [tanh_derivative_tanh_of_square, tanh_derivative_square_of_difference],
      "tanh′: 제곱 위치", "tanh′: square misplaced"),
    e("tanh_derivative_caret", "tanh_derivative",
      "제곱을 ^ 2로 썼습니다. 파이썬에서 ^는 거듭제곱이 아니라 비트 XOR이라 실수 배열에서 "
      "TypeError가 납니다. 1 − np.tanh(x) ** 2로 쓰세요.",
      "the square was written as ^ 2; in Python ^ is bitwise XOR, not a power, and raises "
      "TypeError on float arrays; write 1 - np.tanh(x) ** 2",
      [tanh_derivative_caret], "tanh′: ** 대신 ^", "tanh′: ^ for **"),
    e("he_pytorch_layout", "he_normal",
      "행렬 모양이 (fan_out, fan_in)입니다. 이것은 PyTorch의 가중치 배치(출력 × 입력)입니다. "
      "이 과제는 x @ W로 곱하므로 W의 모양은 (fan_in, fan_out)입니다: "
      "rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in).",
      "the matrix has shape (fan_out, fan_in), PyTorch's weight layout (outputs × inputs); "
      "this assignment multiplies x @ W, so W has shape (fan_in, fan_out): "
      "rng.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)",
      [he_transposed, he_transposed_t], "He: (fan_out, fan_in) 모양",
      "He: (fan_out, fan_in) shape"),
    e("he_sqrt_misplaced", "he_normal",
      "표준편차의 제곱근 위치가 틀렸습니다 (√2 / fan_in 또는 2 / √fan_in). 분산이 2 / fan_in "
      "이므로 표준편차는 그 전체의 제곱근입니다: np.sqrt(2 / fan_in).",
      "the square root of the standard deviation is misplaced (√2 / fan_in or 2 / √fan_in); "
      "the variance is 2 / fan_in, so the standard deviation is the root of all of it: "
      "np.sqrt(2 / fan_in)",
      [he_sqrt2_over_fan_in, he_two_over_sqrt_fan_in], "He: 제곱근 위치", "He: sqrt misplaced"),
    e("he_size_as_two_args", "he_normal",
      "rng.standard_normal(fan_in, fan_out)처럼 모양을 인자 두 개로 넘겼습니다 (np.random.randn의 "
      "방식). Generator의 standard_normal은 모양을 튜플 하나로 받습니다: "
      "rng.standard_normal((fan_in, fan_out)). 두 번째 인자는 dtype으로 읽혀 TypeError가 납니다.",
      "you passed the shape as two arguments, rng.standard_normal(fan_in, fan_out) (the "
      "np.random.randn style); a Generator's standard_normal takes the shape as one tuple: "
      "rng.standard_normal((fan_in, fan_out)); the second argument is read as a dtype and "
      "raises TypeError",
      [he_size_as_two_args], "He: 모양을 인자 두 개로", "He: shape as two arguments"),
    e("he_generator_randn", "he_normal",
      "rng.randn(...)을 불렀습니다. randn은 예전 np.random 모듈의 함수이고 Generator에는 "
      "없어서 AttributeError가 납니다. rng.standard_normal((fan_in, fan_out))을 쓰세요.",
      "you called rng.randn(...); randn belongs to the legacy np.random module, a Generator "
      "has no such method (AttributeError); use rng.standard_normal((fan_in, fan_out))",
      [he_generator_randn], "He: Generator에 randn", "He: randn on a Generator"),
    *scalar_entries(ref, ("relu", "relu_derivative", "leaky_relu", "leaky_relu_derivative",
                          "prelu", "elu", "elu_derivative", "prelu_gradients"), "activations",
                    math_functions=("elu", "elu_derivative", "tanh", "tanh_derivative")),
]
