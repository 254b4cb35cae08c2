"""02_backprop hidden checks: sizes, values, learning rates and seeds drawn from ctx.rng."""
from autograder.checks.base import Check
from autograder.checks.public.backprop import (XOR_SOLVE, backward_numeric, backward_reference,
                                               delta_compare, forward_compare, init_compare,
                                               xor_solved)
from autograder.checks.public.perceptron import per_case
from autograder.compare import all_of, fail, same_array


def activations_args(ctx):
    rng = ctx.rng
    shape = (int(rng.integers(2, 6)), int(rng.integers(2, 6)))
    x = rng.normal(0.0, 4.0, size=shape)
    spots = rng.choice(x.size, size=3, replace=False)
    x.flat[spots[0]] = 0.0
    x.flat[spots[1:]] = rng.uniform(20.0, 800.0, size=2) * rng.choice([-1.0, 1.0], size=2)
    return {"calls": [{"func": "sigmoid", "s": x}, {"func": "sigmoid_derivative", "s": x}]}


ACT_LABELS = ["sigmoid(x) on random x", "sigmoid_derivative(x) on random x"]


def activations_compare(actual, expected):
    return all_of((same_array(a["value"], e["value"], label, inputs=e["input"])
                   for a, e, label in zip(actual, expected, ACT_LABELS)), len(ACT_LABELS))


def delta_args(ctx):
    rng = ctx.rng
    cases = []
    for _ in range(2):
        n = int(rng.integers(2, 7))
        cases.append({"args": [rng.normal(0.0, 1.0, n), float(rng.normal()),
                               rng.normal(0.0, 1.0, n), float(rng.uniform(0.0, 1.0)),
                               float(rng.uniform(0.05, 2.0))]})
    return {"func": "delta_rule_step", "cases": cases}


DELTA_LABELS = [f"delta_rule_step(w, b, x, t, lr) on random values (case {i})" for i in (1, 2)]


def _sizes(rng):
    return int(rng.integers(1, 6)), int(rng.integers(1, 7)), int(rng.integers(1, 4))


def init_args(ctx):
    rng = ctx.rng
    n_in, n_hidden, n_out = _sizes(rng)
    s1, s2 = (int(s) for s in rng.choice(10**6, size=2, replace=False))
    return {"calls": [(n_in, n_hidden, n_out, s1), (n_in, n_hidden, n_out, s1),
                      (n_in, n_hidden, n_out, s2), (n_hidden, n_out, n_in, s2)]}


_INIT = init_compare([("n_in", "n_hidden", "n_out", "s1"), ("n_in", "n_hidden", "n_out", "s1"),
                      ("n_in", "n_hidden", "n_out", "s2"), ("n_hidden", "n_out", "n_in", "s2")])


def _mlp(rng):
    n_in, n_hidden, n_out = _sizes(rng)
    m = int(rng.integers(2, 9))
    params = {"U": rng.normal(0.0, 1.0, (n_in, n_hidden)), "b1": rng.normal(0.0, 0.5, n_hidden),
              "W": rng.normal(0.0, 1.0, (n_hidden, n_out)), "b2": rng.normal(0.0, 0.5, n_out)}
    return rng.normal(0.0, 1.0, (m, n_in)), rng.uniform(0.0, 1.0, (m, n_out)), params


def forward_args(ctx):
    X, _, params = _mlp(ctx.rng)
    return {"cases": [{"X": X, "params": params}]}


def backward_args(ctx):
    X, T, params = _mlp(ctx.rng)
    return {"X": X, "T": T, "params": params}


BACKWARD_WHAT = "mlp_backward(X, T, params, cache) on a random MLP"


def backward_compare(actual, expected):
    return all_of([backward_reference(actual, expected, BACKWARD_WHAT),
                   backward_numeric(actual, expected, BACKWARD_WHAT)], 2)


def xor_args(ctx):
    return {"seeds": [int(s) for s in ctx.rng.choice(10**6, size=3, replace=False)],
            "kwargs": XOR_SOLVE}


def xor_compare(actual, expected=None):
    if not isinstance(actual, list) or len(actual) != 3:
        return fail("grader.error", type="probe returned no list of runs")
    return all_of((xor_solved(run, f"train_xor(hidden=8, lr=8.0, epochs=1000, seed=<random {i}>)")
                   for i, run in enumerate(actual, 1)), 3)


CHECKS = [
    Check("activations_random", 4, "backprop.elementwise", hidden=True,
          what="sigmoid(x), sigmoid_derivative(x)", needs=("sigmoid", "sigmoid_derivative"),
          args=activations_args, compare=activations_compare),
    Check("delta_rule_step_random", 6, "common.call_many", hidden=True,
          what="delta_rule_step(w, b, x, t, lr)", needs=("delta_rule_step",), args=delta_args,
          compare=per_case(DELTA_LABELS, delta_compare)),
    Check("init_mlp_random", 3, "backprop.init_calls", hidden=True,
          what="init_mlp(n_in, n_hidden, n_out, seed)", needs=("init_mlp",), args=init_args,
          compare=_INIT),
    Check("mlp_forward_random", 5, "backprop.forward", hidden=True,
          what="mlp_forward(X, params)", needs=("mlp_forward",), args=forward_args,
          compare=per_case(["mlp_forward(X, params)[0] (Y) on a random MLP"], forward_compare)),
    Check("mlp_backward_random", 12, "backprop.backward", hidden=True,
          what="mlp_backward(X, T, params, cache)", needs=("mlp_forward", "mlp_backward"),
          args=backward_args, compare=backward_compare),
    Check("train_xor_random_seeds", 7, "backprop.xor_runs", hidden=True,
          what="train_xor(hidden=8, lr=8.0, epochs=1000, seed)", needs=("train_xor",),
          args=xor_args, expected=None, timeout=60.0, compare=xor_compare),
]
