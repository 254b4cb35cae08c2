"""04_optimizers: the value checks judge the update rule, the `<class>_float64` checks the precision.

Contract (solutions/optimizers.py): step computes in float64 and returns a float64 array; array
state is float64. A submission whose only slip is float32 arithmetic (np.asarray(w, float32),
float32 state, np.float32(lr) or np.float32(beta2)) has the right rule: it passes every value
check and loses exactly the `<class>_float64` checks (and `minimize_float64`), whose message
says so. The float64 checks pay only next to the class's right path (`requires`).

VALUE_TOL, used for paths, states and look-ahead points of every public and hidden check: a
path point within VALUE_TOL * (how far the reference's path moved from w0, per coordinate, at
most) of the reference's (float32 rounds w itself, so the allowance scales with the motion the
rule computes, not with |w|); a state within VALUE_TOL * (|expected| + max |expected|).
Measured with bench/float32_margins.py (public cases, 200 seeds of every hidden check;
deviation = |actual - expected| in the units above, largest element):
  float32 with right formulas, hyperparameters as given (float32 w and state, np.float32(lr)):
    largest 4.2e-5 (hidden_warm_start_rmsprop): margin 12x;
  float32 everywhere, np.float32(beta1/beta2/rho/eps) too: largest 4.2e-5 as well (Adam's
    1 - np.float32(beta2) keeps few digits: hidden_eps_adam, beta2 up to 0.9999, 7.7e-6).
  formula mistakes (every broken_/mistake_ fixture of 04), smallest deviation above VALUE_TOL:
    RMSProp with rho and 1 - rho swapped on hidden_warm_start_rmsprop 8.1e-4 (1.6x: the swap
    vanishes as rho -> 0.5), Adam with t - 1 on hidden_warm_start_adam 3.1e-3 (6x), all others
    >= 1.7e-2 (Adam with beta1, beta2 swapped on hidden_adam, 34x).
  Within VALUE_TOL on some seeds, by design: the eps checks begin where s << eps, so a bug in s
    itself (no accumulation, no 1 - rho, rho swapped, s updated after the step, betas swapped)
    moves w there by 2e-6..4e-4 of the path; those bugs fail their class's path and state
    checks. A hard-coded eps = 1e-8 next to the path checks' eps = 0 moves w by ~1e-9: the eps
    checks (eps varied) and the float64 checks judge it.
"""
import numpy as np

from autograder.checks.public.optimizers_runs import _raised, read_pair
from autograder.compare import ATOL, PASS, Outcome, fail, same_array

VALUE_TOL = 5e-4

MESSAGES = {
    "optimizers.float32": {
        "ko": "{what}: {where}의 dtype이 {dtype}입니다. 값 검사는 통과했고(식은 맞음) 이 검사만 "
              "정밀도를 봅니다: float64로 계산하세요 (dtype=np.float32, astype(np.float32), "
              "np.float32(lr)를 지우고 w는 np.asarray(w, dtype=np.float64)로 받으세요).",
        "en": "{what}: {where} has dtype {dtype}; the value checks passed (the rule is right) "
              "and only this check is about precision: compute in float64 (drop "
              "dtype=np.float32 / astype(np.float32) / np.float32(lr); take w as "
              "np.asarray(w, dtype=np.float64))"},
    "optimizers.precision": {
        "ko": "{what}: 식은 맞지만 값이 기준값과 약 {digits}자리까지만 같습니다 ({where}: 기대값 "
              "{expected}, 실제값 {actual}). 일부를 낮은 정밀도로 계산했습니다 (np.float32(lr) 같은 "
              "float32 하이퍼파라미터나 배열, 또는 인자 대신 쓴 상수). 모두 float64로 계산하세요.",
        "en": "{what}: the rule is right, but the values agree with the reference to about "
              "{digits} digits only ({where}: expected {expected}, got {actual}); part of it is "
              "computed in lower precision (a float32 hyperparameter such as np.float32(lr), a "
              "float32 array) or with a constant in place of an argument: compute in float64"},
}


def _largest(x):
    finite = np.abs(x[np.isfinite(x)])
    return float(finite.max()) if finite.size else 0.0


def close(actual, expected, what):
    """A state's comparison (VALUE_TOL, see the module docstring)."""
    scale = _largest(np.asarray(expected, dtype=np.float64))
    return same_array(actual, expected, what, rtol=VALUE_TOL, atol=VALUE_TOL * scale + ATOL)


