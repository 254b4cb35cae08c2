"""03_activations public checks: fixed inputs students can see; expected values in JSON.

Values at and next to the kinks (x = 0, +-0, +-1e-12), custom slopes, and magnitudes large
enough to overflow exp (|x| = 1000 > 709.78) are in every input. he_normal is random, so its
checks are statistical (see `he_stats`), never a comparison with the reference's draw.
"""
import math

import numpy as np

from autograder.compare import PASS, all_of, fail, same, same_array, _fmt
from autograder.checks.base import Check

# ---- inputs ---------------------------------------------------------------------------------
X = np.array([-1000.0, -50.0, -3.5, -1.0, -0.25, -1e-12, -0.0, 0.0, 1e-12, 0.25, 1.0, 3.5,
              50.0, 1000.0])
X2 = np.array([[-2.0, 0.0, 2.0], [0.5, -0.5, 800.0]])
U = np.array([0.5, -1.0, 2.0, 1.5, -0.75, 3.0, 1.0, -2.0, 0.25, -0.5, 1.25, 0.8, -1.1, 0.6])
U2 = np.array([[1.0, -3.0, 0.5], [2.0, 0.7, -1.5]])
# Finite differences: no |x| below 0.1, so x +- h never crosses the kink at 0.
X_FD = np.array([-3.0, -1.2, -0.4, -0.1, 0.1, 0.6, 2.5])
U_FD = np.array([0.9, -1.4, 2.2, 0.3, -0.7, 1.6, -0.5])
FD_H = 1e-5
# PReLU is piecewise linear, so central differences are exact up to rounding: the measured
# worst |error| on these inputs with the reference is 6.5e-12 (dx) / 5.5e-12 (dalpha)
# (≈ eps_machine * |L| / h). FD_ATOL = 1e-7 leaves a 15000x margin and is still 1e6 times
# smaller than the errors the check exists for (summing dalpha over all x is off by 0.36,
# a wrong branch changes dx by >= 0.1 here).
FD_ATOL = 1e-7
FD_RTOL = 1e-7

ELEMENTWISE = ("relu", "relu_derivative", "leaky_relu", "leaky_relu_derivative", "prelu",
               "elu", "elu_derivative", "tanh", "tanh_derivative")

MESSAGES = {
    "activations.fd_mismatch": {
        "ko": "{what}: {part}이(가) 수치 미분(중앙차분, h={h})과 다릅니다. 위치 {index}: 해석적 "
              "{actual}, 수치 {expected}. 순전파 prelu와 역전파가 서로 맞는지 확인하세요.",
        "en": "{what}: {part} disagrees with central differences (h={h}) at {index}: analytic "
              "{actual}, numeric {expected}; check that the backward pass matches prelu"},
    "activations.he_shape": {
        "ko": "{what}: 모양 {actual}, dtype {dtype}입니다. 기대값: 모양 {expected}, float64.",
        "en": "{what}: shape {actual}, dtype {dtype}; expected shape {expected}, float64"},
    "activations.he_mean": {
        "ko": "{what}: 표본 평균 {mean}이(가) 0에서 너무 멉니다 (n={n}, 허용 ±{tol}).",
        "en": "{what}: sample mean {mean} is too far from 0 (n={n}, allowed ±{tol})"},
    "activations.he_std": {
        "ko": "{what}: 표본 표준편차 {std}; 기대값 sqrt(2/fan_in) = {expected} "
              "(n={n}, 허용 상대오차 ±{tol}). 분산이 2/fan_in인지 확인하세요.",
        "en": "{what}: sample std {std}; expected sqrt(2/fan_in) = {expected} "
              "(n={n}, allowed relative error ±{tol}); the variance must be 2/fan_in"},
    "activations.he_not_normal": {
        "ko": "{what}: 정규분포 표본이 아닙니다: 첨도 {kurtosis} (정규분포 3 ± {kurt_tol}), "
              "평균에서 2σ 밖의 비율 {tail} (정규분포 0.0455 ± {tail_tol}). "
              "균등분포(uniform)가 아니라 정규분포에서 뽑으세요.",
        "en": "{what}: not a normal sample: kurtosis {kurtosis} (normal: 3 ± {kurt_tol}), "
              "share beyond 2σ {tail} (normal: 0.0455 ± {tail_tol}); draw from a normal, "
              "not a uniform distribution"},
    "activations.he_rng_ignored": {
        "ko": "{what}: 같은 시드로 만든 rng 두 개가 서로 다른 결과를 냈습니다. np.random.* 전역 "
              "함수가 아니라 인자로 받은 rng(예: rng.standard_normal)를 사용하세요.",
        "en": "{what}: two generators with the same seed gave different results; draw from the "
              "rng argument (e.g. rng.standard_normal), not from np.random.*"},
    "activations.he_rng_constant": {
        "ko": "{what}: 시드가 다른 rng로도 같은 결과가 나왔습니다. 인자로 받은 rng를 사용하세요 "
              "(함수 안에서 시드를 고정하지 마세요).",
        "en": "{what}: generators with different seeds gave the same result; draw from the rng "
              "argument (do not seed a generator inside the function)"},
}


