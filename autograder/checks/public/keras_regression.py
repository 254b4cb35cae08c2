"""05_keras_regression public checks (lecture 3.8): the nonlinear.csv loader, the 1-6-4-1 sigmoid
network, its compile settings judged by what they train (replayed here in numpy), and a seeded
30-pass fit (replayed here) reaching a loss target.

The grader holds the expected structure and the data; it judges the views the child sends
(keras_views) with numpy: no TensorFlow in the grader.
"""
import numpy as np

import nndata

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks import keras_fit_replay as kfr
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_views as kv
from autograder.checks.base import Check

MESSAGES = {**kc.MESSAGES, **kf.MESSAGES, **kp.MESSAGES, **kfr.MESSAGES}

# 1-6-4-1: (1*6 + 6) + (6*4 + 4) + (4*1 + 1) = 12 + 28 + 5 = 45 parameters.
LAYERS = [("Dense", 6, "sigmoid"), ("Dense", 4, "sigmoid"), ("Dense", 1, "sigmoid")]
WIDTHS = [1, 6, 4, 1]
PARAMS = 45
DATA = str(nndata.path("nonlinear.csv"))  # bundled with nndata

# Seeded fit of build_nonlinear_model() by the grader, in a fixed order: one Keras epoch,
# model.fit(X, y, epochs=1, shuffle=False) (batch 32), on the 1,000 points FIT_PASSES times over
# in order (30,000 rows, 938 updates; probes/keras_models.fit's `passes`), from the grader's
# Glorot-uniform initial weights (init seed FIT_SEED). The grader fixes the batch order, so it
# replays all 938 updates of SGD(5.0) on mse in numpy with the network's own layers
# (keras_fit_replay; float32 Keras vs this replay, init seeds 7 / 1 / 2 / 3: 2.0e-6 / 3.0e-6 /
# 3.5e-6 / 2.2e-6 of the update, TF 2.21 CPU, as the child trains (one thread per TF pool,
# Grappler off), 2026-12-07,
# `bench/keras_attacks.py --replay`; nearest wrong procedure, same seeds: 29 / 31 passes
# >= 6.3e-2, lr 4.9 >= 4.2e-2, 2 epochs (a fit patched to train longer) >= 1.47;
# keras_replay.REL_TOL 1e-4 sits 29x above and 420x below); the returned weights must be the
# replay's, then their MSE (numpy forward pass here) on the 1000 points must reach MAX_MSE.
# Noise floor of the data 0.05^2 = 0.0025.
# How long: the procedure is verified update by update (model_layers and model_compile judge the
# architecture and the compile), so this outcome needs only enough training to tell a network
# that fits the curve from one that cannot (issue 21 section 2): 30 passes, not the lecture's
# 100 epochs, and in one epoch: Keras pays ~20 ms of CPU per epoch (a new tf.data iterator; ~40
# with Grappler on), so one epoch of 30 passes (~1.2 CPU s) is the cheapest way to 938 updates.
# Measured, float64 replay of this fit from init seed 7 (Keras' own weights give the same MSE to
# 5 digits: 0.01015), MSE after 30 passes (after 100 epochs, the check before):
#   reference 1-6-4-1 sigmoid            0.01015 (0.00659)   [alt fixtures: the same network]
#   hidden layers tanh (wrong act.)      0.00543 (0.00399)   passes: model_layers catches it
#   one hidden layer 1-6-1               0.01806 (0.00683: passed at 100)
#   widths 1-4-6-1                       0.01483 (0.00934: passed at 100)
#   extra layer 1-6-4-4-1                0.01221 (0.00939)   passes both: model_layers catches it
#   hidden layers linear                 0.02318 (0.02305)
#   hidden layers relu                   0.04680 (0.04874)
# (init seeds 1 / 2 / 3, reference: 0.01177 / 0.01357 / 0.01160; the check's seed is fixed.)
# The seed and the order are fixed: the value is 0.01015 on every run and machine.
# MAX_MSE 0.013 (unchanged): 1.28x the check's own value, the nearest failing wrong network
# (widths 1-4-6-1, 0.01483) 1.14x above it, a missing layer 1.39x; a wrong rate, optimizer or
# loss fails the replay before its MSE is looked at.
FIT_SEED = 7
FIT_PASSES = 30
MAX_MSE = 0.013
# Timing: 938 steps in one epoch, 1.0-2.1 CPU s over 30 runs (bench/keras_spread.py). The timeout also
# covers a TensorFlow import (~7 s idle, up to 35 s loaded).
FIT_TIMEOUT = 300
# The compile, judged by what it trains: the grader's model.fit(x, y, epochs=3) on one replay
# trial (one sample repeated 70 times: 9 updates; kp.ONE_TRIAL), replayed here with the student's
# own layers from the grader's start (keras_procedure). Sigmoid output in (0, 1): targets
# 0.5 ± 0.7..1.0 are never reached.
COMPILE_PROCEDURE = kp.Procedure("SGD", 5.0, "mse", 3)
FIT_PROCEDURE = kp.Procedure("SGD", 5.0, "mse", 1)  # one epoch of FIT_PASSES passes
TARGETS = (0.5, (0.7, 1.0))


