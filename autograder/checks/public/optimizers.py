"""04_optimizers public checks: the lecture's elongated bowl from a fixed start.

J(w) = 1/2 w^T A w + b^T w with A = diag(1, 10), b = 0: the bowl is 10x steeper along w2 than
along w1, so plain gradient descent zig-zags across the valley (lecture 4.2). The probe builds
grad_fn(w) = A w + b itself, passes each step a fresh copy of w, and records the path, the
state attributes (m, s, t) after every step and the points where grad_fn was evaluated.

eps: the path/state checks pass eps=0.0, so they test each update rule exactly and do not
depend on where eps sits; `eps_placement` tests eps alone (default eps, tiny gradients).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.compare import PASS, _fmt, all_of, fail, same_array

A = np.array([[1.0, 0.0], [0.0, 10.0]])
B = np.array([0.0, 0.0])
W0 = np.array([-4.0, 2.0])
STEPS = 15

STATE = {"SGD": (), "Momentum": ("m",), "Nesterov": ("m",), "AdaGrad": ("s",),
         "RMSProp": ("s",), "Adam": ("m", "s", "t")}
CLASSES = tuple(STATE)

# Hyperparameters away from the defaults (the defaults have their own check).
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
# the comparison's allowance atol + rtol |w_right|, rtol = 1e-10, atol = 1e-12): AdaGrad
# sqrt(s) + eps 4.7e9, RMSProp sqrt(s) + eps 9.6e9, Adam sqrt(s_hat + eps) 3.0e10; the reference
# and the alternative spellings in tests/ agree to rounding (margin < 1).
EPS_A = np.array([[1e-6, 0.0], [0.0, 4e-6]])
EPS_W0 = np.array([1.0, -0.5])
EPS_CASES = [
    {"cls": "AdaGrad", "kwargs": {"lr": 0.1, "eps": 1e-8}},
    {"cls": "RMSProp", "kwargs": {"lr": 0.1, "rho": 0.9, "eps": 1e-8}},
    {"cls": "Adam", "kwargs": {"lr": 0.1, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}},
]

# ---- warm start: state set (setattr) before the first step ----------------------------------
WARM = [
    {"cls": "Momentum", "kwargs": {"lr": 0.05, "beta": 0.9}, "init": {"m": np.array([0.3, -0.2])}},
    {"cls": "Nesterov", "kwargs": {"lr": 0.05, "beta": 0.9},
     "init": {"m": np.array([-0.1, 0.4])}},
    {"cls": "AdaGrad", "kwargs": {"lr": 0.5, "eps": 0.0}, "init": {"s": np.array([2.0, 0.5])}},
    {"cls": "RMSProp", "kwargs": {"lr": 0.1, "rho": 0.9, "eps": 0.0},
     "init": {"s": np.array([1.5, 3.0])}},
    {"cls": "Adam", "kwargs": {"lr": 0.2, "beta1": 0.9, "beta2": 0.999, "eps": 0.0},
     "init": {"m": np.array([0.5, -1.0]), "s": np.array([0.4, 2.0]), "t": 5}},
]

MESSAGES = {
    "optimizers.state_missing": {
        "ko": "{what}: 상태 속성 `{name}`이(가) 없거나 None입니다. 상태는 self.{name}에 "
              "저장하세요 (처음 값 0).",
        "en": "{what}: state attribute `{name}` is missing or None; keep the state in "
              "self.{name} (starting at 0)"},
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
def _error(entry, what):
    return fail("call.error", what=what, type=entry.get("error"), message=entry.get("message"),
                where="")


def _is_error(entry):
    return isinstance(entry, dict) and "error" in entry


def compare_path(actual, expected, what):
    return same_array(actual["path"], expected["path"], f"{what}: path[step, coordinate]")


def compare_states(actual, expected, what, check_start=True):
    """States after each step as the reference's; with check_start, the value before the first
    step must be zero (scalar 0 or an array of zeros: `run` broadcasts scalars)."""
    outcomes = []
    for name, want in expected["states"].items():
        got = actual["states"].get(name)
        start = actual["state0"].get(name) if check_start else 0
        if start is None or got is None:
            outcomes.append(fail("optimizers.state_missing", what=what, name=name))
            continue
        if check_start and not (isinstance(start, np.ndarray) and start.shape == expected[
                "state0"][name].shape and not start.any()):
            outcomes.append(fail("optimizers.state_start", what=what, name=name,
                                 actual=_fmt(start.tolist() if isinstance(start, np.ndarray)
                                             else start)))
            continue
        outcomes.append(same_array(got, want, f"{what}: {name} after each step [step - 1, "
                                              f"coordinate]" if name != "t" else
                                   f"{what}: t after each step"))
    return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for


def compare_lookahead(actual, what):
    """Every grad_fn call of step k was at w_k + beta m_k (the student's own w and m)."""
    lookahead = actual["lookahead"]
    if lookahead is None:
        return fail("optimizers.state_missing", what=what, name="m")
    for k, (points, point) in enumerate(zip(actual["evals"], lookahead), start=1):
        if len(points) == 0:
            return fail("optimizers.grad_not_called", what=what, step=k)
        point = np.asarray(point)
        if point.shape != points.shape[1:]:
            return fail("value.shape", what=f"{what}: w + beta * m", actual=point.shape,
                        expected=points.shape[1:])
        with np.errstate(all="ignore"):
            bad = ~np.isclose(points, point, rtol=1e-10, atol=1e-12).all(axis=1)
        if bad.any():
            return fail("optimizers.grad_point", what=what, step=k,
                        actual=np.array2string(points[int(np.argmax(bad))], precision=6),
                        expected=np.array2string(point, precision=6))
    return PASS


def run_compare(what, parts):
    """Compare a `run` result with the reference's.

    parts ⊆ {"path", "states" (start at 0, then each step), "states_after" (each step only:
    a warm start begins elsewhere), "lookahead" (grad_fn called only at w + beta m)}."""
    def compare(actual, expected):
        outcomes = []
        if "path" in parts:
            outcomes.append(compare_path(actual, expected, what))
        if "states" in parts or "states_after" in parts:
            outcomes.append(compare_states(actual, expected, what, "states" in parts))
        if "lookahead" in parts:
            outcomes.append(compare_lookahead(actual, what))
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def runs_compare(whats, parts):
    """Case by case over a `runs` result (partial credit; a case that raised scores 0)."""
    single = {what: run_compare(what, parts) for what in whats}

    def compare(actual, expected):
        outcomes = []
        for what, a, e in zip(whats, actual, expected):
            outcomes.append(_error(a, what) if _is_error(a) else single[what](a, e))
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def no_mutation(whats):
    def compare(actual, expected=None):
        outcomes = []
        for what, entry in zip(whats, actual):
            if _is_error(entry):
                outcomes.append(_error(entry, what))
            elif any(entry["mutated"]):
                outcomes.append(fail("value.input_mutated", what=what, arg="w"))
            else:
                outcomes.append(PASS)
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def defaults_compare(whats, explicit):
    def compare(actual, expected=None):
        outcomes = []
        for what, spelled, entry in zip(whats, explicit, actual):
            if _is_error(entry):
                outcomes.append(_error(entry, what))
                continue
            outcome = same_array(entry["default"], entry["explicit"], "path")
            if not outcome.ok:
                detail = (f"step {outcome.fields.get('index')}: {outcome.fields.get('actual')} "
                          f"vs {outcome.fields.get('expected')}" if outcome.key == "value.mismatch"
                          else outcome.key)
                outcome = fail("optimizers.defaults", what=what, detail=detail,
                               explicit=", ".join(f"{k}={v}" for k, v in spelled.items()))
            outcomes.append(outcome)
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


def minimize_compare(actual, expected):
    what = "minimize(optimizer, grad_fn, w0, steps)"
    path, want = actual["path"], expected["path"]
    if (type(path) is np.ndarray and path.ndim == 2 and path.shape[1:] == want.shape[1:]
            and path.shape[0] != want.shape[0]):
        return fail("optimizers.minimize_rows", what=what, actual=path.shape[0],
                    expected=want.shape[0])
    outcome = same_array(path, want, what)
    if outcome.ok and actual["w0_changed"]:
        return fail("value.input_mutated", what=what, arg="w0")
    return outcome


# ---- the checks ----------------------------------------------------------------------------
def run_args(cls, want, kwargs=None, steps=STEPS):
    return {"cls": cls, "kwargs": kwargs or KWARGS[cls], "A": A, "b": B, "w0": W0,
            "steps": steps, "state": list(STATE[cls]), "want": list(want)}


def path_check(name, points, cls):
    what = f"{cls}.step"
    return Check(name, points, "optimizers.run", what=what, needs=(cls,),
                 args=run_args(cls, ["path"]), compare=run_compare(what, ("path",)))


def state_check(name, points, cls):
    what = f"{cls}.step"
    return Check(name, points, "optimizers.run", what=what, needs=(cls,),
                 args=run_args(cls, ["state0", "states"]), compare=run_compare(what, ("states",)))


def _case(cls, kwargs, A_, w0, steps, want, init=None):
    case = {"cls": cls, "kwargs": kwargs, "A": A_, "b": np.zeros(len(w0)), "w0": w0,
            "steps": steps, "state": list(STATE[cls]), "want": list(want)}
    if init:
        case["init"] = init
    return case


CHECKS = [
    path_check("sgd_path", 4, "SGD"),
    path_check("momentum_path", 5, "Momentum"),
    state_check("momentum_state", 4, "Momentum"),
    path_check("nesterov_path", 5, "Nesterov"),
    state_check("nesterov_state", 3, "Nesterov"),
    Check("nesterov_grad_points", 4, "optimizers.run", what="Nesterov.step", needs=("Nesterov",),
          expected=None, args=run_args("Nesterov", ["evals", "lookahead"]),
          compare=lambda a, e: compare_lookahead(a, "Nesterov.step")),
    path_check("adagrad_path", 4, "AdaGrad"),
    state_check("adagrad_state", 3, "AdaGrad"),
    path_check("rmsprop_path", 4, "RMSProp"),
    state_check("rmsprop_state", 3, "RMSProp"),
    path_check("adam_path", 5, "Adam"),
    state_check("adam_state", 4, "Adam"),
    Check("eps_placement", 6, "optimizers.runs", what="eps", needs=("AdaGrad", "RMSProp", "Adam"),
          args={"cases": [_case(c["cls"], c["kwargs"], EPS_A, EPS_W0, 4, ["path"])
                          for c in EPS_CASES]},
          compare=runs_compare([f"{c['cls']}.step (eps=1e-8, |g|≈1e-6)" for c in EPS_CASES],
                               ("path",))),
    Check("warm_start", 5, "optimizers.runs", what="state", needs=tuple(c["cls"] for c in WARM),
          args={"cases": [_case(c["cls"], c["kwargs"], A, W0, 5, ["path", "states"],
                                c["init"]) for c in WARM]},
          compare=runs_compare([f"{c['cls']}.step ({', '.join(c['init'])} set before the first "
                                f"step)" for c in WARM],
              ("path", "states_after"))),
    Check("defaults", 3, "optimizers.defaults_many", what="defaults", needs=tuple(DEFAULTS),
          expected=None,
          args={"cases": [{"cls": cls, "lr": KWARGS[cls]["lr"], "explicit": spelled, "A": A,
                           "b": B, "w0": W0, "steps": 6} for cls, spelled in DEFAULTS.items()]},
          compare=defaults_compare([f"{cls}(lr)" for cls in DEFAULTS], list(DEFAULTS.values()))),
    Check("step_no_mutation", 4, "optimizers.runs", what="step", needs=CLASSES, expected=None,
          args={"cases": [_case(cls, KWARGS[cls], A, W0, 3, ["mutated"]) for cls in CLASSES]},
          compare=no_mutation([f"{cls}.step(w, grad_fn)" for cls in CLASSES])),
    Check("minimize_path", 4, "optimizers.minimize", what="minimize", needs=("minimize",),
          args={"lr": 0.1, "A": A, "b": B, "w0": W0, "steps": 10}, compare=minimize_compare),
]
