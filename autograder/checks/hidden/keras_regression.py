"""05_keras_regression hidden checks, inputs drawn at grading time: the loader on a CSV of random
values (a loader that ignores its path cannot pass), and the grader's fit of the student's network
on a drawn curve from drawn initial weights (a pre-trained or hard-coded model cannot pass)."""
import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks.base import Check
from autograder.checks.public.keras_regression import (FIT_EPOCHS, FIT_TIMEOUT, MAX_MSE,
                                                       fit_args, sent)


def random_xy(ctx):
    n = int(ctx.rng.integers(20, 60))
    x = np.round(ctx.rng.uniform(0.0, 1.0, n), 6)
    y = np.round(ctx.rng.uniform(-1.0, 1.0, n), 6)
    return {"x": x, "y": y}


def drawn_dip(ctx):
    """y = 0.5 - a sin(2 pi x) + N(0, 0.05^2): nonlinear.csv's wave upside down (1 - y), with a
    drawn amplitude and size. Weights fitted to nonlinear.csv score MSE >= (0.3 + a)^2 / 2 >=
    0.125 on it. The sigmoid network is symmetric under y -> 1 - y (negate the last layer), so
    the public measurements carry over; measured on 3 draws: 0.0036 / 0.0044 / 0.0066 (n 800-1000;
    a bump with n = 606 gave 0.0070, so n starts at 800); MAX_MSE 0.010 leaves 1.5x."""
    n = int(ctx.rng.integers(800, 1001))
    a = float(ctx.rng.uniform(0.2, 0.3))
    x = np.round(ctx.rng.uniform(0.0, 1.0, n), 6)
    y = np.round(0.5 - a * np.sin(2.0 * np.pi * x) + ctx.rng.normal(0.0, 0.05, n), 6)
    return fit_args(x.reshape(-1, 1), y, int(ctx.rng.integers(0, 2**31)))


FIT_WHAT = "build_nonlinear_model() + model.fit(X_hidden, y_hidden, epochs=100)"

CHECKS = [
    Check("load_nonlinear_any_file", 5, "keras_models.load_csv", hidden=True,
          needs=("load_nonlinear",), what="load_nonlinear(path)", function="load_nonlinear",
          args=lambda ctx: {"func": "load_nonlinear", **random_xy(ctx)},
          expected=lambda args: (args["x"].reshape(-1, 1), args["y"]), timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, *e, "load_nonlinear(path)")),
    Check("fit_nonlinear_any_data", 10, "keras_models.fit", hidden=True,
          needs=("build_nonlinear_model",), what=FIT_WHAT, function="build_nonlinear_model",
          args=drawn_dip, expected=sent, timeout=FIT_TIMEOUT,
          compare=lambda v, e: kf.regression_fit(v, e, MAX_MSE, FIT_WHAT, FIT_EPOCHS)),
]
