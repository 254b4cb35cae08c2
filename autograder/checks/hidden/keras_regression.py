"""05_keras_regression hidden checks, inputs drawn at grading time: the loader on a CSV of random
values (a loader that ignores its path cannot pass), and the grader's fit of the student's network
on drawn replay trials from drawn initial weights, replayed here (a pre-trained or hard-coded
model cannot pass). The drawn-curve MSE check this replaces was not repeatable (0.01053 vs 0.010
on one run of the reference): the outcome is judged on the public data only (fit_nonlinear)."""
import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_procedure as kp
from autograder.checks.base import Check
from autograder.checks.public.keras_regression import COMPILE_PROCEDURE, drawn_compile_args


def random_xy(ctx):
    n = int(ctx.rng.integers(20, 60))
    x = np.round(ctx.rng.uniform(0.0, 1.0, n), 6)
    y = np.round(ctx.rng.uniform(-1.0, 1.0, n), 6)
    return {"x": x, "y": y}


def drawn_trials(ctx):
    """The grader's model.fit(x, y, epochs=3) of the student's compiled network on two replay
    trials drawn at grading time (samples, targets, initial weights), replayed here: a model
    trained in advance, or compiled with another optimizer, rate or loss, cannot match. With
    model_compile in the same grading, it is sent the same trials: one call serves both
    (public.keras_regression.shared_compile_args)."""
    return drawn_compile_args(ctx)


FIT_WHAT = "build_nonlinear_model() + model.fit(x_hidden, y_hidden, epochs=3)"

CHECKS = [
    Check("load_nonlinear_any_file", 5, "keras_models.load_csv", hidden=True,
          needs=("load_nonlinear",), what="load_nonlinear(path)", function="load_nonlinear",
          args=lambda ctx: {"func": "load_nonlinear", **random_xy(ctx)},
          expected=lambda args: (args["x"].reshape(-1, 1), args["y"]), timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, *e, "load_nonlinear(path)")),
    Check("fit_nonlinear_any_data", 10, "keras_models.train_trials", hidden=True,
          needs=("build_nonlinear_model",), what=FIT_WHAT, function="build_nonlinear_model",
          args=drawn_trials, expected=lambda args: args, timeout=kc.TIMEOUT,
          compare=lambda v, e: kp.fit_outcome(v, e, COMPILE_PROCEDURE, FIT_WHAT)),
]
