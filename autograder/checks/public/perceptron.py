"""01_perceptron public checks: fixed inputs students can see; expected values in JSON.

Inputs are bipolar (-1 false, +1 true) as in the lecture (3.2-3.5). Training checks use learning
rates whose products with the data are exact in float64 (0.01 on the gates: every sum there is
one of 0, +-0.01, +-0.02, +-0.03 reached the same way in any summation order, checked; powers of
two elsewhere), so loops and vectorized code meet the same step(0) decisions as the reference.

Parent decides (docs/SECURITY.md): every probe is a raw observation (`probes.common.observe*`);
truth tables, classifications, exceptions and mutation are judged here. One check grades one
function (`function`); property checks (no mutation, the ValueError, stability, XOR) pay only
next to correct values of the same function (`requires`).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.observed import (judge_calls, malformed, no_mutation_check, raised_outcome,
                                        record)
from autograder.compare import PASS, Outcome, all_of, fail, same, same_array, same_number

X_GATE = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], dtype=np.float64)
T_GATE = {
    "AND": np.array([-1, -1, -1, 1], dtype=np.float64),
    "OR": np.array([-1, 1, 1, 1], dtype=np.float64),
    "NAND": np.array([1, 1, 1, -1], dtype=np.float64),
    "XOR": np.array([-1, 1, 1, -1], dtype=np.float64),
}
# 3-input AND (all 8 bipolar inputs): 4 epochs, more than the 2-input gates need.
X_AND3 = np.array([[a, b, c] for a in (-1, 1) for b in (-1, 1) for c in (-1, 1)],
                  dtype=np.float64)
T_AND3 = np.where(X_AND3.min(axis=1) > 0, 1.0, -1.0)

S_STEP = np.array([-3.0, -1.5, 0.0, -0.0, 1e-12, -1e-300, 2.0, 1000.0, -1000.0])
S_SIGMOID = np.array([-1000.0, -50.0, -3.0, -1e-9, 0.0, 0.5, 3.0, 50.0, 1000.0])
S_STABLE = np.array([-1000.0, -710.0, 710.0, 1000.0])
X_POLY = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1], [2.0, -3.0], [0.5, 0.25], [-1.5, 4.0]],
                  dtype=np.float64)
# poly_features(X_gate) as the docstring defines it (x1^2, x1, x1 x2, x2^2), computed here so
# that the XOR-with-features check grades train_perceptron alone (one check, one function).
PHI_GATE = np.stack([X_GATE[:, 0] ** 2, X_GATE[:, 0], X_GATE[:, 0] * X_GATE[:, 1],
                     X_GATE[:, 1] ** 2], axis=1)

FIELDS = ("w", "b", "converged", "epochs")


def _scalar_or_array(actual, expected, what):
    """Expected one number (one sample): accept a scalar or a 0-d array and compare as a number.

    A one-element array (e.g. from a `b` kept as shape (1,)) is accepted as that number too;
    batches in these checks always have m >= 3, so shape (1,) is never a batch here.
    """
    expected = np.asarray(expected)
    if expected.shape in ((), (1,)):
        if type(actual) is np.ndarray and actual.shape not in ((), (1,)):
            return fail("value.shape", what=what, actual=actual.shape, expected=())
        if type(actual) is np.ndarray:
            actual = actual.reshape(())
        return same_number(actual, float(expected.reshape(())), what)
    return same_array(actual, expected, what)


def train_result(actual, expected, what):
    """(w, b, converged, epochs) field by field, naming the field in the message."""
    if not isinstance(actual, (tuple, list)):
        return same(actual, tuple(expected), what)  # → value.type / value.unsupported
    if len(actual) != 4:
        return fail("value.length", what=what, expected=4, actual=len(actual))
    for i, (a, e, field) in enumerate(zip(actual, expected, FIELDS)):
        outcome = same(a, e, f"{what}[{i}] ({field})")
        if not outcome.ok:
            return outcome
    return PASS


def elementwise(got, want, label, case):
    """compare_one for an elementwise function: the message shows x at the first wrong element."""
    return same_array(got, want, label, inputs=case["args"][0])


def sigmoid_stable(case, what):
    """compare for probes.common.observe_warnings on S_STABLE: right values and no warning.

    The warnings are the one child-reported observation of 01/02 (only the child sees them): a
    rewritten child can hide them, which costs at most this check's points (docs/SECURITY.md)."""
    def compare(actual, expected):
        if (not isinstance(actual, dict) or set(actual) != {"call", "warnings"}
                or not isinstance(actual["warnings"], list)
                or not all(isinstance(w, str) for w in actual["warnings"])):
            return malformed(what, "warnings record")
        rec = record(actual["call"], case, what)
        if isinstance(rec, Outcome):
            return rec
        if not rec.ok:
            return raised_outcome(rec, what)
        values = same_array(rec.returned, expected["call"]["returned"], what,
                            inputs=case["args"][0])
        if not values.ok:
            return values
        if actual["warnings"]:
            return fail("perceptron.sigmoid_warning", what=what, s="[-1000, -710, 710, 1000]",
                        count=len(actual["warnings"]), first=actual["warnings"][0])
        return PASS
    return compare


