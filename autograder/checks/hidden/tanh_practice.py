"""07_tanh_practice hidden checks, inputs drawn at grading time: predict_curve on a network whose
weights are drawn (built by the probe, so only a predict_curve that really uses its model
passes), the loader on a CSV of random values, and fit_tanh_model on a drawn curve from drawn
initial weights, replayed here (a fit that ignores its data, or sets hard-coded weights, cannot
pass)."""
from autograder.checks import keras_compare as kc
from autograder.checks import keras_procedure as kp
from autograder.checks.base import Check
from autograder.checks.hidden.keras_regression import random_xy
from autograder.checks.public.tanh_practice import (FIT_TIMEOUT, PROCEDURE, curve, curve_weights,
                                                    drawn_trial, fit_args, shared_fit_args)


def drawn_trials(ctx):
    """fit_tanh_model on one replay trial drawn at grading time (sample, target, initial weights;
    n = 70: 3 updates per epoch, 300 in all): a fit that ignores its data or sets weights of its
    own cannot match the replay (keras_procedure.ONE_TRIAL: one trial catches what two would).
    With fit_tanh in the same grading, the drawn trial rides in fit_tanh's call
    (public.tanh_practice.shared_fit_args: the same args, one call), else a call of its own."""
    if "fit_tanh" in ctx.graded:
        return shared_fit_args(ctx)
    return fit_args(drawn_trial(ctx), seed=int(ctx.rng.integers(0, 2**31)))


def judged_on(args):
    """The drawn trial and where its record is: the first of fit_tanh's shared call (drawn
    trial, dataset2.csv) or the only one."""
    sent = args["trials"]
    return {"trials": [sent[0]], "at": 0, "count": len(sent)}


def drawn_outcome(raw, judged):
    """fit_outcome on the drawn trial's record alone (a record of another length is judged as
    sent: read_trials names what is wrong with it)."""
    if type(raw) is dict and type(raw.get("trials")) is list \
            and len(raw["trials"]) == judged["count"]:
        raw = {**raw, "trials": raw["trials"][judged["at"]:judged["at"] + 1]}
    return kp.fit_outcome(raw, {"trials": judged["trials"]}, PROCEDURE, FIT_WHAT)


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
    Check("fit_tanh_any_data", 10, "keras_models.train_trials", hidden=True,
          needs=("fit_tanh_model",), what=FIT_WHAT, function="fit_tanh_model",
          args=drawn_trials, expected=judged_on, timeout=FIT_TIMEOUT,
          compare=drawn_outcome),
]
