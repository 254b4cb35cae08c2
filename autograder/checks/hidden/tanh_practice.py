"""07_tanh_practice hidden checks, inputs drawn at grading time: predict_curve on a network whose
weights are drawn (built by the probe, so only a predict_curve that really uses its model
passes), the loader on a CSV of random values, and fit_tanh_model on a drawn curve from drawn
initial weights (a fit that ignores its data, or sets hard-coded weights, cannot pass)."""
import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks.base import Check
from autograder.checks.hidden.keras_regression import random_xy
from autograder.checks.public.tanh_practice import (FIT_EPOCHS, FIT_TIMEOUT, MAX_MSE, curve,
                                                    curve_weights, fit_args, sent)


def drawn_dip(ctx):
    """y = c - a sin(pi x) + N(0, 0.05^2): dataset2's bump upside down, with drawn a, c, n.
    Weights fitted to dataset2.csv score MSE >= 0.25 on it. The tanh network is symmetric under
    y -> -y (negate the last layer), so the public measurements carry over; measured: bumps with
    drawn a, c, frequency 0.0033-0.0035 (4 draws), dips 0.0031-0.0034 (3 draws,
    n 400-500); MAX_MSE 0.015 leaves 4.4x."""
    n = int(ctx.rng.integers(400, 501))
    a = float(ctx.rng.uniform(0.7, 0.9))
    c = float(ctx.rng.uniform(0.3, 0.45))
    x = np.round(ctx.rng.uniform(0.0, 1.0, n), 6)
    y = np.round(c - a * np.sin(np.pi * x) + ctx.rng.normal(0.0, 0.05, n), 6)
    return fit_args(x.reshape(-1, 1), y, int(ctx.rng.integers(0, 2**31)))


FIT_WHAT = "fit_tanh_model(model, X_hidden, y_hidden)"

CHECKS = [
    Check("predict_curve_any_model", 5, "keras_models.predict_curve", hidden=True,
          needs=("predict_curve",), what="predict_curve(model)", function="predict_curve",
          args=lambda ctx: {"weights": curve_weights(ctx.rng)},
          expected=lambda args: args["weights"], timeout=kc.TIMEOUT,
          compare=lambda v, e: curve(v, e, "predict_curve(model)")),
    Check("load_dataset2_any_file", 5, "keras_models.load_csv", hidden=True,
          needs=("load_dataset2",), what="load_dataset2(path)", function="load_dataset2",
          args=lambda ctx: {"func": "load_dataset2", **random_xy(ctx)},
          expected=lambda args: (args["x"].reshape(-1, 1), args["y"]), timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, *e, "load_dataset2(path)")),
    Check("fit_tanh_any_data", 10, "keras_models.fit", hidden=True, needs=("fit_tanh_model",),
          what=FIT_WHAT, function="fit_tanh_model", args=drawn_dip, expected=sent,
          timeout=FIT_TIMEOUT,
          compare=lambda v, e: kf.regression_fit(v, e, MAX_MSE, FIT_WHAT, FIT_EPOCHS,
                                                 learning_rate=0.1)),
]
