"""05_keras_regression hidden checks: the loader on a CSV drawn at grading time, so a loader
that ignores its path (or returns the bundled data however it is called) cannot pass."""
import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks.base import Check


def random_xy(ctx):
    n = int(ctx.rng.integers(20, 60))
    x = np.round(ctx.rng.uniform(0.0, 1.0, n), 6)
    y = np.round(ctx.rng.uniform(-1.0, 1.0, n), 6)
    return {"x": x, "y": y}


CHECKS = [
    Check("load_nonlinear_any_file", 15, "keras_models.load_csv", hidden=True,
          needs=("load_nonlinear",), what="load_nonlinear(path)",
          args=lambda ctx: {"func": "load_nonlinear", **random_xy(ctx)},
          expected=None, timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, "load_nonlinear(path)")),
]
