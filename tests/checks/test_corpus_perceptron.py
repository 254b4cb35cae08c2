"""01_perceptron corpus (issue 9 §8): whole submissions in the styles students write, each with
its exact expected score and failing-check set, graded through the real pipeline.

Files: tests/corpus/01_perceptron/<style>.py.
"""
from tests.checks.corpus import CorpusProof, Fails

AID = "01_perceptron"

STEP = {"step_values", "step_random", "step_no_mutation"}
PERCEPTRON = {"perceptron_values", "perceptron_random", "perceptron_bad_activation",
              "perceptron_no_mutation"}
TRAIN = {"train_perceptron_gates", "train_perceptron_random", "train_perceptron_xor",
         "train_perceptron_no_mutation"}

# style → exact failing-check set (and the share a partly right check keeps); the score
# follows from the registry
TABLE = {
    "lambdas": Fails(),
    "method_aliases": Fails(),
    "class_based": Fails(),  # ACTIVATIONS = {"step": Step(), ...}
    "math_loops": Fails(),
    "numpy_scalars": Fails(),
    "other_gate_weights": Fails(),  # other valid (w, b), a while-loop trainer
    "int_step_vectorize": Fails(),  # int-valued step, np.vectorize + math.exp
    # scalar-only step: step's checks only; perceptron (which uses step) fails its batch cases
    # on the first run and passes measured again with the reference step (autograder/isolate.py)
    "scalar_only_step": Fails(STEP),
    # all misclassified samples of an epoch at once: not the documented per-sample rule
    "batch_update_rule": Fails(TRAIN),
}


class TestCorpus(CorpusProof):
    AID = AID
    TABLE = TABLE
    COMPLETE = True

    def test_scalar_only_code_gets_the_vectorize_advice(self, graded):
        step = next(c for c in graded[("scalar_only_step", 11)].checks if c.name == "step_values")
        assert step.key == "call.not_vectorized"
