"""04_optimizers hidden checks: bowl, start, dimension, steps and hyperparameters from ctx.rng.

Each bowl is J(w) = 1/2 w^T A w + b^T w with A = Q diag(lam) Q^T, a random rotation Q and
eigenvalues from 0.5..1 up to 8..10 (an elongated bowl, condition number 8..20) in 2..5
dimensions. As in the public checks, path/state checks pass eps=0.0 and `hidden_eps_*` test eps.
One check grades one class; the problem each compare needs (w0, steps, beta) is read from the
reference's record of the same run, which the parent produced itself.
"""
import numpy as np

from autograder.checks.base import Check
from autograder.checks.public.optimizers import STATE, minimize_compare, run_compare


def bowl(rng, low=(0.5, 1.0), high=(8.0, 10.0)):
    dim = int(rng.integers(2, 6))
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    lam = np.sort(rng.uniform(low[0], high[1], size=dim))
    lam[0], lam[-1] = rng.uniform(*low), rng.uniform(*high)
    A = q @ np.diag(lam) @ q.T
    return (A + A.T) / 2, rng.normal(0.0, 1.0, size=dim), rng.normal(0.0, 2.0, size=dim)


def hyper(rng, cls):
    """Random hyperparameters (eps=0.0: see the module docstring); lr keeps every run finite."""
    u = rng.uniform
    return {
        "SGD": lambda: {"lr": u(0.02, 0.15)},
        "Momentum": lambda: {"lr": u(0.01, 0.08), "beta": u(0.5, 0.95)},
        "Nesterov": lambda: {"lr": u(0.01, 0.08), "beta": u(0.5, 0.95)},
        "AdaGrad": lambda: {"lr": u(0.1, 1.0), "eps": 0.0},
        "RMSProp": lambda: {"lr": u(0.02, 0.2), "rho": u(0.5, 0.99), "eps": 0.0},
        # beta2 <= 0.999 (the lecture's default): 1 - np.float32(beta2) rounds, and float32
        # Adam stays well inside VALUE_TOL (optimizers_precision.py)
        "Adam": lambda: {"lr": u(0.02, 0.3), "beta1": u(0.5, 0.95), "beta2": u(0.9, 0.999),
                         "eps": 0.0},
    }[cls]()


def case(rng, cls, init=False):
    A, b, w0 = bowl(rng)
    out = {"cls": cls, "kwargs": hyper(rng, cls), "A": A, "b": b, "w0": w0,
           "steps": int(rng.integers(6, 13)), "state": list(STATE[cls])}
    if init:
        dim = len(w0)
        values = {"m": rng.normal(0.0, 0.5, size=dim), "s": rng.uniform(0.1, 3.0, size=dim),
                  # t <= 5: at larger t, 1 - beta^t is near 1 and a t off by one hardly moves
                  # w (measured with t in 1..19: as little as 6e-5 of |w|)
                  "t": int(rng.integers(1, 6))}
        out["init"] = {name: values[name] for name in STATE[cls]}
    return out


# eps: |g| in 1e-6..3e-6 on every coordinate, eps in 1e-9..1e-8 (log-uniform) and lr in
# 0.05..0.2, so g^2 <= 9e-12 << eps and sqrt(s + eps) vs sqrt(s) + eps differ >= 10x in the step
# size. The A's eigenvalues are <= 1e-6, so g stays put while w moves. Measured over 2000 seeds
# (largest |w_wrong - w_right| over the comparison's allowance, VALUE_TOL times how far the
# right path moved; minimum over seeds): eps outside the sqrt in AdaGrad 1.2e4, RMSProp 2.3e4,
# eps inside the sqrt in Adam 1.8e3. Bugs in s itself (AdaGrad s = g^2, RMSProp without the
# (1 - rho) weight) fail here, but not on every seed (smallest 0.2x the allowance): their own
# path and state checks are what catch them.
EPS_CLASSES = ("AdaGrad", "RMSProp", "Adam")


def eps_case(rng, cls):
    dim = int(rng.integers(2, 6))
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    A = q @ np.diag(rng.uniform(1e-7, 1e-6, size=dim)) @ q.T
    A = (A + A.T) / 2
    w0 = rng.normal(0.0, 1.0, size=dim)
    g0 = rng.choice([-1.0, 1.0], size=dim) * rng.uniform(1e-6, 3e-6, size=dim)
    eps = float(10.0 ** rng.uniform(-9.0, -8.0))
    lr = float(rng.uniform(0.05, 0.2))
    kwargs = {"AdaGrad": {"lr": lr, "eps": eps},
              "RMSProp": {"lr": lr, "rho": float(rng.uniform(0.5, 0.99)), "eps": eps},
              "Adam": {"lr": lr, "beta1": float(rng.uniform(0.5, 0.95)),
                       "beta2": float(rng.uniform(0.9, 0.9999)), "eps": eps}}[cls]
    return {"cls": cls, "kwargs": kwargs, "A": A, "b": g0 - A @ w0, "w0": w0,
            "steps": int(rng.integers(3, 7)), "state": list(STATE[cls])}


def minimize_args(ctx):
    A, b, w0 = bowl(ctx.rng)
    return {"lr": float(ctx.rng.uniform(0.02, 0.15)), "A": A, "b": b, "w0": w0,
            "steps": int(ctx.rng.integers(3, 13))}


def run_check(name, points, cls, parts, args):
    what = f"{cls}.step"
    return Check(name, points, "optimizers.run", hidden=True, what=what, needs=(cls,),
                 function=cls, args=args, compare=run_compare(what, parts, STATE[cls]))


def drawn(cls, init=False):
    return lambda ctx: case(ctx.rng, cls, init)


WARM_POINTS = {"Momentum": 1, "Nesterov": 1, "AdaGrad": 0.5, "RMSProp": 0.5, "Adam": 1}

CHECKS = [
    run_check("hidden_sgd", 3, "SGD", ("path",), drawn("SGD")),
    run_check("hidden_momentum", 4, "Momentum", ("path", "states"), drawn("Momentum")),
    run_check("hidden_nesterov", 4, "Nesterov", ("path", "states", "lookahead"),
              drawn("Nesterov")),
    run_check("hidden_adagrad", 3, "AdaGrad", ("path", "states"), drawn("AdaGrad")),
    run_check("hidden_rmsprop", 3, "RMSProp", ("path", "states"), drawn("RMSProp")),
    run_check("hidden_adam", 4, "Adam", ("path", "states"), drawn("Adam")),
    *[run_check(f"hidden_eps_{cls.lower()}", 1, cls, ("eps",),
                lambda ctx, cls=cls: eps_case(ctx.rng, cls)) for cls in EPS_CLASSES],
    *[run_check(f"hidden_warm_start_{cls.lower()}", points, cls, ("path", "states_after"),
                drawn(cls, init=True)) for cls, points in WARM_POINTS.items()],
    Check("hidden_minimize", 2, "optimizers.minimize", hidden=True, what="minimize",
          needs=("minimize",), function="minimize", args=minimize_args,
          compare=minimize_compare),
]
