"""01_perceptron public checks: fixed inputs students can see; expected values in JSON.

Inputs are bipolar (-1 false, +1 true) as in the lecture (3.2-3.5). Training checks use learning
rates whose products with the data are exact in float64 (0.01 on the gates: every sum there is
one of 0, +-0.01, +-0.02, +-0.03 reached the same way in any summation order, checked; powers of
two elsewhere), so loops and vectorized code meet the same step(0) decisions as the reference.
"""
import numpy as np

from autograder.checks.base import Check
from autograder.compare import PASS, all_of, fail, same, same_array, same_number

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
X_POLY = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1], [2.0, -3.0], [0.5, 0.25], [-1.5, 4.0]],
                  dtype=np.float64)

FIELDS = ("w", "b", "converged", "epochs")


def _scalar_or_array(actual, expected, what):
    """Expected one number (one sample): accept a scalar or a 0-d array and compare as a number.

    A 0-d array crosses the sandbox codec as shape (1,) (np.ascontiguousarray makes it 1-d), so
    shape (1,) stands for () on both sides here; batches in these checks always have m >= 3.
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


def per_case(labels, compare_one):
    """Partial credit per case: compare_one(actual_i, expected_i, label_i)."""
    def compare(actual, expected):
        if not isinstance(actual, list) or len(actual) != len(labels):
            return fail("grader.error", type="probe returned no list of cases")
        return all_of((compare_one(a, e, label) for a, e, label in zip(actual, expected, labels)),
                      len(labels))
    return compare


def mutation_compare(labels, arg_names):
    """Value of probes.*.mutations: per case a list of changed positions or {"error": ...}."""
    def compare(actual, expected=None):
        outcomes = []
        for result, label, names in zip(actual, labels, arg_names):
            if isinstance(result, dict):
                outcomes.append(fail("call.error", what=label, type=result.get("type", ""),
                                     message=result.get("error", ""), where=""))
            elif result:
                first = str(result[0])
                pos, _, path = first.partition("[")
                arg = names[int(pos)] if pos.isdigit() and int(pos) < len(names) else pos
                outcomes.append(fail("value.input_mutated", what=label,
                                     arg=arg + ("[" + path if path else "")))
            else:
                outcomes.append(PASS)
        return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for
    return compare


# --- step / sigmoid -------------------------------------------------------------------------------

S_STABLE = np.array([-1000.0, -710.0, 710.0, 1000.0])


def sigmoid_stable(what):
    """Compare for probes *.sigmoid_warnings on S_STABLE: no warning, right values."""
    def compare(actual, expected):
        if not isinstance(actual, dict):
            return fail("grader.error", type="probe returned no dict")
        if actual["warnings"]:
            return fail("perceptron.sigmoid_warning", what=what, s="[-1000, -710, 710, 1000]",
                        count=len(actual["warnings"]), first=actual["warnings"][0])
        return same_array(actual["value"], expected["value"], what, inputs=S_STABLE)
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


def bad_activation(actual, expected=None):
    what = "perceptron(X_gate, [1, 1], -1, activation='relu')"
    if actual is None:
        return fail("value.expected_error", what=what, expected="ValueError",
                    actual="no exception was raised")
    if "ValueError" not in actual:
        return fail("value.expected_error", what=what, expected="ValueError",
                    actual=f"{actual[0]} was raised")
    return PASS


# --- gate weights ---------------------------------------------------------------------------------

def gate_truth_tables(actual, expected=None):
    outcomes = []
    for name in ("AND", "OR", "NAND"):
        got = actual[name]
        what = f"step(X_gate @ w + b) with (w, b) = gate_weights({name!r})"
        outcome = same_array(got["out"], T_GATE[name], what)
        if not outcome.ok and outcome.key == "value.mismatch":
            row = int(outcome.fields["index"].strip("[]").split(",")[0])
            outcome = fail("perceptron.gate_wrong", gate=name, x=X_GATE[row].tolist(),
                           expected=float(T_GATE[name][row]), actual=float(got["out"][row]),
                           w=got["w"].tolist(), b=got["b"])
        outcomes.append(outcome)
    return all_of(outcomes, len(outcomes))  # TODO(protocol): the count the check asked for


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


def xor_poly(actual, expected):
    what = "train_perceptron(poly_features(X_gate), t_XOR, lr=0.25)"
    return all_of([
        same(actual["converged"], expected["converged"], f"{what}[2] (converged)"),
        same(actual["epochs"], expected["epochs"], f"{what}[3] (epochs)"),
        same_array(actual["pred"], T_GATE["XOR"],
                   f"step(poly_features(X_gate) @ w + b) for {what}"),
    ], 3)


# --- mutation -------------------------------------------------------------------------------------

MUTATION_CASES = [
    ("step(s)", ["s"], {"func": "step", "args": [S_STEP]}),
    ("sigmoid(s)", ["s"], {"func": "sigmoid", "args": [S_SIGMOID]}),
    ("perceptron(X, w, b)", ["X", "w", "b"],
     {"func": "perceptron", "args": [X_GATE, np.array([1.0, 1.0]), -1.0]}),
    ("train_perceptron(X, t)", ["X", "t"], {"func": "train_perceptron",
                                            "args": [X_GATE, T_GATE["AND"]]}),
    ("poly_features(X)", ["X"], {"func": "poly_features", "args": [X_POLY]}),
]

MESSAGES = {
    "perceptron.sigmoid_warning": {
        "ko": "{what}: 입력 {s}에서 경고가 {count}번 발생했습니다 ({first}). exp()가 넘치지 "
              "않도록 e = exp(-|s|)를 쓰고 부호에 따라 나누어 계산하세요.",
        "en": "{what}: {count} warning(s) for inputs {s} ({first}); avoid exp() overflow by "
              "using e = exp(-|s|) and splitting on the sign"},
    "perceptron.gate_wrong": {
        "ko": "gate_weights({gate!r}) = (w={w}, b={b})의 진리표가 틀립니다: 입력 x = {x}에서 "
              "step(x·w + b) = {actual}, 기대값 {expected}",
        "en": "gate_weights({gate!r}) = (w={w}, b={b}) gives the wrong truth table: for input "
              "x = {x}, step(x·w + b) = {actual}, expected {expected}"},
}

CHECKS = [
    Check("step_values", 5, "common.call", what="step(s)", needs=("step",),
          args={"func": "step", "args": [S_STEP]},
          compare=lambda a, e: same_array(a, e, "step(s)", inputs=S_STEP)),
    Check("sigmoid_values", 4, "common.call", what="sigmoid(s)", needs=("sigmoid",),
          args={"func": "sigmoid", "args": [S_SIGMOID]},
          compare=lambda a, e: same_array(a, e, "sigmoid(s)", inputs=S_SIGMOID)),
    Check("sigmoid_stable", 4, "perceptron.sigmoid_warnings", what="sigmoid(s)",
          needs=("sigmoid",), args={"s": S_STABLE}, compare=sigmoid_stable("sigmoid(s)")),
    Check("perceptron_values", 6, "common.call_many", what="perceptron(X, w, b, activation)",
          needs=("perceptron",),
          args={"func": "perceptron", "cases": [c for _, c in PERCEPTRON_CASES]},
          compare=per_case([w for w, _ in PERCEPTRON_CASES], _scalar_or_array)),
    Check("perceptron_bad_activation", 3, "common.raises",
          what="perceptron(X_gate, [1, 1], -1, activation='relu')", needs=("perceptron",),
          args={"func": "perceptron", "args": [X_GATE, np.array([1.0, 1.0]), -1.0],
                "kwargs": {"activation": "relu"}},
          expected=None, compare=bad_activation),
    Check("gate_weights_truth_table", 8, "perceptron.gate_outputs", what="gate_weights(name)",
          needs=("gate_weights",), args={"names": ["AND", "OR", "NAND"], "X": X_GATE},
          expected=None, compare=gate_truth_tables),
    Check("train_perceptron_gates", 12, "common.call_many", what="train_perceptron(X, t)",
          needs=("train_perceptron",),
          args={"func": "train_perceptron", "cases": [c for _, c in TRAIN_CASES]},
          compare=per_case([w for w, _ in TRAIN_CASES], train_result)),
    Check("train_perceptron_xor", 6, "common.call_many", what="train_perceptron(X_gate, t_XOR)",
          needs=("train_perceptron",),
          args={"func": "train_perceptron", "cases": [c for _, c in XOR_CASES]},
          compare=per_case([w for w, _ in XOR_CASES], train_result)),
    Check("train_perceptron_xor_poly", 6, "perceptron.xor_poly",
          what="train_perceptron(poly_features(X_gate), t_XOR, lr=0.25)",
          needs=("train_perceptron", "poly_features"),
          args={"X": X_GATE, "t": T_GATE["XOR"], "kwargs": {"lr": 0.25}},
          compare=xor_poly),
    Check("poly_features_values", 4, "common.call", what="poly_features(X)",
          needs=("poly_features",), args={"func": "poly_features", "args": [X_POLY]},
          compare=lambda a, e: same_array(a, e, "poly_features(X)")),
    Check("no_input_mutation", 4, "perceptron.mutations", what="input arrays",
          needs=("step", "sigmoid", "perceptron", "train_perceptron", "poly_features"),
          args={"cases": [c for _, _, c in MUTATION_CASES]}, expected=None,
          compare=mutation_compare([w for w, _, _ in MUTATION_CASES],
                                   [n for _, n, _ in MUTATION_CASES])),
]
