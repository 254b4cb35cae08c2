"""02_backprop public checks: fixed inputs students can see; expected values in JSON.

Lecture 3.6-3.7: the delta rule for one sigmoid neuron and error backpropagation in a
two-layer sigmoid MLP (H = phi(X U + b1), Y = phi(H W + b2), E = mean over samples of
1/2 sum_outputs (Y - T)^2). Raw observations only (`probes.common.observe*`,
`probes.backprop.backward`); every verdict is computed here. train_xor: backprop_training.py.
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.observed import (malformed, no_mutation_check, no_mutation_deep,
                                        raised_outcome, record, records)
from autograder.checks.public import backprop_training as training
from autograder.checks.public.perceptron import MESSAGES as PERCEPTRON_MESSAGES
from autograder.checks.public.perceptron import (S_STABLE, elementwise, sigmoid_stable, values)
from autograder.compare import PASS, Outcome, all_of, fail, same, same_array

KEYS = training.KEYS
X_XOR, T_XOR = training.X_XOR, training.T_XOR

S = np.array([-1000.0, -50.0, -3.0, -0.5, 0.0, 1e-8, 0.5, 3.0, 50.0, 1000.0])

# The numerical check compares with complex-step derivatives of the docstring's loss (machine
# precision, computed here). Measured on the hidden check's distribution: the reference backward
# pass differs from them by at most 4.2e-15 of the largest gradient entry (3000 draws), so 1e-8
# leaves a margin > 10^6 while a missing factor (the 1/m average, phi') gives errors of order 1.
FD_TOL = 1e-8

P_FIXED = {  # (2, 3, 1), nonzero biases so a forward pass without them is caught
    "U": np.array([[0.5, -1.0, 0.25], [-0.75, 0.6, 1.2]]),
    "b1": np.array([0.1, -0.2, 0.3]),
    "W": np.array([[1.5], [-0.8], [0.9]]),
    "b2": np.array([-0.4]),
}
X_MULTI = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-1.0, 1.0, 1.0]])
T_MULTI = np.array([[0.2, 0.9], [1.0, 0.0], [0.5, 0.3]])
P_MULTI = {  # (3, 4, 2)
    "U": np.array([[0.3, -0.6, 0.9, 0.1], [-0.2, 0.4, 0.7, -1.1], [0.8, 0.05, -0.3, 0.6]]),
    "b1": np.array([-0.1, 0.2, 0.0, 0.15]),
    "W": np.array([[0.7, -0.5], [-1.2, 0.3], [0.4, 0.9], [0.25, -0.65]]),
    "b2": np.array([0.05, -0.3]),
}

DELTA_CASES = [
    ("delta_rule_step([0.5, -0.3], 0.1, [1, 0], 1, 0.5)",
     {"args": [np.array([0.5, -0.3]), 0.1, np.array([1.0, 0.0]), 1.0, 0.5]}),
    ("delta_rule_step([0.2, 0.4, -0.6], -0.2, [1, -2, 0.5], 0, 1.0)",
     {"args": [np.array([0.2, 0.4, -0.6]), -0.2, np.array([1.0, -2.0, 0.5]), 0.0, 1.0]}),
    ("delta_rule_step([1.5, -2.5], 0.75, [0.3, 0.6], 0.25, 0.1)",
     {"args": [np.array([1.5, -2.5]), 0.75, np.array([0.3, 0.6]), 0.25, 0.1]}),
]

INIT_CALLS = [(2, 3, 1, 0), (2, 3, 1, 0), (2, 3, 1, 1), (4, 5, 2, 7)]

# Public train_xor runs, inside the measured ranges of backprop_training (lr 1 for 200 epochs,
# lr 4 for 100): the lecture's small net and a wide one.
XOR_RUNS = [{"hidden": 3, "lr": 1.0, "epochs": 200, "seed": 0},
            {"hidden": 8, "lr": 4.0, "epochs": 100, "seed": 1}]


def _pair(actual, expected, what, names):
    if not isinstance(actual, (tuple, list)):
        return same(actual, tuple(expected), what)
    if len(actual) != len(expected):
        return fail("value.length", what=what, expected=len(expected), actual=len(actual))
    for i, (a, e, name) in enumerate(zip(actual, expected, names)):
        outcome = same(a, e, f"{what}[{i}] ({name})")
        if not outcome.ok:
            return outcome
    return PASS


def delta_one(got, want, label, case):
    return _pair(got, want, label, ("w_new", "b_new"))


# --- init_mlp -------------------------------------------------------------------------------------

def _init_one(params, shapes, what):
    if not isinstance(params, dict):
        return same(params, {}, what)  # → value.type / value.unsupported
    if set(params) != set(KEYS):
        return fail("value.keys", what=what, actual=sorted(params), expected=sorted(KEYS))
    for k in KEYS:
        a, label = params[k], f"{what}[{k!r}]"
        if type(a) is not np.ndarray:
            return fail("value.type", what=label, expected="numpy.ndarray",
                        actual=type(a).__name__)
        if a.shape != shapes[k]:
            return fail("value.shape", what=label, actual=a.shape, expected=shapes[k])
        if a.dtype != np.float64:
            return fail("value.dtype", what=label, actual=a.dtype, expected="float64")
        if not np.all(np.isfinite(a)):
            index = tuple(int(i) for i in np.argwhere(~np.isfinite(a))[0])
            return fail("value.not_finite", what=label, index=list(index), actual=a[index],
                        expected="a finite number")
    for k in ("U", "W"):
        if not np.any(params[k]):
            return fail("backprop.init_zero", what=f"{what}[{k!r}]")
    weights = np.concatenate([params["U"].ravel(), params["W"].ravel()])
    if np.all(weights == weights[0]):  # >= 2 weights always; random draws never all agree
        return fail("backprop.init_constant", what=what, value=float(weights[0]))
    return PASS


def _differs(p, q):
    return any(not np.array_equal(p[k], q[k]) for k in KEYS)


def _shapes(n_in, n_hidden, n_out):
    return {"U": (n_in, n_hidden), "b1": (n_hidden,), "W": (n_hidden, n_out), "b2": (n_out,)}


def init_compare(calls=None):
    """Four calls (a, b, c, s1), the same again, (a, b, c, s2), (b, c, a, s2): structure of each,
    then the same seed gives the same values and another seed other values. `calls` None: read
    the calls from the reference records (hidden)."""
    def compare(actual, expected):
        sent = calls if calls is not None else [tuple(e["after"]) for e in expected]
        if len(sent) != 4:
            return malformed("init_mlp", "calls")
        cases = [{"args": list(c)} for c in sent]
        labels = [f"init_mlp({a}, {b}, {c}, seed={s})" for a, b, c, s in sent]
        recs = records(actual, cases, labels[0])
        if isinstance(recs, Outcome):
            return recs
        for rec, label, call in zip(recs, labels, sent):
            if not rec.ok:
                return raised_outcome(rec, label)
            outcome = _init_one(rec.returned, _shapes(*call[:3]), label)
            if not outcome.ok:  # malformed dicts: the seed behaviour cannot be judged either
                return outcome
        got = [rec.returned for rec in recs]
        return all_of([PASS,
                       fail("backprop.init_not_deterministic", what=labels[0])
                       if _differs(got[0], got[1]) else PASS,
                       fail("backprop.init_ignores_seed", what=labels[0], other=labels[2])
                       if not _differs(got[0], got[2]) else PASS], 3)
    return compare


# The docstring fixes the draws: one generator np.random.default_rng(seed), U then W from
# rng.uniform(-1, 1, size), zero biases. Its spellings agree bit for bit (rng.uniform(-1, 1) is
# -1 + 2 * random(), the same double as 2 * random() - 1: measured difference 0 on every call of
# INIT_CALLS and the corpus' spellings); any other draw differs by orders of magnitude more.
DRAW_RTOL, DRAW_ATOL = 1e-12, 1e-15


def init_draws_one(got, want, label, case):
    """One call's params vs the reference's draws (structure first, with its own message)."""
    outcome = _init_one(got, _shapes(*case["args"][:3]), label)
    if not outcome.ok:
        return outcome
    for k in KEYS:
        close = np.isclose(got[k], want[k], rtol=DRAW_RTOL, atol=DRAW_ATOL)
        if not np.all(close):
            index = tuple(int(i) for i in np.argwhere(~close)[0])
            return fail("backprop.init_draws", what=f"{label}[{k!r}]", index=list(index),
                        actual=float(got[k][index]), expected=float(want[k][index]))
    return PASS


# --- forward / backward ---------------------------------------------------------------------------

def forward_one(got, want, label, case):
    """mlp_forward returns (Y, cache): Y judged, the cache is the student's business."""
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return fail("value.length", what=label, expected=2,
                    actual=len(got) if isinstance(got, (tuple, list)) else 1)
    return same_array(got[0], want[0], f"{label}[0] (Y)", inputs=case["args"][0])


