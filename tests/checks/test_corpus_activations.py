"""03_activations corpus: whole submissions written in the styles students use (tests/corpus/).

Each entry's exact failing-check set, on two seeds, through the real pipeline; its score follows
from the registry (`Fails`). Contract functions a file leaves out come from the reference.
"""
from tests.checks.corpus import CorpusProof, Fails

SCALAR_ONLY = {"relu_values", "relu_no_mutation", "hidden_relu", "relu_derivative_values",
               "relu_derivative_no_mutation", "hidden_relu_derivative"}

TABLE = {
    "lambdas": Fails(),
    "class_aliases": Fails(),
    "math_loops": Fails(),
    "numpy_scalars": Fails(),
    "vectorized": Fails(),
    "notebook_experiments": Fails(),
    # relu/relu_derivative with `if x > 0` on one number: only their own checks
    "scalar_only": Fails(SCALAR_ONLY),
    # correct values, but the caller's array is changed in place
    "inplace_out": Fails({"relu_no_mutation", "leaky_relu_no_mutation"}),
    # elu, elu_derivative and he_normal left as stubs: only their own checks are lost
    "partial_stub_left": Fails({"elu_values", "elu_no_mutation", "hidden_elu",
                                    "elu_derivative_values", "elu_derivative_no_mutation",
                                    "hidden_elu_derivative", "he_normal_shape", "he_normal_stats",
                                    "he_normal_rng", "he_normal_gaussian", "hidden_he_normal"}),
    # np.random.randn instead of the rng argument
    "randn_global": Fails({"he_normal_rng"}),
}

class TestCorpus(CorpusProof):
    AID = "03_activations"
    TABLE = TABLE
    COMPLETE = True
