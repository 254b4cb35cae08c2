"""01_perceptron hidden checks: shapes, values and learning rates drawn from ctx.rng.

Training data are small integers and learning rates k / 2**j, so every sum the perceptron rule
forms is exact in float64 and any summation order meets the same step(0) decisions.
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.public.perceptron import _scalar_or_array, per_case, train_result
from autograder.compare import all_of, same_array


def activations_args(ctx):
    rng = ctx.rng
    shape = (int(rng.integers(2, 7)), int(rng.integers(2, 7)))
    s = rng.normal(0.0, 3.0, size=shape)
    s.flat[rng.choice(s.size, size=2, replace=False)] = 0.0  # step(0) = 0 must hold
    big = rng.uniform(-900.0, 900.0, size=int(rng.integers(5, 12)))
    return {"calls": [{"func": "step", "s": s}, {"func": "sigmoid", "s": big}]}


ACT_LABELS = ["step(s) on random s", "sigmoid(s) on random s"]


def activations_compare(actual, expected):
    return all_of((same_array(a["value"], e["value"], label, inputs=e["input"])
                   for a, e, label in zip(actual, expected, ACT_LABELS)), len(ACT_LABELS))


def perceptron_args(ctx):
    rng = ctx.rng
    m, n = int(rng.integers(3, 9)), int(rng.integers(2, 6))
    X_int = rng.integers(-2, 3, size=(m, n)).astype(np.float64)
    w_int = rng.integers(-2, 3, size=n).astype(np.float64)
    b_int = -float(X_int[0] @ w_int)  # sample 0 sits exactly on the boundary: step(0) = 0
    X = rng.normal(0.0, 1.0, size=(m, n))
    w = rng.normal(0.0, 1.0, size=n)
    b = float(rng.normal())
    return {"func": "perceptron", "cases": [
        {"args": [X_int, w_int, b_int]},
        {"args": [X, w, b], "kwargs": {"activation": "sigmoid"}},
        {"args": [X[0], w, b], "kwargs": {"activation": "step"}},
        {"args": [X[1], w, b], "kwargs": {"activation": "sigmoid"}},
    ]}


PERCEPTRON_LABELS = ["perceptron(X, w, b) on random integer X (m, n)",
                     "perceptron(X, w, b, activation='sigmoid') on random X (m, n)",
                     "perceptron(x, w, b, activation='step') on one random sample x (n,)",
                     "perceptron(x, w, b, activation='sigmoid') on one random sample x (n,)"]


def _converges(X, t, max_epochs):
    """The perceptron rule on exact data (grader-side, only to pick data that converge)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(max_epochs):
        clean = True
        for x, target in zip(X, t):
            if np.sign(x @ w + b) != target:
                w, b, clean = w + target * x, b + target, False
        if clean:
            return True
    return False


def _lr(rng):
    return float(rng.integers(1, 8)) / 2.0 ** int(rng.integers(1, 6))


def train_args(ctx):
    rng = ctx.rng
    # separable: labels from a random integer hyperplane, points with margin >= 1
    while True:
        m, n = int(rng.integers(6, 13)), int(rng.integers(2, 5))
        w_true = rng.integers(-3, 4, size=n)
        b_true = int(rng.integers(-2, 3))
        X = rng.integers(-3, 4, size=(m, n))
        s = X @ w_true + b_true
        keep = s != 0
        X, s = X[keep].astype(np.float64), s[keep]
        t = np.sign(s).astype(np.float64)
        if len(t) >= 5 and len(set(t)) == 2 and _converges(X, t, 60):
            break
    # not separable: sample j repeats sample i with the opposite label
    m2, n2 = int(rng.integers(5, 9)), int(rng.integers(2, 4))
    X2 = rng.integers(-3, 4, size=(m2, n2)).astype(np.float64)
    t2 = rng.choice([-1.0, 1.0], size=m2)
    i, j = rng.choice(m2, size=2, replace=False)
    X2[j], t2[j] = X2[i], -t2[i]
    return {"func": "train_perceptron", "cases": [
        {"args": [X, t], "kwargs": {"lr": _lr(rng), "max_epochs": 100}},
        {"args": [X2, t2], "kwargs": {"lr": _lr(rng), "max_epochs": int(rng.integers(5, 16))}},
    ]}


TRAIN_LABELS = ["train_perceptron(X, t, lr, max_epochs) on random separable data",
                "train_perceptron(X, t, lr, max_epochs) on random non-separable data"]


def poly_args(ctx):
    rng = ctx.rng
    X = rng.normal(0.0, 2.0, size=(int(rng.integers(3, 10)), 2))
    return {"func": "poly_features", "args": [X]}


CHECKS = [
    Check("activations_random", 6, "perceptron.elementwise", hidden=True,
          what="step(s), sigmoid(s)", needs=("step", "sigmoid"),
          args=activations_args, compare=activations_compare),
    Check("perceptron_random", 8, "common.call_many", hidden=True,
          what="perceptron(X, w, b, activation)", needs=("perceptron",),
          args=perceptron_args, compare=per_case(PERCEPTRON_LABELS, _scalar_or_array)),
    Check("train_perceptron_random", 18, "common.call_many", hidden=True,
          what="train_perceptron(X, t, lr, max_epochs)", needs=("train_perceptron",),
          args=train_args, compare=per_case(TRAIN_LABELS, train_result)),
    Check("poly_features_random", 6, "common.call", hidden=True, what="poly_features(X)",
          needs=("poly_features",), args=poly_args,
          compare=lambda a, e: same_array(a, e, "poly_features(X) on random X (m, 2)")),
]