def _backward_record(actual, X, T, params, what):
    """The backward probe's raw output → the mlp_backward Record, or the failure."""
    if not isinstance(actual, dict) or set(actual) != {"forward", "backward"}:
        return malformed(what, "backward record")
    forward_what = "mlp_forward(X, params) [cache → mlp_backward]"
    forward = record(actual["forward"], {"args": [X, params]}, forward_what)
    if isinstance(forward, Outcome):
        return forward
    if not forward.ok:
        return raised_outcome(forward, forward_what)
    if actual["backward"] is None:
        if isinstance(forward.returned, (tuple, list)) and len(forward.returned) == 2:
            return malformed(what, "backward record")
        return fail("value.length", what=forward_what, expected=2,
                    actual=len(forward.returned) if isinstance(forward.returned, (tuple, list))
                    else 1)
    rec = record(actual["backward"], {"args": [X, T, params, None]}, what)
    if isinstance(rec, Outcome):
        return rec
    return raised_outcome(rec, what) if not rec.ok else rec


def backward_values(X, T, params, what, reference=None):
    """compare for probe backprop.backward: the gradients vs the reference's (public: from the
    JSON; hidden: the reference run) or, with `reference="numerical"`, vs complex-step
    derivatives of the loss computed here (elementwise within FD_TOL of the largest entry)."""
    def compare(actual, expected):
        rec = _backward_record(actual, X, T, params, what)
        if isinstance(rec, Outcome):
            return rec
        grads = rec.returned
        if reference == "numerical":
            _, want = training.complex_step_gradient(params, X, T)
            label = " vs numerical gradient"
            scale = max(float(np.max(np.abs(want[k]))) for k in KEYS)
            rtol, atol = FD_TOL, FD_TOL * scale
        else:
            want = expected["backward"]["returned"]
            label, rtol, atol = "", 1e-10, 1e-12
        if not isinstance(grads, dict):
            return same(grads, want, what)  # → value.type / value.unsupported
        if set(grads) != set(KEYS):
            return fail("value.keys", what=what, actual=sorted(grads), expected=sorted(KEYS))
        for k in KEYS:
            outcome = same_array(grads[k], want[k], f"{what}[{k!r}]{label}", rtol=rtol,
                                 atol=atol)
            if not outcome.ok:
                return outcome
        return PASS
    return compare