def expects_error(case, what, error="ValueError"):
    """compare for one `observe` record of a call that must raise `error` (judged here from the
    exception's class hierarchy, so a subclass counts)."""
    def compare(actual, expected=None):
        rec = record(actual, case, what)
        if isinstance(rec, Outcome):
            return rec
        if rec.ok:
            return fail("value.expected_error_none", what=what, expected=error)
        if error not in rec.raised["types"]:
            return fail("value.expected_error_other", what=what, expected=error,
                        actual=rec.raised["types"][0])
        return PASS
    return compare


# --- perceptron -----------------------------------------------------------------------------------

PERCEPTRON_CASES = [
    ("perceptron(X_gate, [1, 1], -1)", {"args": [X_GATE, np.array([1.0, 1.0]), -1.0]}),
    ("perceptron(X_gate, [1, 1], 0)", {"args": [X_GATE, np.array([1.0, 1.0]), 0.0]}),
    ("perceptron(X_gate, [0.5, -1.5], 0.25, activation='sigmoid')",
     {"args": [X_GATE, np.array([0.5, -1.5]), 0.25], "kwargs": {"activation": "sigmoid"}}),
    ("perceptron([1, -1], [2, 1], -0.5)", {"args": [np.array([1.0, -1.0]), np.array([2.0, 1.0]),
                                                    -0.5]}),
    ("perceptron([1, -1], [2, 1], -0.5, activation='sigmoid')",
     {"args": [np.array([1.0, -1.0]), np.array([2.0, 1.0]), -0.5],
      "kwargs": {"activation": "sigmoid"}}),
]
BAD_ACTIVATION_WHAT = "perceptron(X_gate, [1, 1], -1, activation='relu')"
BAD_ACTIVATION = {"args": [X_GATE, np.array([1.0, 1.0]), -1.0], "kwargs": {"activation": "relu"}}


def perceptron_one(got, want, label, case):
    return _scalar_or_array(got, want, label)


# --- gate weights ---------------------------------------------------------------------------------
UNKNOWN_GATE_WHAT = "gate_weights('XOR')"  # no single perceptron computes XOR (lecture 3.4)
UNKNOWN_GATE = {"args": ["XOR"]}

GATES = ("AND", "OR", "NAND")


def _weights_problem(w, b, n, label):
    """The failure for a returned w that is no numeric array of shape (n,) or a b that is no
    number (or size-1 array), else None: the parent then computes with them itself."""
    if type(w) is not np.ndarray or w.shape != (n,) or w.dtype.kind not in "biuf":
        return same_array(w, np.zeros(n), f"{label}[0] (w)")  # type / shape / dtype message
    if type(b) is np.ndarray and b.size == 1 and b.dtype.kind in "biuf":
        return None
    if isinstance(b, (bool, np.bool_)) or not isinstance(b, (int, float, np.integer, np.floating)):
        return same_number(b, 0.0, f"{label}[1] (b)")  # → value.type
    return None


def _bias(b):
    return float(np.asarray(b, dtype=np.float64).reshape(()))


