"""03_activations hidden checks: shapes, values and slopes drawn from ctx.rng at grading time.

Every drawn x holds exact zeros (both signs), a value within 1e-9 of 0, and magnitudes beyond
exp's overflow threshold (|x| > 709.78) in both directions, so kink conventions and overflow
handling are graded on every seed, not only on lucky ones.

The expected value is the reference's record of the same call (run in the parent), so the
inputs it reports are the inputs the parent sent: messages show x at the first wrong element.
"""

from autograder.checks.base import Check
from autograder.checks.observed import raised_outcome, record
from autograder.checks.public.activations import elementwise, gradients
from autograder.checks.public.activations_he import he_stats
from autograder.compare import Outcome


def draw_x(rng):
    shape = (int(rng.integers(20, 41)),) if rng.random() < 0.5 else (
        int(rng.integers(2, 6)), int(rng.integers(3, 9)))
    x = rng.normal(0.0, 3.0, size=shape)
    flat = x.reshape(-1)
    spots = rng.choice(flat.size, size=6, replace=False)
    flat[spots[0]] = 0.0
    flat[spots[1]] = -0.0
    flat[spots[2]] = rng.uniform(710.0, 5000.0)
    flat[spots[3]] = -rng.uniform(710.0, 5000.0)
    flat[spots[4]] = rng.choice([-1.0, 1.0]) * rng.uniform(1e-13, 1e-9)
    flat[spots[5]] = 0.0
    return x


def slope(rng, low, high):
    return float(rng.uniform(low, high))


def elu_alpha(rng):
    # away from 1, so taking the x < 0 branch at x = 0 changes elu'(0) by >= 0.2
    return float(rng.uniform(0.2, 0.8) if rng.random() < 0.5 else rng.uniform(1.3, 3.0))


def call(func, extra=None):
    """args(ctx): {"func": func, "args": [x] + extra(rng)}."""
    def args(ctx):
        x = draw_x(ctx.rng)
        return {"func": func, "args": [x] + (extra(ctx.rng) if extra else [])}
    return args


def judged(what, judge):
    """compare(actual, expected) of one observed call; the trusted reference record tells the
    argument structure and the x that was sent."""
    def compare(actual, expected):
        case = {"args": expected["after"]}
        rec = record(actual, case, what)
        if isinstance(rec, Outcome):
            return rec
        if not rec.ok:
            return raised_outcome(rec, what)
        return judge(rec.returned, expected["returned"], what, expected["after"][0])
    return compare


def values(name, points, func, extra=None, label="x", judge=elementwise, uses=()):
    what = f"{func}({label})"
    return Check(name, points, "common.observe", hidden=True, what=what, needs=(func,),
                 function=func, args=call(func, extra), compare=judged(what, judge), uses=uses)


def prelu_gradient_args(ctx):
    x = draw_x(ctx.rng)
    return {"func": "prelu_gradients",
            "args": [x, slope(ctx.rng, 0.05, 0.9), ctx.rng.normal(0.0, 1.5, size=x.shape)]}


def he_args(ctx):
    # fan_in >= 2 * fan_out: a std taken from fan_out, or a transposed shape, always fails;
    # n = fan_in * fan_out >= 30000 (see the tolerances in checks/public/activations_he.py)
    return {"calls": [{"fan_in": int(ctx.rng.integers(300, 801)),
                       "fan_out": int(ctx.rng.integers(100, 151)),
                       "seed": int(ctx.rng.integers(2**31))}]}


def he_compare(actual, expected):
    fan_in, fan_out = expected[0]["returned"].shape  # the reference's draw: the trusted size
    return he_stats(fan_in, fan_out, [0], normal=True, shape=True)(actual)  # one call sent


CHECKS = [
    values("hidden_relu", 2, "relu"),
    values("hidden_relu_derivative", 3, "relu_derivative"),
    values("hidden_leaky_relu", 2, "leaky_relu", lambda r: [slope(r, 0.02, 0.5)], "x, a"),
    values("hidden_leaky_relu_derivative", 3, "leaky_relu_derivative",
           lambda r: [slope(r, 0.02, 0.5)], "x, a"),
    values("hidden_prelu", 1, "prelu", lambda r: [slope(r, 0.05, 0.9)], "x, alpha"),
    # alpha is learned, nothing keeps it below 1 (the docstring: alpha x for x <= 0, any alpha):
    # max(alpha x, x), right only for alpha <= 1, gives alpha x for x > 0 here
    values("hidden_prelu_learned_above_one", 1, "prelu", lambda r: [slope(r, 1.2, 2.0)],
           "x, alpha > 1"),
    Check("hidden_prelu_gradients", 4, "common.observe", hidden=True,
          what="prelu_gradients(x, alpha, upstream)", needs=("prelu_gradients",),
          function="prelu_gradients", args=prelu_gradient_args,
          compare=judged("prelu_gradients(x, alpha, upstream)", gradients)),
    values("hidden_elu", 3, "elu", lambda r: [elu_alpha(r)], "x, alpha"),
    values("hidden_elu_derivative", 3, "elu_derivative", lambda r: [elu_alpha(r)], "x, alpha"),
    values("hidden_tanh", 2, "tanh"),
    values("hidden_tanh_derivative", 3, "tanh_derivative", uses=("tanh",)),  # 1 - tanh(x)^2
    Check("hidden_he_normal", 4, "activations.he_normal_calls", hidden=True,
          what="he_normal(fan_in, fan_out, rng)", needs=("he_normal",), function="he_normal",
          args=he_args, compare=he_compare),
]
