"""he_normal checks of 03_activations: statistics of large draws, shapes, use of the rng.

The probe (`probes.activations.he_normal_calls`) returns only raw records of the calls; shapes,
dtypes and every statistic are computed here, in the parent.

Decided (issue 17, blind4's he_normal_drawn_out_by_in_then_transposed): the contract fixes the
distribution N(0, 2/fan_in) of each entry, the shape and the use of the rng, not the order of
the draws; a matrix drawn as (fan_out, fan_in) in PyTorch's layout and transposed has the same
i.i.d. entries, so it is accepted with full points (init_mlp in 02, whose docstring fixes the
draws U then W from one generator, is judged on values instead).
"""
import math

import numpy as np

from autograder.compare import PASS, Outcome, _fmt, all_of, fail

MESSAGES = {
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


def he_calls(fan_in, fan_out, seeds):
    return [{"fan_in": int(fan_in), "fan_out": int(fan_out), "seed": int(seed)} for seed in seeds]


def _raised(entry, what):
    raised = entry["raised"]
    if raised["types"][0] == "ValueError" and "truth value of an array" in raised["message"]:
        return fail("call.not_vectorized", what=what, message=raised["message"])
    return fail("call.error", what=what, type=raised["types"][0], message=raised["message"],
                where="")


def draws(raw, calls, what):
    """The child's records for `calls` (strictly: count, keys, exception structure) → list of
    returned values, or a failed Outcome (a call that raised → its error)."""
    if not isinstance(raw, list) or len(raw) != len(calls):
        return fail("probe.malformed", what=what, why=f"expected {len(calls)} call records")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or set(entry) != {"returned", "raised"}:
            return fail("probe.malformed", what=what, why="record keys")
        raised = entry["raised"]
        if raised is not None:
            if (not isinstance(raised, dict) or set(raised) != {"types", "message"}
                    or not isinstance(raised["types"], list) or not raised["types"]
                    or not all(isinstance(t, str) for t in raised["types"])
                    or not isinstance(raised["message"], str)):
                return fail("probe.malformed", what=what, why="exception record")
            return _raised(entry, what)
        out.append(entry["returned"])
    return out


def draw_ok(w, what, shape=None):
    """A finite float64 array with >= 2 entries; its shape only when `shape` is given."""
    if type(w) is not np.ndarray or w.dtype != np.float64 or w.size < 2 or (
            shape is not None and w.shape != shape):
        return fail("activations.he_shape", what=what, actual=np.shape(w) if isinstance(
            w, np.ndarray) else type(w).__name__,
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


def he_stats(fan_in, fan_out, seeds, normal=False, stats=True, shape=False):
    """compare(actual, expected) for one draw: shape (when asked), moments and/or normality."""
    calls = he_calls(fan_in, fan_out, seeds)
    what = f"he_normal({fan_in}, {fan_out}, rng)"

    def compare(actual, expected=None):
        got = draws(actual, calls, what)
        if isinstance(got, Outcome):
            return got
        w = got[0]
        outcome = draw_ok(w, what, (fan_in, fan_out) if shape else None)
        if not outcome.ok:
            return outcome
        outcomes = ([moments(w, fan_in, what)] if stats else []) + (
            [normality(w, what)] if normal else [])
        return all_of(outcomes, int(stats) + int(normal))
    return compare


def he_shapes(sizes, seed):
    calls = [{"fan_in": int(i), "fan_out": int(o), "seed": int(seed) + k}
             for k, (i, o) in enumerate(sizes)]

    def compare(actual, expected=None):
        got = draws(actual, calls, "he_normal(fan_in, fan_out, rng)")
        if isinstance(got, Outcome):
            return got
        outcomes = []
        for (fan_in, fan_out), w in zip(sizes, got):
            what = f"he_normal({fan_in}, {fan_out}, rng)"
            if type(w) is not np.ndarray or w.shape != (fan_in, fan_out) or w.dtype != np.float64:
                outcomes.append(fail("activations.he_shape", what=what,
                                     actual=w.shape if type(w) is np.ndarray else np.shape(w)
                                     if isinstance(w, (list, tuple)) else type(w).__name__,
                                     dtype=w.dtype if type(w) is np.ndarray else type(w).__name__,
                                     expected=(fan_in, fan_out)))
            else:
                outcomes.append(PASS)
        return all_of(outcomes, len(sizes))
    return compare, calls


def he_rng(fan_in, fan_out):
    calls = he_calls(fan_in, fan_out, [11, 11, 12])
    what = f"he_normal({fan_in}, {fan_out}, rng)"

    def compare(actual, expected=None):
        got = draws(actual, calls, what)
        if isinstance(got, Outcome):
            return got
        for w in got:
            outcome = draw_ok(w, what)
            if not outcome.ok:
                return outcome
        first, again, other = got
        if first.shape != again.shape or not np.array_equal(first, again):
            return fail("activations.he_rng_ignored", what=what)
        if first.shape == other.shape and np.array_equal(first, other):
            return fail("activations.he_rng_constant", what=what)
        return PASS
    return compare, calls
