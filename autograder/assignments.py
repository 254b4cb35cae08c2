"""The seven assignments: id → module name (of `solutions.*` and `autograder.checks.*.*`)."""

ASSIGNMENTS = {
    "01_perceptron": "perceptron",
    "02_backprop": "backprop",
    "03_activations": "activations",
    "04_optimizers": "optimizers",
    "05_keras_regression": "keras_regression",
    "06_mnist": "mnist",
    "07_tanh_practice": "tanh_practice",
}
ASSIGNMENT_IDS = tuple(ASSIGNMENTS)
KERAS_ASSIGNMENTS = ("05_keras_regression", "06_mnist", "07_tanh_practice")


def module_of(assignment):
    return ASSIGNMENTS[assignment]
