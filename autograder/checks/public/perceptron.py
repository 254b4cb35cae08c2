"""01_perceptron public checks: fixed inputs students can see; expected values in JSON."""
import numpy as np

from autograder.checks.base import Check
from autograder.compare import same

S = [-3.0, -1.5, -0.0, 0.0, 1e-12, 2.0, 1000.0, -1000.0]

CHECKS = [
    Check("step_values", 5, "common.call", what="step(s)", needs=("step",),
          args={"func": "step", "args": [np.array(S)]},
          compare=lambda a, e: same(a, e, "step(s)")),
]
