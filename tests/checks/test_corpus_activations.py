"""03_activations corpus: whole submissions written in the styles students use (tests/corpus/).

Each entry's exact score and failing-check set, on two seeds, through the real pipeline.
"""
from tests.checks.corpus import CorpusProof, Entry

SCALAR_ONLY = {"relu_values", "relu_no_mutation", "hidden_relu", "relu_derivative_values",
               "relu_derivative_no_mutation", "hidden_relu_derivative"}

TABLE = {
    "lambdas": Entry(100),
    "class_aliases": Entry(100),
    "math_loops": Entry(100),
    "numpy_scalars": Entry(100),
    "vectorized": Entry(100),
    "notebook_experiments": Entry(100),
    # relu/relu_derivative with `if x > 0` on one number: only their own checks (4+0.5+2+4+0.5+3)
    "scalar_only": Entry(86, SCALAR_ONLY),
    # correct values, but the caller's array is changed in place
    "inplace_out": Entry(99, {"relu_no_mutation", "leaky_relu_no_mutation"}),
    # elu, elu_derivative and he_normal left as stubs: only their own checks are lost
    "partial_stub_left": Entry(64, {"elu_values", "elu_no_mutation", "hidden_elu",
                                    "elu_derivative_values", "elu_derivative_no_mutation",
                                    "hidden_elu_derivative", "he_normal_shape", "he_normal_stats",
                                    "he_normal_rng", "he_normal_gaussian", "hidden_he_normal"}),
    # np.random.randn instead of the rng argument
    "randn_global": Entry(96, {"he_normal_rng"}),
}

class TestCorpus(CorpusProof):
    AID = "03_activations"
    TABLE = TABLE