def fit_args(X, y, seed):
    return {"X": X, "y": y, "seed": seed, "init": kv.glorot_init(WIDTHS, seed),
            "build": "build_nonlinear_model", "epochs": FIT_PROCEDURE.epochs, "passes": FIT_PASSES}


def sent(args):
    """The data and initial weights the grader sent: what the fit is judged on."""
    return args


def compile_args(rng):
    return {"trials": kp.regression_trials(rng, WIDTHS, *TARGETS, sizes=kp.ONE_TRIAL),
            "input_shape": (1,),
            "build": "build_nonlinear_model", "epochs": COMPILE_PROCEDURE.epochs}


PUBLIC_COMPILE_ARGS = compile_args(np.random.default_rng(2105))


def drawn_compile_args(ctx):
    """The hidden fit_nonlinear_any_data's trials, drawn once per grading."""
    return ctx.once("05.compile_args", lambda c: compile_args(c.rng))


def shared_compile_args(ctx):
    """model_compile's args: the fixed trials, or, when the hidden fit_nonlinear_any_data is
    graded too, its drawn ones (same sizes and targets' range), so that one call of the same
    probe serves both checks (probe_share.py). Public-only grading: the fixed trials."""
    if "fit_nonlinear_any_data" not in ctx.graded:
        return dict(PUBLIC_COMPILE_ARGS)
    return drawn_compile_args(ctx)


FIT_WHAT = (f"build_nonlinear_model() + model.fit(np.concatenate([X] * {FIT_PASSES}), "
            f"np.concatenate([y] * {FIT_PASSES}), shuffle=False)")

CHECKS = [
    Check("load_nonlinear", 15, "keras_models.load_csv", needs=("load_nonlinear",),
          what="load_nonlinear(path)", function="load_nonlinear",
          args={"func": "load_nonlinear", "path": DATA, "default": True},
          expected=lambda args: kv.read_xy(args["path"]), timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.loaded_xy(v, *e, "load_nonlinear(path)",
                                            ("explicit", "default"))),
    Check("model_layers", 25, "keras_models.describe", needs=("build_nonlinear_model",),
          what="build_nonlinear_model()", function="build_nonlinear_model",
          args={"build": "build_nonlinear_model", "build_shape": (1,)},
          expected=None, timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.model_layers(v, LAYERS, (1,), PARAMS,
                                               "build_nonlinear_model()")),
    Check("model_compile", 20, "keras_models.train_trials", needs=("build_nonlinear_model",),
          what="build_nonlinear_model()", function="build_nonlinear_model",
          args=shared_compile_args, expected=lambda args: args,
          timeout=kc.TIMEOUT,
          compare=lambda v, e: kp.compile_outcome(v, e, COMPILE_PROCEDURE,
                                                  "build_nonlinear_model()")),
    Check("fit_nonlinear", 25, "keras_models.fit", needs=("build_nonlinear_model",),
          what=FIT_WHAT, function="build_nonlinear_model",
          args=fit_args(*kv.read_xy(DATA), FIT_SEED), expected=sent, timeout=FIT_TIMEOUT,
          compare=lambda v, e: kfr.replayed_fit(v, e, FIT_PROCEDURE, MAX_MSE, FIT_WHAT)),
]
