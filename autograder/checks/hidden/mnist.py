"""06_mnist hidden check: train_mnist on two replay trials drawn at grading time (a drawn sparse
image repeated 40 and 70 times, a drawn label, drawn initial weights) for a drawn number of epochs
(2-3), replayed here: Adam, sparse categorical crossentropy, the asked epochs at batch 32. A
train_mnist that ignores `epochs`, changes the batch size, does not train, or trains on data of
its own (e.g. the test set) returns other weights, whatever its History says."""
from autograder.checks import keras_procedure as kp
from autograder.checks.base import Check
from autograder.checks.public.mnist import MNIST_SPEC, WIDTHS, train_procedure

WHAT = "train_mnist(model, x_train, y_train, epochs)"


def drawn_trials(ctx):
    # 2-3 epochs: 4-6 and 6-9 Adam updates on a 784-256-10 network (the child's fit < 1 s).
    return {"trials": kp.mnist_trials(ctx.rng, WIDTHS), "input_shape": (28, 28),
            "spec": MNIST_SPEC, "fit": "train_mnist", "pass_epochs": True,
            "epochs": int(ctx.rng.integers(2, 4)), "seed": int(ctx.rng.integers(0, 2**31))}


def trained_on_given_data(value, expected, what):
    return kp.fit_outcome(value, expected, train_procedure(expected["epochs"]), what,
                          other_data=kp.untouched_inputs)


CHECKS = [
    Check("train_mnist_uses_args", 10, "keras_models.train_trials", hidden=True,
          needs=("train_mnist",), function="train_mnist", what=WHAT, args=drawn_trials,
          expected=lambda args: args, timeout=180,
          compare=lambda v, e: trained_on_given_data(v, e, WHAT)),
]