def backward_no_mutation(X, T, params, what):
    def compare(actual, expected=None):
        rec = _backward_record(actual, X, T, params, what)
        if isinstance(rec, Outcome):
            return rec
        # the cache sent is what the student's own mlp_forward returned (mlp_backward was
        # handed a copy of it): the docstring keeps it unmodified too
        cache = record(actual["forward"], {"args": [X, params]}, what).returned[1]
        return no_mutation_deep(rec, {"args": [X, T, params, cache]},
                                ["X", "T", "params", "cache"], what)
    return compare


MESSAGES = {
    "perceptron.sigmoid_warning": PERCEPTRON_MESSAGES["perceptron.sigmoid_warning"],
    **training.MESSAGES,
    "backprop.init_zero": {
        "ko": "{what}: 모든 값이 0입니다. 가중치를 0으로 두면 은닉 노드들이 똑같이 학습되므로 "
              "난수로 초기화하세요.",
        "en": "{what}: all values are 0; all-zero weights make the hidden units learn the same "
              "thing, draw them at random"},
    "backprop.init_constant": {
        "ko": "{what}: U와 W의 모든 가중치가 {value}(으)로 같습니다. 같은 값으로 시작하면 은닉 노드들이 "
              "똑같이 학습되므로 rng에서 난수로 뽑으세요.",
        "en": "{what}: every weight of U and W is {value}; identical weights make the hidden units "
              "learn the same thing, draw them from rng"},
    "backprop.init_not_deterministic": {
        "ko": "{what}을(를) 두 번 호출했더니 값이 다릅니다. np.random.default_rng(seed)로 만든 "
              "난수 생성기를 사용하세요.",
        "en": "{what} called twice gives different values; draw from "
              "np.random.default_rng(seed)"},
    "backprop.init_draws": {
        "ko": "{what}{index}의 값이 {actual}인데 독스트링의 난수는 {expected}입니다. "
              "생성기 np.random.default_rng(seed) 하나로 U를 먼저, 그다음 W를 "
              "rng.uniform(-1, 1, size)로 뽑고 편향은 0으로 두세요.",
        "en": "{what}{index} is {actual}, the docstring's draw is {expected}; draw from one "
              "generator np.random.default_rng(seed), U first, then W, with rng.uniform(-1, 1, "
              "size), and set the biases to zero"},
    "backprop.init_ignores_seed": {
        "ko": "{what}와(과) {other}의 값이 같습니다. seed 인자로 난수 생성기를 만드세요.",
        "en": "{what} and {other} give the same values; build the generator from the seed "
              "argument"},
}

