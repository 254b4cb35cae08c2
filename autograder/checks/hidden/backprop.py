"""02_backprop hidden checks: sizes, values, learning rates and seeds drawn from ctx.rng.

Expected values: the same raw probes run on the reference in the parent; the inputs and
settings a check needs are read back from those trusted records. train_xor is replayed from
the student's own init_mlp with the REFERENCE's forward and backward passes (imported here, in
the instructor-side grader only) at a seed, hidden size, lr and epochs drawn at grading time,
inside the ranges where the trajectory tolerance was measured (backprop_training.py).
"""
from solutions import backprop as reference

from autograder.checks.base import Check
from autograder.checks.observed import judge_calls
from autograder.checks.public import backprop_training as training
from autograder.checks.public.backprop import (backward_values, delta_one, elementwise,
                                               forward_one, init_compare)
from autograder.compare import all_of


def _one(func, value):
    return {"func": func, "cases": [{"args": [value]}]}


def _x(rng):
    shape = (int(rng.integers(2, 6)), int(rng.integers(2, 6)))
    x = rng.normal(0.0, 4.0, size=shape)
    spots = rng.choice(x.size, size=3, replace=False)
    x.flat[spots[0]] = 0.0
    x.flat[spots[1:]] = rng.uniform(20.0, 800.0, size=2) * rng.choice([-1.0, 1.0], size=2)
    return x


def sigmoid_args(ctx):
    return _one("sigmoid", _x(ctx.rng))


def sigmoid_derivative_args(ctx):
    return _one("sigmoid_derivative", _x(ctx.rng))


def delta_args(ctx):
    rng = ctx.rng
    cases = []
    for _ in range(2):
        n = int(rng.integers(2, 7))
        cases.append({"args": [rng.normal(0.0, 1.0, n), float(rng.normal()),
                               rng.normal(0.0, 1.0, n), float(rng.uniform(0.0, 1.0)),
                               float(rng.uniform(0.05, 2.0))]})
    return {"func": "delta_rule_step", "cases": cases}


def _short(value):
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list):
        return "[" + ", ".join(f"{v:.4g}" for v in value) + "]"
    return f"{value:.4g}"


def delta_labels(cases):
    """The call with its drawn values, so the message shows the input of the wrong result."""
    return ["delta_rule_step(" + ", ".join(_short(a) for a in case["args"]) + ")"
            for case in cases]


def _sizes(rng):
    return int(rng.integers(1, 6)), int(rng.integers(1, 7)), int(rng.integers(1, 4))


def init_args(ctx):
    rng = ctx.rng
    n_in, n_hidden, n_out = _sizes(rng)
    s1, s2 = (int(s) for s in rng.choice(10**6, size=2, replace=False))
    calls = [(n_in, n_hidden, n_out, s1), (n_in, n_hidden, n_out, s1),
             (n_in, n_hidden, n_out, s2), (n_hidden, n_out, n_in, s2)]
    return {"func": "init_mlp", "cases": [{"args": list(c)} for c in calls]}


def _mlp(rng):
    n_in, n_hidden, n_out = _sizes(rng)
    m = int(rng.integers(2, 9))
    params = {"U": rng.normal(0.0, 1.0, (n_in, n_hidden)), "b1": rng.normal(0.0, 0.5, n_hidden),
              "W": rng.normal(0.0, 1.0, (n_hidden, n_out)), "b2": rng.normal(0.0, 0.5, n_out)}
    return rng.normal(0.0, 1.0, (m, n_in)), rng.uniform(0.0, 1.0, (m, n_out)), params


def forward_args(ctx):
    X, _, params = _mlp(ctx.rng)
    return {"func": "mlp_forward", "cases": [{"args": [X, params]}]}


def backward_args(ctx):
    X, T, params = _mlp(ctx.rng)
    return {"X": X, "T": T, "params": params}


BACKWARD_WHAT = "mlp_backward(X, T, params, cache) on a random MLP"


def backward_compare(actual, expected):
    """vs the reference's gradients and vs complex-step derivatives, computed here; the inputs
    are read back from the reference's own (trusted) forward record."""
    X, params = expected["forward"]["after"]
    T = expected["backward"]["after"][1]
    return all_of([backward_values(X, T, params, BACKWARD_WHAT)(actual, expected),
                   backward_values(X, T, params, BACKWARD_WHAT, "numerical")(actual, expected)],
                  2)


def reference_gradient(params):
    """(E, grads) with the reference's forward and backward passes: the replay's update rule."""
    Y, cache = reference.mlp_forward(training.X_XOR, params)
    loss = 0.5 * float(((Y - training.T_XOR) ** 2).sum()) / training.X_XOR.shape[0]
    return loss, reference.mlp_backward(training.X_XOR, training.T_XOR, params, cache)


def xor_args(ctx):
    rng = ctx.rng
    low, high = training.LR_RANGE
    settings = {"hidden": int(rng.integers(training.HIDDEN_RANGE[0], training.HIDDEN_RANGE[1] + 1)),
                "lr": float(rng.integers(int(low * 8), int(high * 8) + 1)) / 8.0,
                "epochs": int(rng.integers(training.EPOCHS_RANGE[0],
                                           training.EPOCHS_RANGE[1] + 1)),
                "seed": int(rng.integers(10**6))}
    return {"calls": training.trajectory_calls(settings)}


def _hidden(name, points, func, args, labels, compare_one, **options):
    return Check(name, points, "common.observe_many", hidden=True, needs=(func,), function=func,
                 what=options.pop("what", f"{func}(...)"), args=args,
                 compare=judge_calls(labels, compare_one), **options)


CHECKS = [
    _hidden("sigmoid_random", 2, "sigmoid", sigmoid_args, ["sigmoid(x) on random x"],
            elementwise, what="sigmoid(x)"),
    _hidden("sigmoid_derivative_random", 2, "sigmoid_derivative", sigmoid_derivative_args,
            ["sigmoid_derivative(x) on random x"], elementwise, what="sigmoid_derivative(x)",
            uses=("sigmoid",)),
    _hidden("delta_rule_step_random", 6, "delta_rule_step", delta_args, delta_labels, delta_one,
            what="delta_rule_step(w, b, x, t, lr)", uses=("sigmoid",)),
    Check("init_mlp_random", 3, "common.observe_many", hidden=True,
          what="init_mlp(n_in, n_hidden, n_out, seed)", needs=("init_mlp",), function="init_mlp",
          args=init_args, compare=init_compare()),
    _hidden("mlp_forward_random", 5, "mlp_forward", forward_args,
            ["mlp_forward(X, params) on a random MLP"], forward_one, what="mlp_forward(X, params)",
            uses=("sigmoid",)),
    Check("mlp_backward_random", 12, "backprop.backward", hidden=True,
          what="mlp_backward(X, T, params, cache)", needs=("mlp_forward", "mlp_backward"),
          function="mlp_backward", uses=("mlp_forward",), args=backward_args,
          compare=backward_compare),
    Check("train_xor_random", 7, "common.observe_each", hidden=True,
          what="train_xor(hidden, lr, epochs, seed)", needs=("train_xor", "init_mlp"),
          function="train_xor", uses=("init_mlp", "mlp_forward", "mlp_backward"), timeout=60.0,
          args=xor_args, compare=training.trajectory_compare(None, reference_gradient)),
]
