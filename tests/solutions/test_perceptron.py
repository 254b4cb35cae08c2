"""Oracle tests of solutions.perceptron (01_perceptron)."""
import itertools
import warnings

import numpy as np
import pytest
from scipy.optimize import linprog

from solutions import perceptron as P

X_BIPOLAR = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]], dtype=np.float64)
TRUTH = {
    "AND": np.array([-1, -1, -1, 1], dtype=np.float64),
    "OR": np.array([-1, 1, 1, 1], dtype=np.float64),
    "NAND": np.array([1, 1, 1, -1], dtype=np.float64),
    "XOR": np.array([-1, 1, 1, -1], dtype=np.float64),
}


def test_step_values():
    out = P.step(np.array([-2.5, -1e-300, 0.0, 1e-300, 7]))
    np.testing.assert_array_equal(out, [-1, -1, 0, 1, 1])
    assert out.dtype == np.float64


def test_sigmoid_stable_and_symmetric():
    s = np.linspace(-40, 40, 161)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = P.sigmoid(np.array([-1000.0, 1000.0]))
        ys = P.sigmoid(s)
    np.testing.assert_array_equal(y, [0.0, 1.0])
    np.testing.assert_allclose(ys, 1.0 / (1.0 + np.exp(-s)), rtol=1e-15, atol=0)
    np.testing.assert_allclose(ys + P.sigmoid(-s), 1.0, rtol=0, atol=1e-15)


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_gate_weights_truth_table(gate):
    w, b = P.gate_weights(gate)
    assert isinstance(b, float) and w.dtype == np.float64 and w.shape == (2,)
    np.testing.assert_array_equal(P.perceptron(X_BIPOLAR, w, b), TRUTH[gate])
    # one sample at a time gives the same answers
    for x, t in zip(X_BIPOLAR, TRUTH[gate]):
        assert P.perceptron(x, w, b) == t
    # margins are strict (no output exactly on the boundary)
    assert np.all(np.abs(X_BIPOLAR @ w + b) >= 1)


def test_perceptron_sigmoid_and_errors():
    w, b = np.array([0.5, -2.0]), 0.25
    np.testing.assert_allclose(
        P.perceptron(X_BIPOLAR, w, b, activation="sigmoid"),
        1 / (1 + np.exp(-(X_BIPOLAR @ w + b))), rtol=1e-15)
    with pytest.raises(ValueError, match="activation"):
        P.perceptron(X_BIPOLAR, w, b, activation="relu")
    with pytest.raises(ValueError):
        P.gate_weights("XOR")


def test_poly_features_lecture_order():
    X = np.array([[2.0, 3.0], [-1.0, 0.5]])
    np.testing.assert_array_equal(
        P.poly_features(X), [[4, 2, 6, 9], [1, -1, -0.5, 0.25]])


# --- linear separability oracle: scipy.optimize.linprog -------------------------
def separable(Z, t):
    """Is there (w, b) with t_i (w . z_i + b) >= 1 for all i? (LP feasibility)"""
    A = np.hstack([Z, np.ones((len(Z), 1))])
    res = linprog(c=np.zeros(A.shape[1]), A_ub=-(t[:, None] * A),
                  b_ub=-np.ones(len(Z)), bounds=[(None, None)] * A.shape[1],
                  method="highs")
    assert res.status in (0, 2), res.message  # 0 feasible/optimal, 2 infeasible
    return res.status == 0


@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_lp_gates_separable(gate):
    assert separable(X_BIPOLAR, TRUTH[gate])


def test_lp_xor_infeasible_raw_feasible_with_poly_features():
    assert not separable(X_BIPOLAR, TRUTH["XOR"])
    assert separable(P.poly_features(X_BIPOLAR), TRUTH["XOR"])


def test_grid_no_linear_xor():
    """Exhaustive grid: no (w1, w2, b) in {-3, -2.9, ..., 3}^3 computes XOR."""
    g = np.linspace(-3, 3, 61)
    W1, W2, B = np.meshgrid(g, g, g, indexing="ij")
    params = np.stack([W1.ravel(), W2.ravel(), B.ravel()], axis=1)
    out = np.sign(X_BIPOLAR @ params[:, :2].T + params[:, 2])  # (4, 61^3)
    assert not np.any(np.all(out == TRUTH["XOR"][:, None], axis=0))
    assert np.any(np.all(out == TRUTH["AND"][:, None], axis=0))


# --- training traces --------------------------------------------------------------
@pytest.mark.parametrize("gate", ["AND", "OR", "NAND"])
def test_train_gates_converge(gate):
    w, b, converged, epochs = P.train_perceptron(X_BIPOLAR, TRUTH[gate])
    assert converged is True and isinstance(epochs, int) and epochs < 100
    assert isinstance(b, float) and w.dtype == np.float64
    np.testing.assert_array_equal(P.perceptron(X_BIPOLAR, w, b), TRUTH[gate])


def test_train_trace_by_hand():
    # AND, lr 0.01, zeros: sample 1 (step(0)=0 != -1) -> w=(.01,.01), b=-.01;
    # then all four correct; epoch 2 is clean.
    w, b, converged, epochs = P.train_perceptron(X_BIPOLAR, TRUTH["AND"])
    np.testing.assert_allclose(w, [0.01, 0.01], rtol=0, atol=1e-15)
    assert b == pytest.approx(-0.01, abs=1e-15)
    assert (converged, epochs) == (True, 2)


def test_train_xor_never_converges():
    for max_epochs in (5, 100):
        w, b, converged, epochs = P.train_perceptron(
            X_BIPOLAR, TRUTH["XOR"], max_epochs=max_epochs)
        assert converged is False and epochs == max_epochs


def test_train_xor_converges_with_poly_features():
    Z = P.poly_features(X_BIPOLAR)
    w, b, converged, epochs = P.train_perceptron(Z, TRUTH["XOR"])
    assert converged and w.shape == (4,)
    np.testing.assert_array_equal(P.perceptron(Z, w, b), TRUTH["XOR"])


def test_train_every_separable_boolean_function():
    """All 16 two-input functions: converges iff linprog says separable."""
    for bits in itertools.product([-1.0, 1.0], repeat=4):
        t = np.array(bits)
        w, b, converged, _ = P.train_perceptron(X_BIPOLAR, t, lr=0.1)
        assert converged == separable(X_BIPOLAR, t), bits
