"""06_mnist hidden check: train_mnist on a random subset for a random number of epochs, both drawn
at grading time, from drawn initial weights. Catches a train_mnist that ignores `epochs` (Keras
then trains 1 epoch), that does not train, or that trains on data of its own (e.g. the test set):
more steps per epoch than samples given (child-reported) and a test accuracy that so little data
cannot reach (computed here from the returned weights)."""
from autograder.checks import keras_fit as kf
from autograder.checks import keras_views as kv
from autograder.checks.base import Check
from autograder.checks.public.mnist import WIDTHS, judged_on
from autograder.compare import PASS, Outcome, fail

# Test accuracy after honest training on 64-160 images for 2-3 epochs (batch 32: 2-5 steps per
# epoch), from the grader's Glorot init, measured on 6 draws: 0.37-0.71 (n = 64-135). Training on
# other data for 2 epochs instead: the test set (313 steps/epoch) 0.966, the whole training set
# (1,875 steps/epoch) 0.977. SUBSET_MAX_ACC 0.90: margin >= 0.19 above honest training (n up to
# 160 adds a few points), 0.066 below the cheats.
SUBSET_MAX_ACC = 0.90


def subset_args(ctx):
    # n <= 160: honest training runs ceil(n / batch) <= n steps per epoch at any batch size;
    # a train_mnist fitting data of its own at the default batch 32 runs 313 (test set) or
    # 1,875 (training set) steps.
    n = int(ctx.rng.integers(64, 161))
    seed = int(ctx.rng.integers(0, 2**31))
    return {"mnist_path": ctx.mnist_path, "seed": seed, "epochs": int(ctx.rng.integers(2, 4)),
            "init": kv.glorot_init(WIDTHS, seed),
            "subset": sorted(int(i) for i in ctx.rng.choice(60000, n, replace=False))}


def trained_on_given_data(value, expected, what):
    read = kf.mnist_trained_from(value, expected, what)
    if isinstance(read, Outcome):
        return read
    history, plan, mnist = read
    n, steps = len(expected["sent"]["subset"]), history.params.get("steps")
    if type(steps) is not int or steps > n:
        return fail("keras.steps", what=what, steps=steps, n=n)
    _, (xte, yte) = mnist
    test = kv.accuracy(plan, xte, yte)
    if test is None:
        return kf.cannot_evaluate(("output", "10"), what)
    if test > SUBSET_MAX_ACC:
        return fail("keras.acc_high", what=what, actual=test, limit=SUBSET_MAX_ACC)
    return PASS


WHAT = "train_mnist(model, x_train, y_train, epochs)"

CHECKS = [
    Check("train_mnist_uses_args", 10, "keras_models.mnist_train", hidden=True,
          needs=("build_mnist_model", "train_mnist"), function="train_mnist",
          uses=("build_mnist_model",), what=WHAT, args=subset_args, expected=judged_on,
          timeout=180, compare=lambda v, e: trained_on_given_data(v, e, WHAT)),
]