# ---- comparisons ----------------------------------------------------------------------------
def cases(whats, inputs):
    """Compare a list of call results case by case (partial credit per case)."""
    def compare(actual, expected):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return fail("value.type", what=whats[0], expected="list", actual=type(actual).__name__)
        outcomes = []
        for a, e, what, x in zip(actual, expected, whats, inputs):
            if isinstance(e, np.ndarray):
                outcomes.append(same_array(a, e, what, inputs=x))
            else:
                outcomes.append(same(a, e, what))
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def _error(entry, what):
    return fail("call.error", what=what, type=entry.get("error"), message=entry.get("message"),
                where="")


def no_mutation(whats):
    def compare(actual, expected=None):
        if not isinstance(actual, list) or len(actual) != len(whats):
            return fail("value.type", what="mutation probe", expected="list",
                        actual=type(actual).__name__)
        outcomes = []
        for entry, what in zip(actual, whats):
            if isinstance(entry, dict):
                outcomes.append(_error(entry, what))
            elif entry:
                outcomes.append(fail("value.input_mutated", what=what, arg=", ".join(
                    {"0": "x", "1": "alpha", "2": "upstream"}.get(str(a), str(a)) for a in entry)))
            else:
                outcomes.append(PASS)
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def _structure(dx, dalpha, what):
    """dx an array shaped like x, dalpha one number; values are judged elsewhere."""
    if type(dx) is not np.ndarray or dx.dtype.kind not in "biuf":
        return fail("value.type", what=f"{what}[0]", expected="numpy.ndarray",
                    actual=type(dx).__name__)
    if dx.shape != X_FD.shape:
        return fail("value.shape", what=f"{what}[0]", actual=dx.shape, expected=X_FD.shape)
    if type(dalpha) is np.ndarray and dalpha.shape == ():
        dalpha = dalpha.item()
    if isinstance(dalpha, (bool, np.bool_)) or not isinstance(dalpha, (int, float, np.integer,
                                                                        np.floating)):
        return fail("value.type", what=f"{what}[1]", expected="number",
                    actual=type(dalpha).__name__)
    return PASS


