"""Known misconceptions of 03_activations (lecture 4.1), as what each mistake computes."""
import numpy as np

import solutions.activations as ref
from autograder.diagnoses import activations_extra, activations_more
from autograder.diagnosis import Entry, entry_builder, float32_entries

S, E = "강의 4.1", "lecture 4.1"


def _f(x):
    return np.asarray(x, dtype=np.float64)


def relu_derivative_one_at_zero(x):
    return (_f(x) >= 0).astype(np.float64)


def relu_derivative_returns_relu(x):
    return np.maximum(_f(x), 0.0)


def relu_min(x):
    return np.minimum(_f(x), 0.0)


def prelu_forgot_x(x, alpha):
    x = _f(x)
    return np.where(x > 0, x, alpha)


def leaky_relu_with_min(x, a=0.01):
    x = _f(x)
    return np.minimum(a * x, x)


def leaky_relu_fixed_a(x, a=0.01):
    x = _f(x)
    return np.where(x > 0, x, 0.01 * x)


def leaky_derivative_zero(x, a=0.01):
    return np.where(_f(x) > 0, 1.0, 0.0)


def leaky_derivative_one_at_zero(x, a=0.01):
    return np.where(_f(x) >= 0, 1.0, a)


def leaky_derivative_returns_ax(x, a=0.01):
    x = _f(x)
    return np.where(x > 0, 1.0, a * x)


