"""03_activations public checks: fixed inputs students can see; expected values in JSON.

Values at and next to the kinks (x = 0, +-0, +-1e-12), custom slopes, and magnitudes large
enough to overflow exp (|x| = 1000 > 709.78) are in every input. he_normal is random, so its
checks are statistical (checks/public/activations_he.py), never a comparison with the
reference's draw.

Parent decides: probes return raw call records (`common.observe*`); values, mutation, finite
differences, shapes and statistics are computed here. One check grades one function; property
checks (no mutation, finite differences, shapes) pay only next to that function's correct values
(`requires`).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.observed import no_mutation, raised_outcome, record, records
from autograder.checks.public import activations_he as he
from autograder.compare import PASS, Outcome, _fmt, all_of, fail, same_array, same_number

# ---- inputs ---------------------------------------------------------------------------------
X = np.array([-1000.0, -50.0, -3.5, -1.0, -0.25, -1e-12, -0.0, 0.0, 1e-12, 0.25, 1.0, 3.5,
              50.0, 1000.0])
X2 = np.array([[-2.0, 0.0, 2.0], [0.5, -0.5, 800.0]])
U = np.array([0.5, -1.0, 2.0, 1.5, -0.75, 3.0, 1.0, -2.0, 0.25, -0.5, 1.25, 0.8, -1.1, 0.6])
U2 = np.array([[1.0, -3.0, 0.5], [2.0, 0.7, -1.5]])
# Finite differences: no |x| below 0.1, so x +- h never crosses the kink at 0.
X_FD = np.array([-3.0, -1.2, -0.4, -0.1, 0.1, 0.6, 2.5])
U_FD = np.array([0.9, -1.4, 2.2, 0.3, -0.7, 1.6, -0.5])
ALPHA_FD = 0.3
FD_H = 1e-5
# PReLU is piecewise linear, so central differences are exact up to rounding: the measured
# worst |error| on these inputs with the reference is 6.5e-12 (dx) / 5.5e-12 (dalpha)
# (≈ eps_machine * |L| / h). FD_ATOL = 1e-7 leaves a 15000x margin and is still 1e6 times
# smaller than the errors the check exists for (summing dalpha over all x is off by 0.36,
# a wrong branch changes dx by >= 0.1 here).
FD_ATOL = 1e-7
FD_RTOL = 1e-7

MESSAGES = dict(he.MESSAGES, **{
    "activations.fd_mismatch": {
        "ko": "{what}: {part}이(가) 수치 미분(중앙차분, h={h})과 다릅니다. 위치 {index}: 해석적 "
              "{actual}, 수치 {expected}. 순전파 prelu와 역전파가 서로 맞는지 확인하세요.",
        "en": "{what}: {part} disagrees with central differences (h={h}) at {index}: analytic "
              "{actual}, numeric {expected}; check that the backward pass matches prelu"},
})


# ---- comparisons ----------------------------------------------------------------------------
def elementwise(returned, expected, what, x):
    return same_array(returned, expected, what, inputs=x)


def gradients(returned, expected, what, x):
    """(dx, dalpha): dx like x (message shows x at the first wrong element), dalpha a number."""
    if not isinstance(returned, (tuple, list)) or len(returned) != 2:
        return fail("value.type", what=what, expected="tuple (dx, dalpha)",
                    actual=type(returned).__name__)
    outcome = same_array(returned[0], expected[0], f"{what}[0]", inputs=x)
    return outcome if not outcome.ok else same_number(returned[1], expected[1], f"{what}[1]")


def per_case(cases, whats, judge):
    """compare(actual, expected) over observe_many records: one sub-score per case (a raising
    case costs only its share); the count is the number of cases sent."""
    def compare(actual, expected):
        recs = records(actual, cases, whats[0])
        if isinstance(recs, Outcome):
            return recs
        outcomes = []
        for rec, want, what, case in zip(recs, expected, whats, cases):
            outcomes.append(judge(rec.returned, want["returned"], what, case["args"][0])
                            if rec.ok else raised_outcome(rec, what))
        return all_of(outcomes, len(cases))
    return compare


def mutation_compare(case, names, what):
    def compare(actual, expected=None):
        rec = record(actual, case, what)
        if isinstance(rec, Outcome):
            return rec
        return no_mutation(rec, case, names, what) if rec.ok else raised_outcome(rec, what)
    return compare


def fd_calls():
    """prelu_gradients at (X_FD, ALPHA_FD, U_FD), then prelu at x +- h e_i for every i, then
    prelu at alpha +- h: the parent forms L = sum(upstream * prelu) and the quotients."""
    calls = [{"func": "prelu_gradients", "args": [X_FD, ALPHA_FD, U_FD]}]
    for i in range(X_FD.size):
        for sign in (1.0, -1.0):
            x = X_FD.copy()
            x[i] += sign * FD_H
            calls.append({"func": "prelu", "args": [x, ALPHA_FD]})
    calls += [{"func": "prelu", "args": [X_FD, ALPHA_FD + FD_H]},
              {"func": "prelu", "args": [X_FD, ALPHA_FD - FD_H]}]
    return calls


FD_CALLS = fd_calls()


def _loss(rec, what):
    """sum(upstream * prelu(...)) from one record, or an Outcome."""
    if not rec.ok:
        return raised_outcome(rec, what)
    y = rec.returned
    if type(y) is not np.ndarray or y.shape != X_FD.shape or y.dtype.kind not in "biuf":
        return fail("value.shape", what=what, actual=np.shape(y) if type(y) is np.ndarray
                    else type(y).__name__, expected=X_FD.shape)
    return float(np.sum(U_FD * y.astype(np.float64)))


def prelu_fd_compare(actual, expected=None):
    what = "prelu_gradients(x, alpha, upstream)"
    recs = records(actual, FD_CALLS, what)
    if isinstance(recs, Outcome):
        return recs
    grad = recs[0]
    if not grad.ok:
        return raised_outcome(grad, what)
    result = grad.returned
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return fail("value.type", what=what, expected="tuple (dx, dalpha)",
                    actual=type(result).__name__)
    dx, dalpha = result
    if type(dx) is not np.ndarray or dx.dtype.kind not in "biuf" or dx.shape != X_FD.shape:
        return fail("value.shape", what=f"{what}[0]", actual=np.shape(dx) if type(dx) is
                    np.ndarray else type(dx).__name__, expected=X_FD.shape)
    if type(dalpha) is np.ndarray and dalpha.shape == ():
        dalpha = dalpha.item()
    if isinstance(dalpha, (bool, np.bool_)) or not isinstance(dalpha, (int, float, np.integer,
                                                                        np.floating)):
        return fail("value.type", what=f"{what}[1]", expected="number",
                    actual=type(dalpha).__name__)
    losses = []
    for rec in recs[1:]:
        loss = _loss(rec, "prelu(x, alpha)")
        if isinstance(loss, Outcome):
            return loss
        losses.append(loss)
    n = X_FD.size
    dx_fd = np.array([(losses[2 * i] - losses[2 * i + 1]) / (2 * FD_H) for i in range(n)])
    dalpha_fd = (losses[2 * n] - losses[2 * n + 1]) / (2 * FD_H)
    dx = dx.astype(np.float64)
    with np.errstate(all="ignore"):
        bad = ~np.isclose(dx, dx_fd, rtol=FD_RTOL, atol=FD_ATOL)
    outcomes = [PASS, PASS]
    if bad.any():
        i = int(np.argmax(bad))
        outcomes[0] = fail("activations.fd_mismatch", what=what, part="dx", h=FD_H,
                           index=f"[{i}] (x = {_fmt(X_FD[i])})", actual=_fmt(dx[i]),
                           expected=_fmt(dx_fd[i]))
    if not np.isclose(float(dalpha), dalpha_fd, rtol=FD_RTOL, atol=FD_ATOL):
        outcomes[1] = fail("activations.fd_mismatch", what=what, part="dalpha", h=FD_H,
                           index="(scalar)", actual=_fmt(float(dalpha)),
                           expected=_fmt(float(dalpha_fd)))
    return all_of(outcomes, 2)


# ---- the checks ----------------------------------------------------------------------------
# Messages name an argument by its name here and a number by its value: "leaky_relu(x2, 0.05)".
INPUTS = {"x": X, "x2": X2, "upstream": U, "upstream2": U2}


def label(args):
    """How messages write a call's arguments, from the declared inputs (no per-function code)."""
    return ", ".join(next((n for n, v in INPUTS.items() if v is a), None) or repr(a)
                     for a in args)