def gate_truth_table(returned, _expected, label, case):
    """The returned (w, b) → the truth table sign(X_gate w + b), computed here (not with the
    student's step/perceptron, so a bug there does not cost these points)."""
    name = case["args"][0]
    if not isinstance(returned, (tuple, list)):
        return same(returned, (np.zeros(2), 0.0), label)  # → value.type / value.unsupported
    if len(returned) != 2:
        return fail("value.length", what=label, expected=2, actual=len(returned))
    w, b = returned
    problem = _weights_problem(w, b, 2, label)
    if problem is not None:
        return problem
    b = _bias(b)
    w = w.astype(np.float64)
    with np.errstate(all="ignore"):
        out = np.sign(X_GATE @ w + float(b))
    wrong = np.flatnonzero(out != T_GATE[name])
    if wrong.size:
        row = int(wrong[0])
        return fail("perceptron.gate_wrong", gate=name, x=X_GATE[row].tolist(),
                    expected=float(T_GATE[name][row]), actual=float(out[row]),
                    w=w.tolist(), b=float(b))
    return PASS


# --- training -------------------------------------------------------------------------------------

TRAIN_CASES = [
    ("train_perceptron(X_gate, t_AND)", {"args": [X_GATE, T_GATE["AND"]]}),
    ("train_perceptron(X_gate, t_OR)", {"args": [X_GATE, T_GATE["OR"]]}),
    ("train_perceptron(X_gate, t_NAND)", {"args": [X_GATE, T_GATE["NAND"]]}),
    ("train_perceptron(X_and3, t_and3, lr=0.25)",
     {"args": [X_AND3, T_AND3], "kwargs": {"lr": 0.25}}),
]
XOR_CASES = [
    ("train_perceptron(X_gate, t_XOR, max_epochs=25)",
     {"args": [X_GATE, T_GATE["XOR"]], "kwargs": {"max_epochs": 25}}),
    ("train_perceptron(X_gate, t_XOR, lr=0.5, max_epochs=7)",
     {"args": [X_GATE, T_GATE["XOR"]], "kwargs": {"lr": 0.5, "max_epochs": 7}}),
]
XOR_POLY_WHAT = "train_perceptron(poly_features(X_gate), t_XOR, lr=0.25)"
XOR_POLY_CASE = {"args": [PHI_GATE, T_GATE["XOR"]], "kwargs": {"lr": 0.25}}


def train_one(got, want, label, case):
    return train_result(got, want, label)


def xor_poly(returned, expected, label, case):
    """converged and epochs as the reference; the returned (w, b) classify XOR (here)."""
    if not isinstance(returned, (tuple, list)) or len(returned) != 4:
        return train_result(returned, expected, label)  # type / length message
    w, b, converged, epochs = returned
    problem = _weights_problem(w, b, 4, label)
    if problem is not None:
        return problem
    b = _bias(b)
    with np.errstate(all="ignore"):
        pred = np.sign(PHI_GATE @ w.astype(np.float64) + b)
    return all_of([same(converged, expected[2], f"{label}[2] (converged)"),
                   same(epochs, expected[3], f"{label}[3] (epochs)"),
                   same_array(pred, T_GATE["XOR"],
                              f"step(poly_features(X_gate) @ w + b) for {label}",
                              inputs=X_GATE)], 3)


# --- mutation -------------------------------------------------------------------------------------

MUTATION_CASES = {  # function → (call as written, parameter names, case)
    "step": ("step(s)", ["s"], {"args": [S_STEP]}),
    "sigmoid": ("sigmoid(s)", ["s"], {"args": [S_SIGMOID]}),
    "perceptron": ("perceptron(X, w, b)", ["X", "w", "b"],
                   {"args": [X_GATE, np.array([1.0, 1.0]), -1.0]}),
    "train_perceptron": ("train_perceptron(X, t)", ["X", "t"],
                         {"args": [X_GATE, T_GATE["AND"]]}),
    "poly_features": ("poly_features(X)", ["X"], {"args": [X_POLY]}),
}
VALUES_CHECK = {"step": "step_values", "sigmoid": "sigmoid_values",
                "perceptron": "perceptron_values", "train_perceptron": "train_perceptron_gates",
                "poly_features": "poly_features_values"}


def no_mutation(func, values_check, cases, points=1):
    """`<func>_no_mutation`: the call returns and leaves its inputs as sent; pays only when the
    function's values check passed (a do-nothing function mutates nothing)."""
    what, names, case = cases[func]
    return Check(f"{func}_no_mutation", points, "common.observe", what=what, needs=(func,),
                 args={"func": func, **case}, expected=None, function=func,
                 requires=(values_check,), compare=no_mutation_check(case, names, what))