MUTATION = {  # function → (call as written, parameter names, case, values check)
    "sigmoid": ("sigmoid(x)", ["x"], {"args": [S]}, "sigmoid_values"),
    "sigmoid_derivative": ("sigmoid_derivative(x)", ["x"], {"args": [S]},
                           "sigmoid_derivative_values"),
    "delta_rule_step": ("delta_rule_step(w, b, x, t, lr)", ["w", "b", "x", "t", "lr"],
                        DELTA_CASES[1][1], "delta_rule_step_values"),
    "mlp_forward": ("mlp_forward(X, params)", ["X", "params"], {"args": [X_MULTI, P_MULTI]},
                    "mlp_forward_values"),
}


def _no_mutation(func):
    what, names, case, values_check = MUTATION[func]
    return Check(f"{func}_no_mutation", 1, "common.observe", what=what, needs=(func,),
                 args={"func": func, **case}, expected=None, function=func,
                 requires=(values_check,), compare=no_mutation_check(case, names, what))


BACKWARD_FIXED = "mlp_backward(X_xor, T_xor, params_a, cache)"
BACKWARD_MULTI = "mlp_backward(X_multi, T_multi, params_b, cache)"
BACKWARD_USES = ("mlp_forward",)  # "cache: from mlp_forward(X, params)"

CHECKS = [
    values("sigmoid_values", 3, "sigmoid", [("sigmoid(x)", {"args": [S]})], elementwise),
    Check("sigmoid_stable", 2, "common.observe_warnings", what="sigmoid(x)", needs=("sigmoid",),
          args={"func": "sigmoid", "args": [S_STABLE]}, function="sigmoid",
          requires=("sigmoid_values",),
          compare=sigmoid_stable({"args": [S_STABLE]}, "sigmoid(x)")),
    values("sigmoid_derivative_values", 4, "sigmoid_derivative",
           [("sigmoid_derivative(x)", {"args": [S]})], elementwise, uses=("sigmoid",)),
    values("delta_rule_step_values", 6, "delta_rule_step", DELTA_CASES, delta_one,
           what="delta_rule_step(w, b, x, t, lr)", uses=("sigmoid",)),
    Check("init_mlp_structure", 3, "common.observe_many",
          what="init_mlp(n_in, n_hidden, n_out, seed)", needs=("init_mlp",),
          args={"func": "init_mlp", "cases": [{"args": list(c)} for c in INIT_CALLS]},
          function="init_mlp", expected=None, compare=init_compare(INIT_CALLS)),
    values("init_mlp_draws", 2, "init_mlp",
           [(f"init_mlp({a}, {b}, {c}, seed={s})", {"args": [a, b, c, s]})
            for a, b, c, s in INIT_CALLS], init_draws_one,
           what="init_mlp(n_in, n_hidden, n_out, seed)"),
    values("mlp_forward_values", 8, "mlp_forward",
           [("mlp_forward(X_xor, params_a)", {"args": [X_XOR, P_FIXED]}),
            ("mlp_forward(X_multi, params_b)", {"args": [X_MULTI, P_MULTI]})], forward_one,
           what="mlp_forward(X, params)", uses=("sigmoid",)),
    Check("mlp_backward_values", 8, "backprop.backward", what="mlp_backward(X, T, params, cache)",
          needs=("mlp_forward", "mlp_backward"), function="mlp_backward", uses=BACKWARD_USES,
          args={"X": X_XOR, "T": T_XOR, "params": P_FIXED},
          compare=backward_values(X_XOR, T_XOR, P_FIXED, BACKWARD_FIXED)),
    Check("mlp_backward_numerical", 7, "backprop.backward",
          what="mlp_backward(X, T, params, cache)", needs=("mlp_forward", "mlp_backward"),
          function="mlp_backward", uses=BACKWARD_USES, expected=None,
          args={"X": X_MULTI, "T": T_MULTI, "params": P_MULTI},
          compare=backward_values(X_MULTI, T_MULTI, P_MULTI, BACKWARD_MULTI, "numerical")),
    Check("train_xor_trajectory", 15, "common.observe_each", what="train_xor(...)",
          needs=("train_xor", "init_mlp"), function="train_xor",
          uses=("init_mlp", "mlp_forward", "mlp_backward"), expected=None, timeout=60.0,
          args={"calls": [c for run in XOR_RUNS for c in training.trajectory_calls(run)]},
          compare=training.trajectory_compare(XOR_RUNS)),
    *(_no_mutation(f) for f in MUTATION),
    Check("mlp_backward_no_mutation", 1, "backprop.backward", what=BACKWARD_MULTI,
          needs=("mlp_forward", "mlp_backward"), function="mlp_backward", expected=None,
          args={"X": X_MULTI, "T": T_MULTI, "params": P_MULTI},
          requires=("mlp_backward_values",),
          compare=backward_no_mutation(X_MULTI, T_MULTI, P_MULTI, BACKWARD_MULTI)),
]