def movement(path):
    """The largest distance of a (reference) path's points from its start, per coordinate."""
    path = np.asarray(path, dtype=np.float64)
    return _largest(path - path[:1]) if path.ndim == 2 and len(path) else 0.0


def close_path(actual, expected, what):
    """A path's comparison: within VALUE_TOL of how far the reference moved from w0."""
    return same_array(actual, expected, what, rtol=0.0,
                      atol=VALUE_TOL * movement(expected) + ATOL)


def _lower(value):
    """The dtype name of a float value held in less than float64, else None."""
    if isinstance(value, (np.ndarray, np.floating)) and value.dtype.kind == "f" \
            and value.dtype != np.float64:
        return str(value.dtype)
    return None


def _digits(actual, expected):
    a, e = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    with np.errstate(all="ignore"):
        rel = np.max(np.abs(a - e) / (np.abs(e) + np.max(np.abs(e))))
    return max(1, int(np.floor(-np.log10(rel)))) if rel > 0 else 16


def _readable(run, state):
    """The state names whose values the record holds (a missing or unreadable state is the
    state checks' business, not a question of precision)."""
    return [name for name in state if not isinstance(run.states[name], (str, type(None)))]


def _wrong_part(run, want, state):
    """"path" or "state" when that part fails the value checks' comparison (VALUE_TOL)."""
    if not close_path(run.path, want.path, "").ok:
        return "path"
    for name in _readable(run, state):
        got = run.states[name]
        if not (close(got, want.states[name], "") if name != "t"
                else same_array(got, want.states[name], "")).ok:
            return "state"
    return None


def float64_compare(what, state, path_check):
    """compare(actual, expected) of a `run` record: every returned w and every state value is
    float64, and path and states agree with the reference to float64 precision (compare.RTOL)."""
    def compare(actual, expected):
        pair = read_pair(actual, expected, state, what)
        if isinstance(pair, Outcome):
            return pair
        run, want = pair
        wrong = _wrong_part(run, want, state)
        if wrong:  # precision is a question for right values only
            return fail("check.needs_values", check=path_check if wrong == "path"
                        else path_check.replace("_path", "_state"))
        for k, value in enumerate(actual["returned"], start=1):
            if _lower(value):
                return fail("optimizers.float32", what=what, where=f"w (step {k})",
                            dtype=_lower(value))
        for name in _readable(run, state):
            for k, value in enumerate(actual["states"][name], start=1):
                if _lower(value):
                    return fail("optimizers.float32", what=what, where=f"{name} (step {k})",
                                dtype=_lower(value))
        pairs = [(run.path, want.path, "w")] + [
            (run.states[name], want.states[name], name) for name in _readable(run, state)]
        for got, wanted, name in pairs:
            outcome = same_array(got, wanted, name)
            if not outcome.ok:
                if outcome.key != "value.mismatch":
                    return outcome
                return fail("optimizers.precision", what=what, digits=_digits(got, wanted),
                            where=f"{name}{outcome.fields['index']}",
                            expected=outcome.fields["expected"], actual=outcome.fields["actual"])
        return PASS
    return compare


def minimize_float64_compare(actual, expected):
    """minimize's path is a float64 array equal to the reference's to float64 precision."""
    what = "minimize(optimizer, grad_fn, w0, steps)"
    if not isinstance(actual, dict) or set(actual) != {"returned", "raised", "w0_after"}:
        return fail("probe.malformed", what=what, why="record keys")
    if actual["raised"] is not None:
        return _raised(actual["raised"], what)
    path = actual["returned"]
    if not (type(path) is np.ndarray and path.dtype.kind == "f" and close_path(
            path.astype(np.float64), expected["returned"], "").ok):
        return fail("check.needs_values", check="minimize_path")
    if _lower(path):
        return fail("optimizers.float32", what=what, where="path", dtype=_lower(path))
    outcome = same_array(path, expected["returned"], what)
    if outcome.key == "value.mismatch":
        return fail("optimizers.precision", what=what, digits=_digits(
            path, expected["returned"]), where=f"path{outcome.fields['index']}",
            expected=outcome.fields["expected"], actual=outcome.fields["actual"])
    return outcome
