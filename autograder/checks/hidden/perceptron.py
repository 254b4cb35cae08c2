"""01_perceptron hidden checks: shapes, values and learning rates drawn from ctx.rng.

Training data are small integers and learning rates k / 2**j, so every sum the perceptron rule
forms is exact in float64 and any summation order meets the same step(0) decisions. The result
(w, b, converged, epochs) on such data is the end point of the documented trajectory, exactly:
a different rule (other order, update on every sample, other start, loss of a clean epoch)
cannot meet it on random data, so the procedure is checked, not only the outcome.

Expected values: the same raw probe run on the reference in the parent; the inputs a message
shows are read back from that trusted record (`observed.cases_from`).
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.observed import judge_calls
from autograder.checks.public.perceptron import elementwise, perceptron_one, train_one
from autograder.compare import same_array


def _one(func, value):
    return {"func": func, "cases": [{"args": [value]}]}


def step_args(ctx):
    rng = ctx.rng
    s = rng.normal(0.0, 3.0, size=(int(rng.integers(2, 7)), int(rng.integers(2, 7))))
    s.flat[rng.choice(s.size, size=2, replace=False)] = 0.0  # step(0) = 0 must hold
    return _one("step", s)


def sigmoid_args(ctx):
    return _one("sigmoid", ctx.rng.uniform(-900.0, 900.0, size=int(ctx.rng.integers(5, 12))))


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


def _vec(v):
    return "[" + ", ".join(f"{float(x):.4g}" for x in v) + "]"


def perceptron_labels(cases):
    """Batches show the sample row of the first wrong output (same_array inputs=X); single
    samples show x, w and b here."""
    one = [f"x={_vec(c['args'][0])}, w={_vec(c['args'][1])}, b={c['args'][2]:.4g}"
           for c in cases[2:]]
    return ["perceptron(X, w, b) on random integer X (m, n)",
            "perceptron(X, w, b, activation='sigmoid') on random X (m, n)",
            f"perceptron({one[0]}, activation='step')",
            f"perceptron({one[1]}, activation='sigmoid')"]


def perceptron_random_one(got, want, label, case):
    if case["args"][0].ndim == 2:  # a batch: the message shows the sample of the wrong output
        return same_array(got, want, label, inputs=case["args"][0])
    return perceptron_one(got, want, label, case)


def rule(X, t, lr, max_epochs):
    """The documented perceptron rule, grader-side, only to choose data (exact arithmetic)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        clean = True
        for x, target in zip(X, t):
            if np.sign(x @ w + b) != target:
                w, b, clean = w + lr * target * x, b + lr * target, False
        if clean:
            return w, b, True, epoch
    return w, b, False, max_epochs


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
        if len(t) >= 5 and len(set(t)) == 2 and rule(X, t, 1.0, 60)[2]:
            break
    first = int(np.flatnonzero(t > 0)[0])  # a +1 sample first: at w = 0 the rule must update
    order = [first] + [k for k in range(len(t)) if k != first]  # (step(0) = 0, not +1)
    X, t = X[order], t[order]
    # not separable: sample j repeats sample i with the opposite label. Redrawn until the
    # rule ends away from w = 0, b = 0, so "return the initial weights" never matches it.
    while True:
        m2, n2 = int(rng.integers(5, 9)), int(rng.integers(2, 4))
        X2 = rng.integers(-3, 4, size=(m2, n2)).astype(np.float64)
        t2 = rng.choice([-1.0, 1.0], size=m2)
        i, j = rng.choice(m2, size=2, replace=False)
        X2[j], t2[j] = X2[i], -t2[i]
        first = int(np.flatnonzero(t2 < 0)[0])  # a -1 sample first (step(0) = 0, not -1)
        order = [first] + [k for k in range(m2) if k != first]
        X2, t2 = X2[order], t2[order]
        lr2, epochs2 = _lr(rng), int(rng.integers(5, 16))
        w2, b2, _, _ = rule(X2, t2, lr2, epochs2)
        if np.any(w2 != 0) or b2 != 0:
            break
    return {"func": "train_perceptron", "cases": [
        {"args": [X, t], "kwargs": {"lr": _lr(rng), "max_epochs": 100}},
        {"args": [X2, t2], "kwargs": {"lr": lr2, "max_epochs": epochs2}},
    ]}


def train_labels(cases):
    """The call with its drawn data (small integers), so a student can rerun it."""
    kinds = ("separable", "non-separable")
    return [f"train_perceptron(X, t, lr={c['kwargs']['lr']}, "
            f"max_epochs={c['kwargs']['max_epochs']}) on random {kind} data "
            f"X={c['args'][0].astype(int).tolist()}, t={c['args'][1].astype(int).tolist()}"
            for c, kind in zip(cases, kinds)]


def poly_args(ctx):
    rng = ctx.rng
    return _one("poly_features", rng.normal(0.0, 2.0, size=(int(rng.integers(3, 10)), 2)))


def _hidden(name, points, func, args, labels, compare_one, **options):
    return Check(name, points, "common.observe_many", hidden=True, needs=(func,), function=func,
                 what=options.pop("what", f"{func}(...)"), args=args,
                 compare=judge_calls(labels, compare_one), **options)


CHECKS = [
    _hidden("step_random", 3, "step", step_args, ["step(s) on random s"], elementwise,
            what="step(s)"),
    _hidden("sigmoid_random", 3, "sigmoid", sigmoid_args, ["sigmoid(s) on random s"],
            elementwise, what="sigmoid(s)"),
    _hidden("perceptron_random", 8, "perceptron", perceptron_args, perceptron_labels,
            perceptron_random_one, what="perceptron(X, w, b, activation)",
            uses=("step", "sigmoid")),
    _hidden("train_perceptron_random", 18, "train_perceptron", train_args, train_labels,
            train_one, what="train_perceptron(X, t, lr, max_epochs)", uses=("step",)),
    _hidden("poly_features_random", 6, "poly_features", poly_args,
            ["poly_features(X) on random X (m, 2)"], elementwise, what="poly_features(X)"),
]
