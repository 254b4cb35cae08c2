"""04_optimizers public checks: the lecture's elongated bowl from a fixed start.

J(w) = 1/2 w^T A w + b^T w with A = diag(1, 10), b = 0: the bowl is 10x steeper along w2 than
along w1, so plain gradient descent zig-zags across the valley (lecture 4.2). The probe builds
grad_fn(w) = A w + b itself, passes each step a fresh copy of w, and returns raw records: what
each step returned, the array it was given (after the call), the state attributes (m, s, t) and
the points where grad_fn was evaluated. Every verdict is computed here (optimizers_runs.py).

One check grades one class (its `function`); property checks (no mutation, defaults, where
Nesterov takes its gradient) pay only next to that class's correct path (`requires`).

Values (paths, states, look-ahead points) are compared at VALUE_TOL, which float32 rounding of
a right rule passes and every formula mistake fails (margins: optimizers_precision.py); the
`<class>_float64` checks (0.5 each) are about precision alone: float64 dtype, float64 agreement.

eps: the path/state checks pass eps=0.0, so they test each update rule exactly and do not
depend on where eps sits (a hard-coded eps that ignores the argument fails them, and the
message says so); the `<class>_eps` checks test eps alone (default eps, tiny gradients).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.public.optimizers_runs import _raised as raised_outcome
from autograder.checks.public.optimizers_precision import (MESSAGES as PRECISION_MESSAGES,
                                                           VALUE_TOL, close, close_path,
                                                           float64_compare, movement,
                                                           minimize_float64_compare)
from autograder.checks.public.optimizers_runs import read_pair, read_run
from autograder.compare import PASS, Outcome, _fmt, all_of, fail, same_array

A = np.array([[1.0, 0.0], [0.0, 10.0]])
B = np.array([0.0, 0.0])
W0 = np.array([-4.0, 2.0])
STEPS = 15

STATE = {"SGD": (), "Momentum": ("m",), "Nesterov": ("m",), "AdaGrad": ("s",),
         "RMSProp": ("s",), "Adam": ("m", "s", "t")}
CLASSES = tuple(STATE)

# Hyperparameters away from the defaults (the defaults have their own checks).
KWARGS = {
    "SGD": {"lr": 0.15},
    "Momentum": {"lr": 0.05, "beta": 0.8},
    "Nesterov": {"lr": 0.05, "beta": 0.7},
    "AdaGrad": {"lr": 0.5, "eps": 0.0},
    "RMSProp": {"lr": 0.1, "rho": 0.8, "eps": 0.0},
    "Adam": {"lr": 0.2, "beta1": 0.8, "beta2": 0.95, "eps": 0.0},
}
DEFAULTS = {
    "Momentum": {"beta": 0.9},
    "Nesterov": {"beta": 0.9},
    "AdaGrad": {"eps": 1e-8},
    "RMSProp": {"rho": 0.9, "eps": 1e-8},
    "Adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}

# ---- eps placement --------------------------------------------------------------------------
# A nearly flat bowl: |g| = 1e-6 .. 2e-6, so g^2 ~ 1e-12 << eps = 1e-8 and where eps sits
# decides the step size: sqrt(s + eps) ≈ 1e-4 but sqrt(s) + eps ≈ 1e-6 (AdaGrad/RMSProp), and
# for Adam sqrt(s_hat) + eps ≈ 1e-6 but sqrt(s_hat + eps) ≈ 1e-4. The steps differ ~100x.
# Measured margin of the wrong placement (largest |w_wrong - w_right| over the path divided by
# the comparison's allowance, VALUE_TOL times how far the right path moved): AdaGrad
# sqrt(s) + eps 6.5e4, RMSProp sqrt(s) + eps 1.8e5, Adam sqrt(s_hat + eps) 2.0e3; the reference
# and the alternative spellings in tests/ agree to rounding (margin < 1).
EPS_A = np.array([[1e-6, 0.0], [0.0, 4e-6]])
EPS_W0 = np.array([1.0, -0.5])
EPS_KWARGS = {"AdaGrad": {"lr": 0.1, "eps": 1e-8},
              "RMSProp": {"lr": 0.1, "rho": 0.9, "eps": 1e-8},
              "Adam": {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}}

# ---- warm start: state set (setattr) before the first step ----------------------------------
WARM = {
    "Momentum": ({"lr": 0.05, "beta": 0.9}, {"m": np.array([0.3, -0.2])}),
    "Nesterov": ({"lr": 0.05, "beta": 0.9}, {"m": np.array([-0.1, 0.4])}),
    "AdaGrad": ({"lr": 0.5, "eps": 0.0}, {"s": np.array([2.0, 0.5])}),
    "RMSProp": ({"lr": 0.1, "rho": 0.9, "eps": 0.0}, {"s": np.array([1.5, 3.0])}),
    "Adam": ({"lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 0.0},
             {"m": np.array([0.5, -1.0]), "s": np.array([0.4, 2.0]), "t": 5}),
}

MESSAGES = {
    **PRECISION_MESSAGES,
    "optimizers.state_missing": {
        "ko": "{what}: 상태 속성 `{name}`이(가) 없거나 None입니다. 상태는 self.{name}에 "
              "저장하세요 (처음 값 0).",
        "en": "{what}: state attribute `{name}` is missing or None; keep the state in "
              "self.{name} (starting at 0)"},
    "optimizers.state_unreadable": {
        "ko": "{what}: 상태 속성 `{name}`을(를) 읽을 수 없습니다. 숫자 0 또는 w와 같은 모양의 "
              "float 배열이어야 합니다.",
        "en": "{what}: state attribute `{name}` is not readable as a number or a float array "
              "shaped like w"},
    "optimizers.state_start": {
        "ko": "{what}: `{name}`은(는) 첫 step 전에 0(스칼라 0 또는 0 배열)이어야 하는데 "
              "{actual}입니다.",
        "en": "{what}: `{name}` must be 0 (scalar 0 or an array of zeros) before the first "
              "step, got {actual}"},
    "optimizers.grad_not_called": {
        "ko": "{what}: {step}번째 step에서 grad_fn을 호출하지 않았습니다.",
        "en": "{what}: step {step} never called grad_fn"},
    "optimizers.grad_point": {
        "ko": "{what}: {step}번째 step에서 grad_fn을 {actual}에서 계산했습니다. 네스테로프는 "
              "앞을 내다본 점 w + βm = {expected}에서 기울기를 계산해야 합니다 (w, m은 step "
              "직전 값).",
        "en": "{what}: step {step} evaluated grad_fn at {actual}; Nesterov takes the gradient "
              "at the look-ahead point w + βm = {expected} (w and m before the step)"},
    "optimizers.defaults": {
        "ko": "{what}: lr만 주고 만든 경우와 기본값({explicit})을 직접 준 경우의 결과가 "
              "다릅니다. 생성자의 기본값을 확인하세요. ({detail})",
        "en": "{what}: constructed with lr only it behaves differently than with the documented "
              "defaults ({explicit}) spelled out; check the constructor's defaults ({detail})"},
    "optimizers.minimize_rows": {
        "ko": "{what}: 경로의 행이 {actual}개입니다. steps + 1 = {expected}개여야 하고 "
              "0번째 행은 w0입니다.",
        "en": "{what}: the path has {actual} rows; expected steps + 1 = {expected}, with w0 as "
              "row 0"},
}


# ---- comparisons ----------------------------------------------------------------------------
def compare_path(run, want, what):
    # where ε sits / a hard-coded ε: named by autograder/diagnoses/optimizers.py when the
    # values match that mistake (never as a guess)
    return close_path(run.path, want.path, f"{what}: path[step, coordinate]")


def compare_states(run, want, what, check_start=True):
    """States after each step as the reference's; with check_start, the value before the first
    step must be zero (scalar 0 or an array of zeros; None — "not created yet", as in
    `self.v = None` textbook code — counts as zero: only the values after each step are state)."""
    outcomes = []
    for name, expected in want.states.items():
        got, start = run.states[name], run.state0[name]
        if start is None:
            start = np.zeros(0)
        if got is None:
            outcomes.append(fail("optimizers.state_missing", what=what, name=name))
        elif isinstance(got, str) or (check_start and isinstance(start, str)):
            outcomes.append(fail("optimizers.state_unreadable", what=what, name=name))
        elif check_start and start.any():
            outcomes.append(fail("optimizers.state_start", what=what, name=name,
                                 actual=_fmt(start.tolist())))
        else:
            outcomes.append(close(got, expected, f"{what}: {name} after each step "
                                  f"[step - 1, coordinate]") if name != "t" else
                            same_array(got, expected, f"{what}: t after each step"))
    return all_of(outcomes, len(want.states))


def compare_lookahead(run, beta, what, scale):
    """Every grad_fn call of step k was at w_k + beta m_k: the w the parent sent and the m the
    student's object held before the step (state0, then the state after step k - 1), within
    VALUE_TOL of `scale` (how far the reference's path moved)."""
    m, m0 = run.states["m"], run.state0["m"]
    if m is None:
        return fail("optimizers.state_missing", what=what, name="m")
    if isinstance(m, str) or isinstance(m0, str):
        return fail("optimizers.state_unreadable", what=what, name="m")
    m0 = np.zeros(m.shape[1]) if m0 is None else m0  # None before the first step: not created
    before = np.vstack([m0[None, :], m[:-1]])
    for k, (points, w, m_k) in enumerate(zip(run.evals, run.path[:-1], before), start=1):
        if len(points) == 0:
            return fail("optimizers.grad_not_called", what=what, step=k)
        point = w + beta * m_k
        with np.errstate(all="ignore"):
            bad = ~np.isclose(points, point, rtol=0.0,
                              atol=VALUE_TOL * scale + 1e-12).all(axis=1)
        if bad.any():
            return fail("optimizers.grad_point", what=what, step=k,
                        actual=np.array2string(points[int(np.argmax(bad))], precision=6),
                        expected=np.array2string(point, precision=6))
    return PASS


def run_compare(what, parts, state):
    """compare(actual, expected) of one `run` record against the reference's record.

    parts ⊆ {"path", "eps" (path, with the where-eps-belongs note), "states" (start at 0, then
    each step), "states_after" (each step only: a warm start begins elsewhere), "lookahead"
    (grad_fn called only at w + beta m)}. The problem (w0, beta, ...) is read from the
    reference's record, which the parent produced itself."""
    count = (("path" in parts or "eps" in parts) + ("states" in parts or "states_after" in parts)
             + ("lookahead" in parts))

    def compare(actual, expected):
        pair = read_pair(actual, expected, state, what)
        if isinstance(pair, Outcome):
            return pair
        run, want = pair
        outcomes = []
        if "path" in parts or "eps" in parts:
            outcomes.append(compare_path(run, want, what))
        if "states" in parts or "states_after" in parts:
            outcomes.append(compare_states(run, want, what, "states" in parts))
        if "lookahead" in parts:
            outcome = compare_lookahead(run, float(expected["problem"]["kwargs"].get("beta", 0.9)),
                                        what,
                                        movement(want.path))
            if outcomes and not outcomes[0].ok:  # a property: pays only next to a right path
                outcome = fail("check.needs_values", check=f"{what} path")
            outcomes.append(outcome)
        return all_of(outcomes, count)
    return compare


def mutation_compare(steps, what):
    def compare(actual, expected=None):
        run = read_run(actual, W0, steps, (), what)
        if isinstance(run, Outcome):
            return run
        return fail("value.input_mutated", what=what, arg="w") if any(run.mutated) else PASS
    return compare


def defaults_compare(cls, spelled, steps):
    what = f"{cls}(lr)"

    def compare(actual, expected=None):
        if not isinstance(actual, list) or len(actual) != 2:
            return fail("probe.malformed", what=what, why="expected 2 run records")
        short, explicit = (read_run(r, W0, steps, (), what) for r in actual)
        for run in (short, explicit):
            if isinstance(run, Outcome):
                return run
        outcome = same_array(short.path, explicit.path, "path")
        if outcome.ok:
            return PASS
        detail = (f"step {outcome.fields.get('index')}: {outcome.fields.get('actual')} vs "
                  f"{outcome.fields.get('expected')}" if outcome.key == "value.mismatch"
                  else outcome.key)
        return fail("optimizers.defaults", what=what, detail=detail,
                    explicit=", ".join(f"{k}={v}" for k, v in spelled.items()))
    return compare


def minimize_compare(actual, expected):
    what = "minimize(optimizer, grad_fn, w0, steps)"
    keys = {"returned", "raised", "w0_after"}
    if not isinstance(actual, dict) or set(actual) != keys:
        return fail("probe.malformed", what=what, why="record keys")
    if actual["raised"] is not None:
        return raised_outcome(actual["raised"], what)
    path, want = actual["returned"], expected["returned"]
    if (type(path) is np.ndarray and path.ndim == 2 and path.shape[1:] == want.shape[1:]
            and path.shape[0] != want.shape[0]):
        return fail("optimizers.minimize_rows", what=what, actual=path.shape[0],
                    expected=want.shape[0])
    if type(path) is np.ndarray and path.dtype.kind == "f":  # float32: minimize_float64's
        path = path.astype(np.float64)
    outcome = close_path(path, want, what)
    w0_after = actual["w0_after"]
    if outcome.ok and not (type(w0_after) is np.ndarray and np.array_equal(
            w0_after, expected["w0_after"])):
        return fail("value.input_mutated", what=what, arg="w0")
    return outcome


# ---- the checks ----------------------------------------------------------------------------
def case(cls, kwargs, A_, w0, steps, init=None):
    out = {"cls": cls, "kwargs": kwargs, "A": A_, "b": np.zeros(len(w0)), "w0": w0,
           "steps": steps, "state": list(STATE[cls])}
    if init:
        out["init"] = init
    return out


def run_check(name, points, cls, parts, args=None, **extra):
    what = f"{cls}.step"
    return Check(name, points, "optimizers.run", what=what, needs=(cls,), function=cls,
                 args=args or case(cls, KWARGS[cls], A, W0, STEPS),
                 compare=run_compare(what, parts, STATE[cls]), **extra)


def low(cls):
    return cls.lower()


def property_checks(cls):
    """no mutation (0.5) and, where documented, the constructor defaults: pay only with the
    class's correct path."""
    out = [Check(f"{low(cls)}_no_mutation", 0.5, "optimizers.run", expected=None,
                 what=f"{cls}.step(w, grad_fn)", needs=(cls,), function=cls,
                 requires=(f"{low(cls)}_path",),
                 args={"cls": cls, "kwargs": KWARGS[cls], "A": A, "b": B, "w0": W0, "steps": 3},
                 compare=mutation_compare(3, f"{cls}.step(w, grad_fn)"))]
    if cls in DEFAULTS:
        lr = KWARGS[cls]["lr"]
        out.append(Check(
            f"{low(cls)}_defaults", 1 if cls == "Adam" else 0.5, "optimizers.runs",
            expected=None, what=f"{cls}(lr)", needs=(cls,), function=cls,
            requires=(f"{low(cls)}_path",),
            args={"cases": [{"cls": cls, "kwargs": kw, "A": A, "b": B, "w0": W0, "steps": 6}
                            for kw in ({"lr": lr}, dict(DEFAULTS[cls], lr=lr))]},
            compare=defaults_compare(cls, DEFAULTS[cls], 6)))
    return out


CHECKS = [
    run_check("sgd_path", 3.5, "SGD", ("path",)),
    run_check("momentum_path", 4.5, "Momentum", ("path",)),
    run_check("momentum_state", 4, "Momentum", ("states",)),
    run_check("nesterov_path", 4.5, "Nesterov", ("path",)),
    run_check("nesterov_state", 3, "Nesterov", ("states",)),
    run_check("nesterov_grad_points", 4, "Nesterov", ("lookahead",),
              requires=("nesterov_path",)),
    run_check("adagrad_path", 3.5, "AdaGrad", ("path",)),
    run_check("adagrad_state", 3, "AdaGrad", ("states",)),
    run_check("rmsprop_path", 3.5, "RMSProp", ("path",)),
    run_check("rmsprop_state", 3, "RMSProp", ("states",)),
    run_check("adam_path", 4.5, "Adam", ("path",)),
    run_check("adam_state", 4, "Adam", ("states",)),
    *[run_check(f"{low(cls)}_eps", 2, cls, ("eps",),
                args=case(cls, kwargs, EPS_A, EPS_W0, 4)) for cls, kwargs in EPS_KWARGS.items()],
    *[run_check(f"{low(cls)}_warm_start", 1, cls, ("path", "states_after"),
                args=case(cls, kwargs, A, W0, 5, init)) for cls, (kwargs, init) in WARM.items()],
    *[check for cls in CLASSES for check in property_checks(cls)],
    *[Check(f"{low(cls)}_float64", 0.5, "optimizers.run", what=f"{cls}.step", needs=(cls,),
            function=cls, requires=(f"{low(cls)}_path",),
            args=case(cls, KWARGS[cls], A, W0, STEPS),
            compare=float64_compare(f"{cls}.step", STATE[cls], f"{low(cls)}_path"))
      for cls in CLASSES],
    Check("minimize_float64", 0.5, "optimizers.minimize", what="minimize",
          needs=("minimize",), function="minimize", requires=("minimize_path",),
          args={"lr": 0.1, "A": A, "b": B, "w0": W0, "steps": 10},
          compare=minimize_float64_compare),
    # 4 + minimize_float64 0.5 + minimize_int_start 0.5: minimize's 5 points
    Check("minimize_path", 4.0, "optimizers.minimize", what="minimize", needs=("minimize",),
          function="minimize", args={"lr": 0.1, "A": A, "b": B, "w0": W0, "steps": 10},
          compare=minimize_compare),
    # the docstring returns a float64 path whatever w0's dtype: an integer start point (a
    # path array made with w0's dtype truncates every step; np.array(w0, dtype=np.float64) or
    # np.asarray(path, dtype=np.float64) do not)
    Check("minimize_int_start", 0.5, "optimizers.minimize", what="minimize",
          needs=("minimize",), function="minimize", requires=("minimize_path",),
          args={"lr": 0.1, "A": A, "b": B, "w0": W0.astype(np.int64), "steps": 10},
          compare=minimize_compare),
]