def prelu_fd_compare(actual, expected=None):
    what = "prelu_gradients(x, alpha, upstream)"
    result = actual.get("result") if isinstance(actual, dict) else None
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return fail("value.type", what=what, expected="tuple (dx, dalpha)",
                    actual=type(result).__name__)
    dx, dalpha = result
    outcome = _structure(dx, dalpha, what)
    if not outcome.ok:
        return outcome
    dx_fd, dalpha_fd = actual["dx_fd"], actual["dalpha_fd"]
    if not isinstance(dx_fd, np.ndarray) or dx_fd.shape != X_FD.shape:
        return fail("value.shape", what="prelu(x, alpha)", actual=np.shape(dx_fd),
                    expected=X_FD.shape)
    outcomes = []
    dx = np.asarray(dx, dtype=np.float64)
    with np.errstate(all="ignore"):
        bad = ~np.isclose(dx, dx_fd, rtol=FD_RTOL, atol=FD_ATOL)
    if bad.any():
        i = int(np.argmax(bad))
        outcomes.append(fail("activations.fd_mismatch", what=what, part="dx", h=FD_H,
                             index=f"[{i}] (x = {_fmt(X_FD[i])})", actual=_fmt(dx[i]),
                             expected=_fmt(dx_fd[i])))
    else:
        outcomes.append(PASS)
    if not np.isclose(float(np.asarray(dalpha)), float(dalpha_fd), rtol=FD_RTOL, atol=FD_ATOL):
        outcomes.append(fail("activations.fd_mismatch", what=what, part="dalpha", h=FD_H,
                             index="(scalar)", actual=_fmt(float(np.asarray(dalpha))),
                             expected=_fmt(float(dalpha_fd))))
    else:
        outcomes.append(PASS)
    return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for


# ---- he_normal: statistics of a large draw --------------------------------------------------
# Each statistic of n i.i.d. N(0, s^2) draws is compared with its sampling distribution and
# must lie within Z = 5 standard errors:
#   mean              sd = s / sqrt(n)
#   std / s - 1       sd = 1 / sqrt(2 n)
#   kurtosis - 3      sd = sqrt(24 / n)           (of the sample standardized by its own mean/std)
#   share |z| > 2     sd = sqrt(p (1 - p) / n),  p = P(|Z| > 2) = 0.0455003
# A correct implementation fails one given statistic with probability 2 * Phi(-5) = 5.7e-7;
# with 4 statistics in the public checks and 4 in hidden_he_normal, a correct he_normal is
# falsely failed with probability < 5e-6 per grading (public ones: fixed seeds, so only an
# implementation drawing a different stream than the reference can hit it at all). Simulated
# at n = 30000 (4000 draws): the standardized mean/std/kurtosis have sd 1.005..1.008 and skew
# |.| < 0.08, so the normal approximation holds; the tail share's sd is 0.68 (standardizing by
# the sample's own std shrinks it), so its bound is conservative. With n >= 3e4 (every draw
# here), the bugs we look for are far outside: std sqrt(1/fan_in) is off by 29 % (tolerance
# <= 2.0 %), a uniform draw has kurtosis 1.8 (tolerance <= 0.14) and nothing beyond 2σ
# (tolerance <= 0.006).
Z = 5.0
TAIL_P = math.erfc(2.0 / math.sqrt(2.0))  # P(|Z| > 2) for a standard normal


def _draw_ok(w, what, shape=None):
    """A finite float64 array; its shape only when `shape` is given (else he_normal_shape's job)."""
    if type(w) is not np.ndarray or w.dtype != np.float64 or w.size < 2 or (
            shape is not None and w.shape != shape):
        return fail("activations.he_shape", what=what, actual=np.shape(w) if isinstance(
            w, (np.ndarray, list, tuple)) else type(w).__name__,
            dtype=getattr(w, "dtype", type(w).__name__), expected=shape or "(fan_in, fan_out)")
    if not np.all(np.isfinite(w)):
        return fail("value.not_finite", what=what, index="(some)", actual="nan/inf",
                    expected="finite")
    return PASS