def values_check(name, points, func, calls, judge=elementwise, uses=()):
    """calls: argument tuples; the first argument is the x shown at the first wrong element."""
    cases = [{"args": list(args)} for args in calls]
    whats = [f"{func}({label(args)})" for args in calls]
    return Check(name, points, "common.observe_many", what=whats[0], needs=(func,),
                 function=func, args={"func": func, "cases": cases},
                 compare=per_case(cases, whats, judge), uses=uses)


def mutation_check(values, points=0.5):
    """The function of a values check must not change its inputs (probed with that check's first
    call); pays only with the function's correct values."""
    func, args = values.function, values.args["cases"][0]["args"]
    case = {"args": args}
    what = f"{func}({label(args)})"
    names = [label([a]) for a in args]
    return Check(f"{func}_no_mutation", points, "common.observe", expected=None, what=what,
                 needs=(func,), function=func, requires=(values.name,),
                 args={"func": func, "args": args}, compare=mutation_compare(case, names, what))


HE_SIZE = (400, 250)         # n = 100000; fan_in != fan_out so a std from fan_out fails
RNG_SIZE = (50, 20)
SHAPE_SIZES = [(3, 2), (1, 5), (7, 1), (64, 32)]
HE_STATS_SEEDS, HE_GAUSS_SEEDS = [2025], [7]
SHAPES_COMPARE, SHAPES_CALLS = he.he_shapes(SHAPE_SIZES, 3)
RNG_COMPARE, RNG_CALLS = he.he_rng(*RNG_SIZE)


