"""02_backprop public checks: fixed inputs students can see; expected values in JSON.

Lecture 3.6-3.7: the delta rule for one sigmoid neuron and error backpropagation in a
two-layer sigmoid MLP (H = phi(X U + b1), Y = phi(H W + b2), E = mean over samples of
1/2 sum_outputs (Y - T)^2).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.public.perceptron import MESSAGES as PERCEPTRON_MESSAGES
from autograder.checks.public.perceptron import (S_STABLE, mutation_compare, per_case,
                                                 sigmoid_stable)
from autograder.compare import PASS, all_of, fail, same, same_array

KEYS = ("U", "b1", "W", "b2")
X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
T_XOR = np.array([[0], [1], [1], [0]], dtype=np.float64)

S = np.array([-1000.0, -50.0, -3.0, -0.5, 0.0, 1e-8, 0.5, 3.0, 50.0, 1000.0])

# central differences with eps = 1e-6, scaled by the largest numerical gradient entry: over 3000
# random draws of the hidden check's distribution the reference differs from them by at most
# 4.8e-9 (relative to that scale), so 1e-6 leaves a margin > 200x; a missing factor (e.g. the
# 1/m average, phi') gives errors of order 1.
FD_TOL = 1e-6

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
MLP_CASES = [("X_xor, T_xor, params_a", X_XOR, T_XOR, P_FIXED),
             ("X_multi, T_multi, params_b", X_MULTI, T_MULTI, P_MULTI)]

DELTA_CASES = [
    ("delta_rule_step([0.5, -0.3], 0.1, [1, 0], 1, 0.5)",
     [np.array([0.5, -0.3]), 0.1, np.array([1.0, 0.0]), 1.0, 0.5]),
    ("delta_rule_step([0.2, 0.4, -0.6], -0.2, [1, -2, 0.5], 0, 1.0)",
     [np.array([0.2, 0.4, -0.6]), -0.2, np.array([1.0, -2.0, 0.5]), 0.0, 1.0]),
    ("delta_rule_step([1.5, -2.5], 0.75, [0.3, 0.6], 0.25, 0.1)",
     [np.array([1.5, -2.5]), 0.75, np.array([0.3, 0.6]), 0.25, 0.1]),
]

INIT_CALLS = [(2, 3, 1, 0), (2, 3, 1, 0), (2, 3, 1, 1), (4, 5, 2, 7)]

XOR_SOLVE = {"hidden": 8, "lr": 8.0, "epochs": 1000}
# With these settings the reference's init (U(-1, 1)) solved XOR for 2000/2000 seeds, and
# N(0, 1), N(0, 0.5), U(0, 1), Xavier, U(-2, 2) inits for 500/500 each (all four outputs at
# least 0.46 away from 0.5); only tiny inits such as N(0, 0.1) stall on the plateau.
XOR_LOSSES = {"hidden": 3, "lr": 1.0, "epochs": 200}


def _tuple2(actual, expected, what, names):
    if not isinstance(actual, (tuple, list)):
        return same(actual, tuple(expected), what)
    if len(actual) != len(expected):
        return fail("value.length", what=what, expected=len(expected), actual=len(actual))
    for i, (a, e, name) in enumerate(zip(actual, expected, names)):
        outcome = same(a, e, f"{what}[{i}] ({name})")
        if not outcome.ok:
            return outcome
    return PASS


def delta_compare(actual, expected, what):
    return _tuple2(actual, expected, what, ("w_new", "b_new"))


# --- init_mlp -------------------------------------------------------------------------------------

def _init_one(params, expected, what):
    if not isinstance(params, dict):
        return same(params, expected, what)  # → value.type / value.unsupported
    if set(params) != set(KEYS):
        return fail("value.keys", what=what, actual=sorted(params), expected=sorted(KEYS))
    for k in KEYS:
        a, e = params[k], expected[k]
        label = f"{what}[{k!r}]"
        if type(a) is not np.ndarray:
            return fail("value.type", what=label, expected="numpy.ndarray",
                        actual=type(a).__name__)
        if a.shape != e.shape:
            return fail("value.shape", what=label, actual=a.shape, expected=e.shape)
        if a.dtype != np.float64:
            return fail("value.dtype", what=label, actual=a.dtype, expected="float64")
        if not np.all(np.isfinite(a)):
            index = tuple(int(i) for i in np.argwhere(~np.isfinite(a))[0])
            return fail("value.not_finite", what=label, index=list(index), actual=a[index],
                        expected="a finite number")
    for k in ("U", "W"):
        if not np.any(params[k]):
            return fail("backprop.init_zero", what=f"{what}[{k!r}]")
    return PASS


def _differs(p, q):
    return any(not np.array_equal(p[k], q[k]) for k in KEYS)


def init_compare(calls):
    labels = [f"init_mlp({a}, {b}, {c}, seed={s})" for a, b, c, s in calls]

    def compare(actual, expected):
        if not isinstance(actual, list) or len(actual) != len(calls):
            return fail("grader.error", type="probe returned no list of calls")
        structure = [_init_one(a, e, label) for a, e, label in zip(actual, expected, labels)]
        broken = [o for o in structure if not o.ok]
        if broken:  # malformed dicts: the seed behaviour cannot be judged either
            return broken[0]
        same_seed, other_seed = labels[0], labels[2]
        outcomes = [PASS,
                    fail("backprop.init_not_deterministic", what=same_seed)
                    if _differs(actual[0], actual[1]) else PASS,
                    fail("backprop.init_ignores_seed", what=same_seed, other=other_seed)
                    if not _differs(actual[0], actual[2]) else PASS]
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


# --- forward / backward ---------------------------------------------------------------------------

def forward_compare(actual, expected, what):
    return same_array(actual, expected, what)



def backward_reference(actual, expected, what):
    if not isinstance(actual, dict):
        return fail("grader.error", type="probe returned no dict")
    return same(actual["grads"], expected["grads"], what)


def backward_numeric(actual, expected, what):
    """Student's gradients vs central differences computed by the probe in the grader process
    (expected["numeric"], from the run on the reference), elementwise within FD_TOL."""
    if not isinstance(actual, dict):
        return fail("grader.error", type="probe returned no dict")
    grads, numeric = actual["grads"], expected["numeric"]
    if not isinstance(grads, dict):
        return same(grads, numeric, what)  # → value.type / value.unsupported
    if set(grads) != set(numeric):
        return fail("value.keys", what=what, actual=sorted(grads), expected=sorted(numeric))
    scale = max(float(np.max(np.abs(numeric[k]))) for k in KEYS)
    for k in KEYS:
        outcome = same_array(grads[k], numeric[k], f"{what}[{k!r}] vs numerical gradient",
                             rtol=FD_TOL, atol=FD_TOL * scale)
        if not outcome.ok:
            return outcome
    return PASS


# --- train_xor ------------------------------------------------------------------------------------

def xor_solved(run, what):
    """All four outputs on the right side of 0.5 (forward pass computed by the probe)."""
    Y = run["Y"]
    if type(Y) is not np.ndarray or Y.shape != (4, 1):
        return fail("value.shape", what=f"{what}: output of the returned params",
                    actual=getattr(Y, "shape", None), expected=(4, 1))
    wrong = [i for i in range(4) if not (Y[i, 0] > 0.5) == (T_XOR[i, 0] > 0.5)]
    if wrong:
        i = wrong[0]
        return fail("backprop.xor_wrong", what=what, count=len(wrong), x=X_XOR[i].tolist(),
                    target=int(T_XOR[i, 0]), y=f"{Y[i, 0]:.4g}")
    return PASS


def xor_solves_compare(labels):
    def compare(actual, expected=None):
        return all_of((xor_solved(run, label) for run, label in zip(actual, labels)), len(labels))
    return compare


def losses_ok(run, epochs, what):
    losses = run["losses"]
    label = f"{what}[1] (losses)"
    if losses.shape != (epochs,):
        return fail("value.shape", what=label, actual=losses.shape, expected=(epochs,))
    if not np.all(np.isfinite(losses)):
        index = int(np.argwhere(~np.isfinite(losses))[0][0])
        return fail("value.not_finite", what=label, index=f"[{index}]", actual=losses[index],
                    expected="a finite loss")
    if not losses[-1] < losses[0]:
        return fail("backprop.loss_not_decreasing", what=label, first=f"{losses[0]:.6g}",
                    last=f"{losses[-1]:.6g}")
    return PASS


def losses_compare(actual, expected=None):
    what = "train_xor(hidden=3, lr=1.0, epochs=200, seed=0)"
    return losses_ok(actual[0], XOR_LOSSES["epochs"], what)


MESSAGES = {
    "perceptron.sigmoid_warning": PERCEPTRON_MESSAGES["perceptron.sigmoid_warning"],
    "backprop.init_zero": {
        "ko": "{what}: 모든 값이 0입니다. 가중치를 0으로 두면 은닉 노드들이 똑같이 학습되므로 "
              "난수로 초기화하세요.",
        "en": "{what}: all values are 0; all-zero weights make the hidden units learn the same "
              "thing, draw them at random"},
    "backprop.init_not_deterministic": {
        "ko": "{what}을(를) 두 번 호출했더니 값이 다릅니다. np.random.default_rng(seed)로 만든 "
              "난수 생성기를 사용하세요.",
        "en": "{what} called twice gives different values; draw from "
              "np.random.default_rng(seed)"},
    "backprop.init_ignores_seed": {
        "ko": "{what}와(과) {other}의 값이 같습니다. seed 인자로 난수 생성기를 만드세요.",
        "en": "{what} and {other} give the same values; build the generator from the seed "
              "argument"},
    "backprop.xor_wrong": {
        "ko": "{what}: 학습된 파라미터로 XOR 4개 중 {count}개를 틀립니다. 예: 입력 {x} (목표 "
              "{target})의 출력이 {y}입니다 (0.5의 올바른 쪽이어야 함).",
        "en": "{what}: the trained params get {count} of the 4 XOR inputs wrong; e.g. input {x} "
              "(target {target}) gives {y}, which is on the wrong side of 0.5"},
    "backprop.loss_not_decreasing": {
        "ko": "{what}: 마지막 손실 {last}이(가) 처음 손실 {first}보다 작지 않습니다. 갱신 방향 "
              "(p ← p - lr·dp)과 손실 기록 위치를 확인하세요.",
        "en": "{what}: the final loss {last} is not below the initial loss {first}; check the "
              "update direction (p <- p - lr * dp) and where the loss is recorded"},
}

MUTATION_CASES = [
    ("sigmoid(x)", ["x"], {"func": "sigmoid", "args": [S]}),
    ("sigmoid_derivative(x)", ["x"], {"func": "sigmoid_derivative", "args": [S]}),
    ("delta_rule_step(w, b, x, t, lr)", ["w", "b", "x", "t", "lr"],
     {"func": "delta_rule_step", "args": DELTA_CASES[1][1]}),
    ("mlp_forward(X, params)", ["X", "params"],
     {"func": "mlp_forward", "args": [X_MULTI, P_MULTI]}),
    ("mlp_backward(X, T, params, cache)", ["X", "T", "params"],
     {"func": "mlp_backward", "args": [X_MULTI, T_MULTI, P_MULTI], "cache": True}),
]

CHECKS = [
    Check("sigmoid_values", 3, "common.call", what="sigmoid(x)", needs=("sigmoid",),
          args={"func": "sigmoid", "args": [S]},
          compare=lambda a, e: same_array(a, e, "sigmoid(x)", inputs=S)),
    Check("sigmoid_stable", 2, "backprop.sigmoid_warnings", what="sigmoid(x)",
          needs=("sigmoid",), args={"s": S_STABLE}, compare=sigmoid_stable("sigmoid(x)")),
    Check("sigmoid_derivative_values", 4, "common.call", what="sigmoid_derivative(x)",
          needs=("sigmoid_derivative",), args={"func": "sigmoid_derivative", "args": [S]},
          compare=lambda a, e: same_array(a, e, "sigmoid_derivative(x)", inputs=S)),
    Check("delta_rule_step_values", 7, "common.call_many", what="delta_rule_step(w, b, x, t, lr)",
          needs=("delta_rule_step",),
          args={"func": "delta_rule_step", "cases": [{"args": a} for _, a in DELTA_CASES]},
          compare=per_case([w for w, _ in DELTA_CASES], delta_compare)),
    Check("init_mlp_structure", 5, "backprop.init_calls",
          what="init_mlp(n_in, n_hidden, n_out, seed)", needs=("init_mlp",), args={"calls": INIT_CALLS}, compare=init_compare(INIT_CALLS)),
    Check("mlp_forward_values", 8, "backprop.forward", what="mlp_forward(X, params)",
          needs=("mlp_forward",),
          args={"cases": [{"X": x, "params": p} for _, x, _, p in MLP_CASES]},
          compare=per_case(["mlp_forward(X_xor, params_a)[0] (Y)",
                            "mlp_forward(X_multi, params_b)[0] (Y)"], forward_compare)),
    Check("mlp_backward_values", 9, "backprop.backward",
          what="mlp_backward(X, T, params, cache)", needs=("mlp_forward", "mlp_backward"),
          args={"X": X_XOR, "T": T_XOR, "params": P_FIXED},
          compare=lambda a, e: backward_reference(
              a, e, "mlp_backward(X_xor, T_xor, params_a, cache)")),
    Check("mlp_backward_numerical", 7, "backprop.backward",
          what="mlp_backward(X, T, params, cache)", needs=("mlp_forward", "mlp_backward"),
          args={"X": X_MULTI, "T": T_MULTI, "params": P_MULTI},
          compare=lambda a, e: backward_numeric(
              a, e, "mlp_backward(X_multi, T_multi, params_b, cache)")),
    Check("train_xor_solves", 10, "backprop.xor_runs", what="train_xor(...)",
          needs=("train_xor",), args={"seeds": [0, 1, 2], "kwargs": XOR_SOLVE},
          expected=None, timeout=60.0,
          compare=xor_solves_compare([f"train_xor(hidden=8, lr=8.0, epochs=1000, seed={s})"
                                      for s in (0, 1, 2)])),
    Check("train_xor_losses", 5, "backprop.xor_runs",
          what="train_xor(hidden=3, lr=1.0, epochs=200)", needs=("train_xor",), args={"seeds": [0], "kwargs": XOR_LOSSES}, expected=None,
          compare=losses_compare),
    Check("no_input_mutation", 3, "backprop.mutations", what="input arrays",
          needs=("sigmoid", "sigmoid_derivative", "delta_rule_step", "mlp_forward",
                 "mlp_backward"),
          args={"cases": [c for _, _, c in MUTATION_CASES]}, expected=None,
          compare=mutation_compare([w for w, _, _ in MUTATION_CASES],
                                   [n for _, n, _ in MUTATION_CASES])),
]