def moments(w, fan_in, what):
    """Mean ≈ 0 and std ≈ sqrt(2/fan_in) within Z standard errors."""
    n = w.size
    sigma = math.sqrt(2.0 / fan_in)
    mean, std = float(w.mean()), float(w.std())
    mean_tol, std_tol = Z * sigma / math.sqrt(n), Z / math.sqrt(2.0 * n)
    if abs(mean) > mean_tol:
        return fail("activations.he_mean", what=what, mean=_fmt(mean), n=n, tol=f"{mean_tol:.3g}")
    if abs(std / sigma - 1.0) > std_tol:
        return fail("activations.he_std", what=what, std=_fmt(std), expected=_fmt(sigma), n=n,
                    tol=f"{std_tol:.3g}")
    return PASS


def normality(w, what):
    """Kurtosis and the share of values beyond 2 std: a normal, not a uniform, sample."""
    n = w.size
    std = float(w.std())
    if std == 0.0:
        return fail("activations.he_not_normal", what=what, kurtosis="nan", kurt_tol="-",
                    tail="nan", tail_tol="-")
    z = (w - w.mean()) / std
    kurtosis = float(np.mean(z ** 4))
    tail = float(np.mean(np.abs(z) > 2.0))
    kurt_tol = Z * math.sqrt(24.0 / n)
    tail_tol = Z * math.sqrt(TAIL_P * (1.0 - TAIL_P) / n)
    if abs(kurtosis - 3.0) > kurt_tol or abs(tail - TAIL_P) > tail_tol:
        return fail("activations.he_not_normal", what=what, kurtosis=f"{kurtosis:.4f}",
                    kurt_tol=f"{kurt_tol:.3g}", tail=f"{tail:.4f}", tail_tol=f"{tail_tol:.3g}")
    return PASS


def he_stats(actual, fan_in, fan_out, what, normal=False, stats=True, shape=False):
    if not isinstance(actual, list) or not actual:
        return fail("value.type", what=what, expected="ndarray", actual=type(actual).__name__)
    w = actual[0]
    outcome = _draw_ok(w, what, (fan_in, fan_out) if shape else None)
    if not outcome.ok:
        return outcome
    outcomes = [moments(w, fan_in, what)] if stats else []
    if normal:
        outcomes.append(normality(w, what))
    return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for


def he_shapes(sizes):
    def compare(actual, expected=None):
        outcomes = []
        for (fan_in, fan_out), got in zip(sizes, actual):
            what = f"he_normal({fan_in}, {fan_out}, rng)"
            if got["shape"] != [fan_in, fan_out] or got["dtype"] != "float64":
                outcomes.append(fail("activations.he_shape", what=what, actual=tuple(got["shape"]),
                                     dtype=got["dtype"], expected=(fan_in, fan_out)))
            else:
                outcomes.append(PASS)
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def he_rng(actual, expected=None):
    what = f"he_normal({RNG_SIZE[0]}, {RNG_SIZE[1]}, rng)"
    if not isinstance(actual, list) or len(actual) != 3:
        return fail("value.type", what=what, expected="ndarray", actual=type(actual).__name__)
    for w in actual:
        outcome = _draw_ok(w, what)
        if not outcome.ok:
            return outcome
    first, again, other = actual
    if first.shape != again.shape or not np.array_equal(first, again):
        return fail("activations.he_rng_ignored", what=what)
    if first.shape == other.shape and np.array_equal(first, other):
        return fail("activations.he_rng_constant", what=what)
    return PASS


# ---- the checks ----------------------------------------------------------------------------
def values_check(name, points, func, calls):
    """calls: list of (args after x, label); x is X or X2 as given."""
    whats = [f"{func}({label})" for _, label in calls]
    inputs = [args[0] for args, _ in calls]
    return Check(name, points, "common.call_many", what=f"{func}(x)", needs=(func,),
                 args={"func": func, "cases": [{"args": list(args)} for args, _ in calls]},
                 compare=cases(whats, inputs))


HE_SIZE = (400, 250)         # n = 100000; fan_in != fan_out so a std from fan_out fails
RNG_SIZE = (50, 20)
SHAPE_SIZES = [(3, 2), (1, 5), (7, 1), (64, 32)]