def he_check(name, points, calls, compare, what, requires=()):
    return Check(name, points, "activations.he_normal_calls", expected=None, what=what,
                 needs=("he_normal",), function="he_normal", requires=requires,
                 args={"calls": calls}, compare=compare)


VALUES = [
    values_check("relu_values", 4, "relu", [(X,), (X2,)]),
    values_check("relu_derivative_values", 4, "relu_derivative", [(X,), (X2,)]),
    values_check("leaky_relu_values", 4, "leaky_relu", [(X,), (X, 0.2), (X2, 0.05)]),
    values_check("leaky_relu_derivative_values", 4, "leaky_relu_derivative",
                 [(X,), (X, 0.2), (X2, 0.05)]),
    values_check("prelu_values", 4, "prelu", [(X, 0.25), (X2, 0.6)]),
    values_check("prelu_gradients_values", 6, "prelu_gradients", [(X, 0.25, U), (X2, 0.6, U2)],
                 judge=gradients),
    values_check("elu_values", 5, "elu", [(X,), (X, 0.5), (X2, 2.0)]),
    values_check("elu_derivative_values", 5, "elu_derivative", [(X,), (X, 0.5), (X2, 2.0)]),
    values_check("tanh_values", 4, "tanh", [(X,), (X2,)]),
    # 1 - tanh(x)^2: a student's tanh_derivative may call their own tanh
    values_check("tanh_derivative_values", 4, "tanh_derivative", [(X,), (X2,)], uses=("tanh",)),
]

CHECKS = [
    *VALUES,
    # self-consistency with the student's own prelu: uses prelu, pays only next to correct
    # prelu_gradients values (a do-nothing pair — zeros forward and backward — agrees with itself)
    Check("prelu_gradients_fd", 5, "common.observe_each", expected=None,
          what="prelu_gradients(x, alpha, upstream)", needs=("prelu", "prelu_gradients"),
          function="prelu_gradients", own=("prelu",), requires=("prelu_gradients_values",),
          args={"calls": FD_CALLS}, compare=prelu_fd_compare),
    *[mutation_check(values) for values in VALUES],
    he_check("he_normal_shape", 3, SHAPES_CALLS, SHAPES_COMPARE,
             "he_normal(fan_in, fan_out, rng)", requires=("he_normal_stats",)),
    he_check("he_normal_stats", 5, he.he_calls(*HE_SIZE, HE_STATS_SEEDS),
             he.he_stats(*HE_SIZE, HE_STATS_SEEDS), "he_normal(400, 250, rng)"),
    he_check("he_normal_rng", 4, RNG_CALLS, RNG_COMPARE, "he_normal(50, 20, rng)"),
    he_check("he_normal_gaussian", 3, he.he_calls(*HE_SIZE, HE_GAUSS_SEEDS),
             he.he_stats(*HE_SIZE, HE_GAUSS_SEEDS, normal=True, stats=False),
             "he_normal(400, 250, rng)"),
]
