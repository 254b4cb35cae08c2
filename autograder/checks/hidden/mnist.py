"""06_mnist hidden check: train_mnist on a random subset for a random number of epochs, both drawn
at grading time. Catches a train_mnist that ignores `epochs` (Keras then trains 1 epoch) or its
data (loads its own, e.g. the test set: more steps per epoch than samples given)."""
from autograder.checks import keras_compare as kc
from autograder.checks.base import Check


def subset_args(ctx):
    # n <= 160: honest training runs ceil(n / batch) <= n steps per epoch at any batch size;
    # a train_mnist fitting data of its own at the default batch 32 runs 313 (test set) or
    # 1,875 (training set) steps.
    n = int(ctx.rng.integers(64, 161))
    return {"mnist_path": ctx.mnist_path, "seed": int(ctx.rng.integers(0, 2**31)),
            "epochs": int(ctx.rng.integers(2, 4)),
            "subset": sorted(int(i) for i in ctx.rng.choice(60000, n, replace=False)),
            "evaluate": False}


CHECKS = [
    Check("train_mnist_uses_args", 10, "keras_models.mnist_train", hidden=True,
          needs=("build_mnist_model", "train_mnist"),
          what="train_mnist(model, x_train, y_train, epochs)", args=subset_args,
          expected=None, timeout=180,
          compare=lambda v, e: kc.trained_on_given_data(
              v, "train_mnist(model, x_train, y_train, epochs)")),
]