def values(name, points, func, cases, compare_one, **options):
    """A values check of `func` on fixed cases (observe_many), one sub-score per case."""
    labels = [label for label, _ in cases]
    sent = [case for _, case in cases]
    return Check(name, points, "common.observe_many", what=options.pop("what", labels[0]),
                 needs=(func,), args={"func": func, "cases": sent}, function=func,
                 compare=judge_calls(labels, compare_one, sent), **options)


MESSAGES = {
    "perceptron.sigmoid_warning": {
        "ko": "{what}: 입력 {s}에서 경고가 {count}번 발생했습니다 ({first}). exp()가 넘치지 "
              "않도록 z = exp(-|s|)를 쓰고 부호에 따라 나누어 계산하세요.",
        "en": "{what}: {count} warning(s) for inputs {s} ({first}); avoid exp() overflow by "
              "using z = exp(-|s|) and splitting on the sign"},
    "perceptron.gate_wrong": {
        "ko": "gate_weights({gate!r}) = (w={w}, b={b})의 진리표가 틀립니다: 입력 x = {x}에서 "
              "step(x·w + b) = {actual}, 기대값 {expected}",
        "en": "gate_weights({gate!r}) = (w={w}, b={b}) gives the wrong truth table: for input "
              "x = {x}, step(x·w + b) = {actual}, expected {expected}"},
}

CHECKS = [
    values("step_values", 5, "step", [("step(s)", {"args": [S_STEP]})], elementwise),
    values("sigmoid_values", 4, "sigmoid", [("sigmoid(s)", {"args": [S_SIGMOID]})], elementwise),
    Check("sigmoid_stable", 4, "common.observe_warnings", what="sigmoid(s)", needs=("sigmoid",),
          args={"func": "sigmoid", "args": [S_STABLE]}, function="sigmoid",
          requires=("sigmoid_values",),
          compare=sigmoid_stable({"args": [S_STABLE]}, "sigmoid(s)")),
    values("perceptron_values", 6, "perceptron", PERCEPTRON_CASES, perceptron_one,
           what="perceptron(X, w, b, activation)", uses=("step", "sigmoid")),
    Check("perceptron_bad_activation", 3, "common.observe", what=BAD_ACTIVATION_WHAT,
          needs=("perceptron",), args={"func": "perceptron", **BAD_ACTIVATION}, expected=None,
          function="perceptron", requires=("perceptron_values",),
          compare=expects_error(BAD_ACTIVATION, BAD_ACTIVATION_WHAT)),
    values("gate_weights_truth_table", 6, "gate_weights",  # + 2 unknown name: gate_weights 8
           [(f"gate_weights({g!r})", {"args": [g]}) for g in GATES], gate_truth_table,
           what="gate_weights(name)", expected=None),
    # the docstring: "unknown names raise ValueError" (a dict's .get returning None does not)
    Check("gate_weights_unknown_name", 2, "common.observe", what=UNKNOWN_GATE_WHAT,
          needs=("gate_weights",), args={"func": "gate_weights", **UNKNOWN_GATE},
          expected=None, function="gate_weights", requires=("gate_weights_truth_table",),
          compare=expects_error(UNKNOWN_GATE, UNKNOWN_GATE_WHAT)),
    values("train_perceptron_gates", 12, "train_perceptron", TRAIN_CASES, train_one,
           what="train_perceptron(X, t)", uses=("step",)),
    # not converging on XOR is a property: it pays only next to a working learning rule (the
    # reference's XOR result with max_epochs=25 is w = 0, b = 0: what a do-nothing returns)
    values("train_perceptron_xor", 5, "train_perceptron", XOR_CASES, train_one,
           what="train_perceptron(X_gate, t_XOR)", uses=("step",),
           requires=("train_perceptron_gates",)),
    values("train_perceptron_xor_poly", 6, "train_perceptron", [(XOR_POLY_WHAT, XOR_POLY_CASE)],
           xor_poly, what=XOR_POLY_WHAT, uses=("step",)),
    values("poly_features_values", 4, "poly_features", [("poly_features(X)", {"args": [X_POLY]})],
           lambda got, want, label, case: same_array(got, want, label, inputs=X_POLY)),
    *(no_mutation(f, VALUES_CHECK[f], MUTATION_CASES) for f in MUTATION_CASES),
]
