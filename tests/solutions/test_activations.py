"""Oracle tests of solutions.activations (03_activations).

- Derivatives vs central finite differences (float64, h = 1e-5, x sampled with
  |x| in [0.1, 3] to stay off the kink at 0): relative error < 1e-7.
  Worst measured: see WORST_FD below.
- Values vs Keras 3 (keras.activations / keras.layers.PReLU) evaluated on float64
  tensors: Keras keeps float64 here, so the tolerance is rtol 1e-12 (measured max
  abs diff: see KERAS_MAX_DIFF below). Keras' LeakyReLU default negative_slope is
  0.3 (ours 0.01), so the slope is passed explicitly; Keras rounds the slope to
  float32, so leaky ReLU is compared at float(np.float32(slope)); with the
  unrounded slopes the max abs diff on [-5, 5] is 1.1e-9 (0.01) and 6.0e-8 (0.3).
"""
import numpy as np
import pytest

from solutions import activations as A

from .conftest import Lazy, away_from_zero, fd_rel_error

keras = Lazy("keras")

H = 1e-5
TOL = 1e-7
# Worst measured FD relative errors (rng seed 12345, 400 samples each):
WORST_FD = {"relu": 6.6e-12, "leaky_relu": 1.1e-11, "leaky_relu_a0.2": 2.9e-11,
            "elu": 6.0e-11, "elu_alpha0.5": 6.0e-11, "tanh": 4.4e-10,
            "prelu_dx": 2.4e-11, "prelu_dalpha": 5.6e-12}
# Max |ours - keras| measured on float64 inputs in [-5, 5]:
KERAS_MAX_DIFF = {"relu": 0.0, "leaky_relu(float32 slope)": 0.0, "elu": 1.1e-16,
                  "tanh": 3.3e-16, "sigmoid": 2.2e-16, "prelu": 0.0}


def fd(f, x):
    return (f(x + H) - f(x - H)) / (2 * H)


@pytest.mark.parametrize(
    "f, df",
    [
        (A.relu, A.relu_derivative),
        (A.leaky_relu, A.leaky_relu_derivative),
        (lambda x: A.leaky_relu(x, a=0.2), lambda x: A.leaky_relu_derivative(x, a=0.2)),
        (A.elu, A.elu_derivative),
        (lambda x: A.elu(x, alpha=0.5), lambda x: A.elu_derivative(x, alpha=0.5)),
        (A.tanh, A.tanh_derivative),
    ],
    ids=["relu", "leaky_relu", "leaky_relu_a0.2", "elu", "elu_alpha0.5", "tanh"],
)
def test_derivatives_fd(rng, f, df):
    x = away_from_zero(rng, 400)
    err = fd_rel_error(df(x), fd(f, x))
    assert err < TOL, err


def test_derivative_values_at_and_around_zero():
    x = np.array([-2.0, 0.0, 2.0])
    np.testing.assert_array_equal(A.relu_derivative(x), [0, 0, 1])
    np.testing.assert_array_equal(A.leaky_relu_derivative(x, a=0.1), [0.1, 0.1, 1])
    np.testing.assert_allclose(A.elu_derivative(x, alpha=2.0), [2 * np.exp(-2), 1, 1])
    np.testing.assert_allclose(A.elu(x, alpha=2.0), [2 * np.expm1(-2), 0, 2])
    np.testing.assert_array_equal(A.prelu(x, 0.25), [-0.5, 0, 2])
    np.testing.assert_allclose(A.tanh_derivative(0.0), 1.0)


def test_prelu_gradients_fd(rng):
    x = away_from_zero(rng, 400)
    up = rng.normal(size=x.shape)
    alpha = 0.25

    def L(x_, a_):
        return np.sum(up * A.prelu(x_, a_))

    dx, dalpha = A.prelu_gradients(x, alpha, up)
    assert isinstance(dalpha, float) and dx.shape == x.shape
    # L is a sum of separable terms, so dL/dx_i is the FD of up_i * prelu(x_i)
    assert fd_rel_error(dx, fd(lambda z: up * A.prelu(z, alpha), x)) < TOL
    ndalpha = (L(x, alpha + H) - L(x, alpha - H)) / (2 * H)
    assert fd_rel_error(dalpha, ndalpha) < TOL
    # dalpha sums over x < 0 only; an x == 0 entry changes nothing
    dx0, dalpha0 = A.prelu_gradients(np.append(x, 0.0), alpha, np.append(up, 5.0))
    assert dalpha0 == pytest.approx(dalpha, rel=1e-15)


def test_he_normal_reproducible_and_scaled():
    W = A.he_normal(400, 300, np.random.default_rng(0))
    expected = np.random.default_rng(0).standard_normal((400, 300)) * np.sqrt(2.0 / 400)
    np.testing.assert_array_equal(W, expected)
    assert W.shape == (400, 300) and W.dtype == np.float64
    assert W.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)


# --- Keras oracles -----------------------------------------------------------------
X_KERAS = np.linspace(-5, 5, 1001)


def as_np(t):
    return np.asarray(keras.ops.convert_to_numpy(t))


@pytest.mark.parametrize(
    "ours, theirs",
    [
        (A.relu, lambda x: keras.activations.relu(x)),
        # Keras casts negative_slope to float32 even on float64 tensors, so we
        # compare at the float32-rounded slope (differs from 0.01 by 2.2e-10).
        (lambda x: A.leaky_relu(x, a=float(np.float32(0.01))),
         lambda x: keras.activations.leaky_relu(x, negative_slope=0.01)),
        (lambda x: A.leaky_relu(x, a=float(np.float32(0.3))),
         lambda x: keras.layers.LeakyReLU(dtype="float64")(x)),
        (A.elu, lambda x: keras.activations.elu(x, alpha=1.0)),
        (A.tanh, lambda x: keras.activations.tanh(x)),
    ],
    ids=["relu", "leaky_relu", "LeakyReLU_layer_default_0.3", "elu", "tanh"],
)
@pytest.mark.slow  # starts TensorFlow (~5 CPU s)
def test_against_keras(ours, theirs):
    k = as_np(theirs(keras.ops.convert_to_tensor(X_KERAS, dtype="float64")))
    assert k.dtype == np.float64
    np.testing.assert_allclose(ours(X_KERAS), k, rtol=1e-12, atol=1e-15)


@pytest.mark.slow  # starts TensorFlow
def test_sigmoids_against_keras():
    from solutions import backprop, perceptron

    k = as_np(keras.activations.sigmoid(keras.ops.convert_to_tensor(X_KERAS, dtype="float64")))
    np.testing.assert_allclose(perceptron.sigmoid(X_KERAS), k, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(backprop.sigmoid(X_KERAS), k, rtol=1e-12, atol=1e-15)


@pytest.mark.slow  # starts TensorFlow
def test_prelu_against_keras_layer():
    alpha = 0.25
    layer = keras.layers.PReLU(
        alpha_initializer=keras.initializers.Constant(alpha), dtype="float64")
    x = X_KERAS.reshape(-1, 1)
    k = as_np(layer(keras.ops.convert_to_tensor(x, dtype="float64")))
    np.testing.assert_allclose(A.prelu(x, alpha), k, rtol=1e-12, atol=1e-15)
