"""02_backprop corpus (issue 9 §8): whole submissions in the styles students write, each with
its exact expected score and failing-check set, graded through the real pipeline.

Files: tests/corpus/02_backprop/<style>.py.
"""
from tests.checks.corpus import CorpusProof, Fails

AID = "02_backprop"

XOR = {"train_xor_trajectory", "train_xor_random"}
SIGMOID = {"sigmoid_values", "sigmoid_stable", "sigmoid_random", "sigmoid_no_mutation"}

# style → exact failing-check set; the score follows from the registry
TABLE = {
    "lambdas": Fails(),
    "method_aliases": Fails(),
    "layered_dlfs": Fails(),       # Affine/Sigmoid layers, cache of layer objects
    "per_sample_loops": Fails(),   # math.exp, per-sample backward accumulation
    "numpy_scalars": Fails(),      # np.float64 returns, 2 * rng.random() - 1 init
    "init_other_order": Fails({"init_mlp_draws"}),  # W drawn before U, small random biases
    # scalar-only sigmoid: sigmoid's checks only; its users (sigmoid_derivative, mlp_forward,
    # then mlp_backward and train_xor) fail their first runs and pass measured again with the
    # reference sigmoid / mlp_forward in place of the student's (autograder/isolate.py)
    "scalar_only_sigmoid": Fails(SIGMOID),
    # hard-coded XOR weights with a fabricated falling loss curve: train_xor's checks
    "hardcoded_xor": Fails(XOR),
    "loss_after_update": Fails(XOR),
}


class TestCorpus(CorpusProof):
    AID = AID
    TABLE = TABLE
    COMPLETE = True

    def test_messages_name_the_procedure(self, graded):
        keys = {name: {c.name: c.key for c in graded[(name, 11)].checks}
                for name in ("scalar_only_sigmoid", "hardcoded_xor", "loss_after_update")}
        assert keys["scalar_only_sigmoid"]["sigmoid_values"] == "call.not_vectorized"
        assert keys["hardcoded_xor"]["train_xor_trajectory"] == "backprop.trajectory"
        assert keys["loss_after_update"]["train_xor_random"] == "backprop.loss_after_update"
