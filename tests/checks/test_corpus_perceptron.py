"""01_perceptron corpus (issue 9 §8): whole submissions in the styles students write, each with
its exact expected score and failing-check set, graded through the real pipeline.

Files: tests/corpus/01_perceptron/<style>.py.
"""
from tests.checks.corpus import CorpusProof, Entry

AID = "01_perceptron"

STEP = {"step_values", "step_random", "step_no_mutation"}
PERCEPTRON = {"perceptron_values", "perceptron_random", "perceptron_bad_activation",
              "perceptron_no_mutation"}
TRAIN = {"train_perceptron_gates", "train_perceptron_random", "train_perceptron_xor",
         "train_perceptron_no_mutation"}

# style → exact score and exact failing-check set
TABLE = {
    "lambdas": Entry(100.0),
    "method_aliases": Entry(100.0),
    "class_based": Entry(100.0),  # ACTIVATIONS = {"step": Step(), ...}
    "math_loops": Entry(100.0),
    "numpy_scalars": Entry(100.0),
    "other_gate_weights": Entry(100.0),  # other valid (w, b), a while-loop trainer
    "int_step_vectorize": Entry(100.0),  # int-valued step, np.vectorize + math.exp
    # scalar-only step: step's 9 points, and perceptron's batch cases with the step activation
    # (perceptron uses step): 2 of 5 public cases (2.4), 1 of 4 hidden (2), gated 3 + 1
    "scalar_only_step": Entry(82.6, STEP | PERCEPTRON),
    # all misclassified samples of an epoch at once: not the documented per-sample rule
    "batch_update_rule": Entry(64.0, TRAIN),
}


class TestCorpus(CorpusProof):
    AID = AID
    TABLE = TABLE

    def test_scalar_only_code_gets_the_vectorize_advice(self, graded):
        step = next(c for c in graded[("scalar_only_step", 11)].checks if c.name == "step_values")
        assert step.key == "call.not_vectorized"