CHECKS = [
    values_check("relu_values", 4, "relu", [((X,), "x"), ((X2,), "x2")]),
    values_check("relu_derivative_values", 4, "relu_derivative", [((X,), "x"), ((X2,), "x2")]),
    values_check("leaky_relu_values", 4, "leaky_relu",
                 [((X,), "x"), ((X, 0.2), "x, 0.2"), ((X2, 0.05), "x2, 0.05")]),
    values_check("leaky_relu_derivative_values", 4, "leaky_relu_derivative",
                 [((X,), "x"), ((X, 0.2), "x, 0.2"), ((X2, 0.05), "x2, 0.05")]),
    values_check("prelu_values", 4, "prelu", [((X, 0.25), "x, 0.25"), ((X2, 0.6), "x2, 0.6")]),
    values_check("prelu_gradients_values", 6, "prelu_gradients",
                 [((X, 0.25, U), "x, 0.25, upstream"), ((X2, 0.6, U2), "x2, 0.6, upstream2")]),
    Check("prelu_gradients_fd", 5, "activations.prelu_fd", expected=None,
          what="prelu_gradients(x, alpha, upstream)", needs=("prelu", "prelu_gradients"),
          args={"x": X_FD, "alpha": 0.3, "upstream": U_FD, "h": FD_H},
          compare=prelu_fd_compare),
    values_check("elu_values", 5, "elu",
                 [((X,), "x"), ((X, 0.5), "x, 0.5"), ((X2, 2.0), "x2, 2.0")]),
    values_check("elu_derivative_values", 5, "elu_derivative",
                 [((X,), "x"), ((X, 0.5), "x, 0.5"), ((X2, 2.0), "x2, 2.0")]),
    values_check("tanh_values", 4, "tanh", [((X,), "x"), ((X2,), "x2")]),
    values_check("tanh_derivative_values", 4, "tanh_derivative", [((X,), "x"), ((X2,), "x2")]),
    Check("inputs_not_modified", 5, "activations.mutations", expected=None,
          what="inputs", needs=ELEMENTWISE + ("prelu_gradients",),
          args={"cases": [{"func": f, "args": [X] + ([0.25] if f == "prelu" else [])}
                          for f in ELEMENTWISE]
                + [{"func": "prelu_gradients", "args": [X, 0.25, U]}]},
          compare=no_mutation([f"{f}(x)" for f in ELEMENTWISE]
                              + ["prelu_gradients(x, alpha, upstream)"])),
    Check("he_normal_shape", 3, "activations.he_normal_shapes", expected=None,
          what="he_normal(fan_in, fan_out, rng)", needs=("he_normal",),
          args={"sizes": SHAPE_SIZES, "seed": 3}, compare=he_shapes(SHAPE_SIZES)),
    Check("he_normal_stats", 5, "activations.he_normal_draws", expected=None,
          what="he_normal(400, 250, rng)", needs=("he_normal",),
          args={"fan_in": HE_SIZE[0], "fan_out": HE_SIZE[1], "seeds": [2025]},
          compare=lambda a, e: he_stats(a, *HE_SIZE, "he_normal(400, 250, rng)")),
    Check("he_normal_rng", 4, "activations.he_normal_draws", expected=None,
          what="he_normal(50, 20, rng)", needs=("he_normal",),
          args={"fan_in": RNG_SIZE[0], "fan_out": RNG_SIZE[1], "seeds": [11, 11, 12]},
          compare=he_rng),
    Check("he_normal_gaussian", 3, "activations.he_normal_draws", expected=None,
          what="he_normal(400, 250, rng)", needs=("he_normal",),
          args={"fan_in": HE_SIZE[0], "fan_out": HE_SIZE[1], "seeds": [7]},
          compare=lambda a, e: he_stats(a, *HE_SIZE, "he_normal(400, 250, rng)", normal=True,
                                        stats=False)),
]