def prelu_gradients_dalpha_all(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return upstream * np.where(x > 0, 1.0, alpha), float(np.sum(upstream * x))


def prelu_gradients_dalpha_no_upstream(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return upstream * np.where(x > 0, 1.0, alpha), float(np.sum(np.where(x < 0, x, 0.0)))


def prelu_gradients_dx_no_upstream(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return np.where(x > 0, 1.0, alpha), float(np.sum(np.where(x < 0, upstream * x, 0.0)))


def prelu_gradients_dalpha_array(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return upstream * np.where(x > 0, 1.0, alpha), np.where(x < 0, upstream * x, 0.0)


def prelu_gradients_dalpha_mean(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    neg = x < 0
    return (upstream * np.where(x > 0, 1.0, alpha),
            float(np.mean(upstream[neg] * x[neg])) if neg.any() else 0.0)


def prelu_gradients_dx_one_at_zero(x, alpha, upstream):
    x, upstream = _f(x), _f(upstream)
    return (upstream * np.where(x >= 0, 1.0, alpha),
            float(np.sum(np.where(x < 0, upstream * x, 0.0))))


def elu_derivative_returns_elu(x, alpha=1.0):
    return ref.elu(x, alpha)


def elu_derivative_no_alpha(x, alpha=1.0):
    x = _f(x)
    return np.where(x >= 0, 1.0, np.exp(np.minimum(x, 0.0)))


def elu_derivative_elu_plus_alpha(x, alpha=1.0):
    """ELU'(x) = ELU(x) + alpha for x < 0: right for x < 0 only when written on the whole array."""
    x = _f(x)
    return ref.elu(x, alpha) + alpha


def elu_no_minus_one(x, alpha=1.0):
    x = _f(x)
    return np.where(x >= 0, x, alpha * np.exp(np.minimum(x, 0.0)))


def tanh_derivative_of_output(x):
    x = _f(x)
    return 1.0 - x ** 2


def tanh_derivative_missing_square(x):
    return 1.0 - np.tanh(_f(x))


def tanh_derivative_x2(x):
    return 2.0 * (1.0 - np.tanh(_f(x)) ** 2)


def tanh_via_sigmoid_wrong(x):
    """2 sigma(x) - 1 (= tanh(x / 2)) instead of 2 sigma(2x) - 1."""
    return 2.0 / (1.0 + np.exp(-_f(x))) - 1.0


def elu_derivative_alpha_at_zero(x, alpha=1.0):
    x = _f(x)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def he_fan_out(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_out)


def lecun_instead_of_he(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(1.0 / fan_in)


def xavier_glorot(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / (fan_in + fan_out))


def he_variance_as_std(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * (2.0 / fan_in)


def he_uniform(fan_in, fan_out, rng):
    limit = np.sqrt(6.0 / fan_in)
    return rng.uniform(-limit, limit, size=(fan_in, fan_out))


def ignores_rng(check, args, value, expected):
    """Two generators made from the same seed gave different matrices: the draws come from
    somewhere else than the rng argument (np.random.*, or a generator of its own)."""
    from autograder.checks.public.activations_he import draws
    got = draws(value, args["calls"], "")
    if not isinstance(got, list) or len(got) != 3 or args["calls"][0] != args["calls"][1]:
        return False
    first, again = (np.asarray(w) for w in got[:2])
    return first.dtype.kind == "f" and again.dtype.kind == "f" and (
        first.shape != again.shape or not np.array_equal(first, again, equal_nan=True))


def _in_place(function):
    """The caller's array after the call holds the function's result: it was written in place."""
    def match(check, args, value, expected):
        from autograder.checks.observed import record
        sent = args["args"]
        rec = record(value, {"args": sent}, "")
        if not hasattr(rec, "ok") or not rec.ok or not rec.after:
            return False
        after, x = rec.after[0], np.asarray(sent[0], dtype=np.float64)
        want = getattr(ref, function)(*[np.array(a) if isinstance(a, np.ndarray) else a
                                        for a in sent])
        return type(after) is np.ndarray and after.shape == x.shape and \
            not np.array_equal(after, x) and np.allclose(after, want, rtol=1e-12, atol=1e-15)
    return match


IN_PLACE = ("relu", "leaky_relu", "prelu", "elu", "relu_derivative", "leaky_relu_derivative",
            "elu_derivative")


def in_place_entries():
    return [Entry(
        f"in_place_{f}", f,
        f"{f}가 결과를 입력 배열 x에 그대로 써서 호출한 쪽의 x가 바뀌었습니다. np.asarray는 "
        "float64 배열을 복사하지 않으므로 out = np.asarray(x) 다음의 out[...] = ...는 x를 "
        "바꿉니다. np.array(x, dtype=np.float64)로 복사하거나 np.maximum, np.where처럼 새 "
        f"배열을 만드는 연산을 쓰세요. ({S})",
        f"{f} wrote its result into the input array x, so the caller's x changed: np.asarray "
        "does not copy a float64 array, so out = np.asarray(x) followed by out[...] = ... "
        "changes x; copy with np.array(x, dtype=np.float64) or use operations that make a "
        f"new array, like np.maximum or np.where ({E})",
        match=_in_place(f), checks=(f"{f}_no_mutation",), title_ko=f"{f}: 입력을 덮어씀",
        title_en=f"{f}: wrote into its input") for f in IN_PLACE]


e = entry_builder(S, E)


ENTRIES = [
    e("relu_min", "relu", "np.minimum(x, 0)으로 음수 쪽을 남겼습니다. ReLU(x) = max(0, x)입니다.",
      "np.minimum(x, 0) keeps the negative side; ReLU(x) = max(0, x)",
      [relu_min], "ReLU: min 사용", "ReLU: min instead of max"),
    e("prelu_alpha_without_x", "prelu",
      "음수 쪽에서 α만 돌려주고 x를 곱하지 않았습니다. PReLU는 x ≤ 0에서 α·x입니다.",
      "on the negative side you returned α without multiplying by x; PReLU is α·x for x ≤ 0",
      [prelu_forgot_x], "PReLU: α·x 대신 α", "PReLU: α instead of α·x"),
    e("relu_derivative_one_at_zero", "relu_derivative",
      "x = 0에서 미분을 1로 했습니다 (x >= 0). 독스트링의 약속은 x = 0에서 0입니다: "
      "(x > 0).",
      "the derivative is 1 at x = 0 (x >= 0); the docstring's convention is 0 at x = 0: "
      "(x > 0)",
      [relu_derivative_one_at_zero], "ReLU′(0) = 1", "ReLU′(0) = 1"),
    e("relu_derivative_returns_relu", "relu_derivative",
      "미분 대신 ReLU 값 max(0, x)를 돌려줬습니다. 미분은 x > 0이면 1, 아니면 0입니다.",
      "you returned ReLU itself, max(0, x); the derivative is 1 for x > 0, else 0",
      [relu_derivative_returns_relu], "ReLU′가 ReLU를 돌려줌", "ReLU′ returns ReLU"),
    e("leaky_relu_with_min", "leaky_relu",
      "양수 쪽이 a·x, 음수 쪽이 x입니다: min(ax, x)를 썼거나 np.where의 두 가지를 바꿔 "
      "넣었습니다. 강의의 식은 max(ax, x)입니다 (0 < a < 1): np.where(x > 0, x, a * x).",
      "you get a·x for positive x and x for negative x: min(ax, x), or np.where's two "
      "branches swapped; the lecture's formula is max(ax, x) (0 < a < 1): "
      "np.where(x > 0, x, a * x)",
      [leaky_relu_with_min], "Leaky ReLU: min 사용", "leaky ReLU: min instead of max"),
    e("leaky_relu_ignores_a", "leaky_relu",
      "기울기 a 인자를 무시하고 0.01을 고정해서 썼습니다. a를 사용하세요.",
      "you ignored the slope argument a and used 0.01; use a",
      [leaky_relu_fixed_a], "Leaky ReLU: a 무시", "leaky ReLU: a ignored"),
    e("leaky_relu_derivative_zero", "leaky_relu_derivative",
      "음수 쪽 미분을 0으로 했습니다 (ReLU의 미분). Leaky ReLU의 음수 쪽 미분은 a입니다.",
      "the negative side's derivative is 0 (ReLU's); leaky ReLU's is a there",
      [leaky_derivative_zero], "Leaky ReLU′: 음수 쪽 0", "leaky ReLU′: 0 for x < 0"),
    e("leaky_relu_derivative_one_at_zero", "leaky_relu_derivative",
      "x = 0에서 미분을 1로 했습니다. 독스트링의 약속은 x = 0에서 a입니다 (x > 0일 때만 1).",
      "the derivative is 1 at x = 0; the docstring's convention is a at x = 0 (1 only for "
      "x > 0)",
      [leaky_derivative_one_at_zero], "Leaky ReLU′(0) = 1", "leaky ReLU′(0) = 1"),
    e("leaky_relu_derivative_returns_ax", "leaky_relu_derivative",
      "음수 쪽에서 a·x를 돌려줬습니다. 그것은 함수 값이고, 미분은 a입니다.",
      "you returned a·x on the negative side, which is the function's value; the derivative "
      "is a",
      [leaky_derivative_returns_ax], "Leaky ReLU′: a·x", "leaky ReLU′: a·x"),
    e("prelu_dalpha_summed_over_all", "prelu_gradients",
      "dα를 모든 원소의 upstream·x 합으로 계산했습니다. α는 x < 0인 곳에서만 출력에 "
      "영향을 주므로 그 원소들만 더합니다.",
      "dα sums upstream·x over all elements; α only affects the output where x < 0, so sum "
      "over those elements only",
      [prelu_gradients_dalpha_all], "PReLU dα: 전체 합", "PReLU dα summed over all"),
    e("prelu_dalpha_no_upstream", "prelu_gradients",
      "dα에 upstream을 곱하지 않았습니다. 연쇄 법칙: dα = Σ_{x<0} upstream·x.",
      "dα does not multiply by upstream; chain rule: dα = Σ_{x<0} upstream·x",
      [prelu_gradients_dalpha_no_upstream], "PReLU dα: upstream 빠짐",
      "PReLU dα without upstream"),
    e("prelu_dx_no_upstream", "prelu_gradients",
      "dx에 upstream을 곱하지 않고 국소 미분만 돌려줬습니다. dx = upstream·(x > 0이면 1, "
      "아니면 α)입니다.",
      "dx is the local derivative without upstream; dx = upstream·(1 if x > 0 else α)",
      [prelu_gradients_dx_no_upstream], "PReLU dx: upstream 빠짐", "PReLU dx without upstream"),
    e("prelu_dalpha_not_summed", "prelu_gradients",
      "dα를 원소별 배열로 돌려줬습니다. α는 스칼라 하나이므로 dα도 합한 실수 하나입니다.",
      "dα is an elementwise array; α is one scalar, so dα is one summed float",
      [prelu_gradients_dalpha_array], "PReLU dα: 합하지 않음", "PReLU dα not summed"),
    e("prelu_dalpha_mean", "prelu_gradients",
      "dα를 합이 아니라 평균으로 계산했습니다. α는 모든 음수 원소의 출력에 똑같이 쓰이므로 "
      "각 원소의 기여를 더합니다: dα = Σ_{x<0} upstream·x.",
      "dα is a mean, not a sum; α enters every negative element's output, so their "
      "contributions add up: dα = Σ_{x<0} upstream·x",
      [prelu_gradients_dalpha_mean], "PReLU dα: 합 대신 평균", "PReLU dα: mean instead of sum"),
    e("prelu_dx_one_at_zero", "prelu_gradients",
      "x = 0에서 dx의 국소 미분을 1로 했습니다 (x >= 0). 독스트링의 약속은 x > 0일 때만 1, "
      "x = 0에서는 α입니다.",
      "the local derivative of dx is 1 at x = 0 (x >= 0); the docstring's convention is 1 "
      "only for x > 0, α at x = 0",
      [prelu_gradients_dx_one_at_zero], "PReLU dx: x = 0에서 1", "PReLU dx: 1 at x = 0"),
    e("elu_no_minus_one", "elu",
      "음수 쪽을 α·e^x로 써서 −1을 빠뜨렸습니다. ELU(x) = α(e^x − 1) (x < 0)입니다.",
      "the negative side α·e^x leaves out the −1; ELU(x) = α(e^x − 1) for x < 0",
      [elu_no_minus_one], "ELU: −1 빠짐", "ELU: missing −1"),
    e("elu_derivative_returns_elu", "elu_derivative",
      "미분 대신 ELU 값을 돌려줬습니다. 미분은 x ≥ 0이면 1, x < 0이면 α·e^x입니다.",
      "you returned ELU itself; the derivative is 1 for x ≥ 0 and α·e^x for x < 0",
      [elu_derivative_returns_elu], "ELU′가 ELU를 돌려줌", "ELU′ returns ELU"),
    e("elu_derivative_alpha_at_zero", "elu_derivative",
      "x = 0에서 미분을 α로 했습니다 (x > 0일 때만 1). 독스트링의 약속은 x ≥ 0에서 1입니다.",
      "the derivative is α at x = 0 (1 only for x > 0); the docstring's convention is 1 for "
      "x ≥ 0",
      [elu_derivative_alpha_at_zero], "ELU′(0) = α", "ELU′(0) = α"),
    e("elu_derivative_no_alpha", "elu_derivative",
      "음수 쪽 미분에서 α를 빠뜨렸습니다 (e^x). 미분은 α·e^x입니다.",
      "the negative side's derivative leaves out α (e^x); it is α·e^x",
      [elu_derivative_no_alpha], "ELU′: α 빠짐", "ELU′: α missing"),
    e("elu_derivative_plus_alpha_everywhere", "elu_derivative",
      "ELU(x) + α를 배열 전체에 썼습니다. 이 관계는 x < 0에서만 성립하고, x ≥ 0에서 미분은 "
      "1입니다.",
      "you used ELU(x) + α on the whole array; that identity holds only for x < 0, and the "
      "derivative is 1 for x ≥ 0",
      [elu_derivative_elu_plus_alpha], "ELU′: 전체에 ELU + α", "ELU′: ELU + α everywhere"),
    e("tanh_via_sigmoid_wrong", "tanh",
      "2σ(x) − 1을 썼습니다. 그것은 tanh(x/2)입니다. tanh(x) = 2σ(2x) − 1 또는 np.tanh(x).",
      "2σ(x) − 1 is tanh(x/2); tanh(x) = 2σ(2x) − 1, or np.tanh(x)",
      [tanh_via_sigmoid_wrong], "tanh: 2σ(x) − 1", "tanh: 2σ(x) − 1"),
    e("tanh_derivative_of_preactivation", "tanh_derivative",
      "1 − x²를 계산했습니다. 이 식은 x가 이미 tanh 출력일 때만 맞습니다. 입력 x에 대해 "
      "1 − tanh(x)²를 돌려주세요.",
      "you computed 1 − x², which holds only when x is already tanh's output; for the input "
      "x return 1 − tanh(x)²",
      [tanh_derivative_of_output], "tanh′: 1 − x²", "tanh′: 1 − x²"),
    e("tanh_derivative_missing_square", "tanh_derivative",
      "1 − tanh(x)로 제곱을 빠뜨렸습니다. 1 − tanh(x)²입니다.",
      "1 − tanh(x) leaves out the square; it is 1 − tanh(x)²",
      [tanh_derivative_missing_square], "tanh′: 제곱 빠짐", "tanh′: square missing"),
    e("tanh_derivative_doubled", "tanh_derivative",
      "미분에 2를 곱했습니다. tanh′(x) = 1 − tanh(x)²입니다.",
      "the derivative is doubled; tanh′(x) = 1 − tanh(x)²",
      [tanh_derivative_x2], "tanh′: 2배", "tanh′ doubled"),
    e("he_fan_out", "he_normal",
      "분산을 2/fan_out으로 썼습니다. He 초기화는 입력 수로 나눕니다: N(0, 2/fan_in).",
      "the variance is 2/fan_out; He initialization divides by the inputs: N(0, 2/fan_in)",
      [he_fan_out], "He: fan_out 사용", "He: fan_out", exact=True),
    e("lecun_instead_of_he", "he_normal",
      "분산 1/fan_in (LeCun 초기화)을 썼습니다. 이 값은 tanh·시그모이드처럼 0 근처에서 "
      "선형인 활성화에 맞춘 것이고, 음수 절반을 0으로 만드는 ReLU에는 분산이 두 배인 He "
      "초기화 N(0, 2/fan_in)을 씁니다: rng.standard_normal × sqrt(2/fan_in).",
      "the variance is 1/fan_in (LeCun initialization), made for activations that are linear "
      "near 0 such as tanh and the sigmoid; ReLU zeroes half of its inputs, so He "
      "initialization doubles it: N(0, 2/fan_in), rng.standard_normal × sqrt(2/fan_in)",
      [lecun_instead_of_he], "He 대신 LeCun", "LeCun instead of He", exact=True),
    e("xavier_instead_of_he", "he_normal",
      "분산 2/(fan_in + fan_out) (Xavier/Glorot 초기화)을 썼습니다. 이 값은 입력과 출력 "
      "양쪽의 분산을 맞추는 tanh·시그모이드용이고, ReLU용 He 초기화는 입력 수만 보는 "
      "2/fan_in입니다: rng.standard_normal × sqrt(2/fan_in).",
      "the variance is 2/(fan_in + fan_out) (Xavier/Glorot initialization), which balances "
      "inputs and outputs for tanh and the sigmoid; He initialization for ReLU uses the "
      "inputs only, 2/fan_in: rng.standard_normal × sqrt(2/fan_in)",
      [xavier_glorot], "He 대신 Xavier/Glorot", "Xavier/Glorot instead of He", exact=True),
    e("he_variance_as_std", "he_normal",
      "분산 2/fan_in을 표준편차로 곱했습니다. 표준편차는 그 제곱근 sqrt(2/fan_in)입니다.",
      "you multiplied by the variance 2/fan_in; the standard deviation is its root, "
      "sqrt(2/fan_in)",
      [he_variance_as_std], "He: 분산을 표준편차로", "He: variance used as std", exact=True),
    e("he_uniform", "he_normal",
      "균등분포 He 초기화(±sqrt(6/fan_in))를 썼습니다. 이 과제는 정규분포 "
      "rng.standard_normal × sqrt(2/fan_in)입니다.",
      "you used He uniform (±sqrt(6/fan_in)); this assignment draws from a normal: "
      "rng.standard_normal × sqrt(2/fan_in)",
      [he_uniform], "He: 균등분포", "He: uniform", exact=True),
    Entry("he_ignores_rng", "he_normal",
          "같은 seed로 만든 두 rng에서 서로 다른 행렬이 나왔습니다: 인자로 받은 rng가 아니라 "
          "np.random.randn 같은 전역 난수나 새로 만든 생성기에서 뽑았습니다. 같은 rng에서 "
          f"뽑으세요: rng.standard_normal((fan_in, fan_out)) × sqrt(2/fan_in). ({S})",
          "two generators made from the same seed gave different matrices: the draws come "
          "from the global np.random (e.g. np.random.randn) or a generator of your own, not "
          "from the rng argument; draw from it: rng.standard_normal((fan_in, fan_out)) × "
          f"sqrt(2/fan_in) ({E})",
          match=ignores_rng, checks=("he_normal_rng",), title_ko="He: rng 인자 무시",
          title_en="He: rng argument ignored"),
    *in_place_entries(),
    *activations_extra.ENTRIES,
    *activations_more.ENTRIES,
    *float32_entries(("relu", "relu_derivative", "leaky_relu", "leaky_relu_derivative", "prelu",
                      "prelu_gradients", "elu", "elu_derivative", "tanh", "tanh_derivative",
                      "he_normal"), prefix="act_"),
]
