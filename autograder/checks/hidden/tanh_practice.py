"""07_tanh_practice hidden checks: predict_curve on a network whose weights are drawn at grading
time (built by the probe, so only a predict_curve that really uses its model passes), and the
loader on a CSV drawn at grading time."""
from autograder.checks import keras_compare as kc
from autograder.checks.base import Check
from autograder.checks.hidden.keras_regression import random_xy
from autograder.checks.public.tanh_practice import curve

SHAPES = [(1, 6), (6,), (6, 4), (4,), (4, 1), (1,)]


def random_weights(ctx):
    return {"weights": [ctx.rng.normal(0.0, 1.0, shape) for shape in SHAPES]}


CHECKS = [
    Check("predict_curve_any_model", 10, "keras_models.predict_curve", hidden=True,
          needs=("predict_curve",), what="predict_curve(model)",
          args=random_weights, expected=None, timeout=kc.TIMEOUT,
          compare=lambda v, e: curve(v, "predict_curve(model)")),
    Check("load_dataset2_any_file", 5, "keras_models.load_csv", hidden=True,
          needs=("load_dataset2",), what="load_dataset2(path)",
          args=lambda ctx: {"func": "load_dataset2", **random_xy(ctx)},
          expected=None, timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, "load_dataset2(path)")),
]
