"""Tests of the Keras reference modules (05 keras_regression, 06 mnist, 07 tanh_practice).

Every test here starts TensorFlow (the modules import Keras), so the whole module runs
under --run-slow (the README's fast suite stays NumPy-only); some build the models and check
the data loaders, the others train. Every training test seeds keras.utils.set_random_seed(0) and enables
TensorFlow op determinism.

Figures measured with bench/measure_references.py (TF-CPU 2.21 / Keras 3.15,
2 CPU cores, op determinism on; `model.evaluate` on the training data after the
fit for the regressions, on the 10,000 test images for MNIST):

- nonlinear (1000 rows, var(y) = 0.0466, noise variance 0.0025), 100 epochs,
  batch 32: final MSE seed 0: 0.00363, 1: 0.00416, 2: 0.00634, 3: 0.00736,
  4: 0.00485 -> target NONLINEAR_MSE_TARGET = 0.015 (2x the worst seed; a
  constant predictor scores 0.0466).
- tanh / dataset2 (500 rows, var(y) = 0.0751, noise variance 0.0025),
  fit_tanh_model (100 epochs): final MSE seed 0: 0.00377, 1: 0.00339, 2: 0.00356,
  3: 0.00310, 4: 0.00433 -> TANH_MSE_TARGET = 0.010 (2.3x the worst seed;
  constant predictor 0.0751).
- MNIST, train_mnist(epochs=5) (batch 32, 1875 steps/epoch): test accuracy
  seed 0: 0.9777, 1: 0.9769, 2: 0.9761; 18-27 s per epoch -> target 0.97.
"""

import matplotlib.figure
import numpy as np
import pytest

from .conftest import Lazy

pytestmark = pytest.mark.slow  # TensorFlow (see the docstring)

keras = Lazy("keras")  # TensorFlow: imported by the first test that uses it
KR = Lazy("solutions.keras_regression")
MN = Lazy("solutions.mnist")
TP = Lazy("solutions.tanh_practice")

NONLINEAR_MSE_TARGET = 0.015
TANH_MSE_TARGET = 0.010
MNIST_ACC_TARGET = 0.97


def seed_everything(seed=0):
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def layer_summary(model):
    return [(type(l).__name__, getattr(l, "units", None),
             getattr(getattr(l, "activation", None), "__name__", None)) for l in model.layers]


# --- 05 keras_regression ----------------------------------------------------------
def test_load_nonlinear():
    X, y = KR.load_nonlinear()
    assert X.shape == (1000, 1) and y.shape == (1000,)
    assert X.dtype == np.float64 and y.dtype == np.float64
    assert (X >= 0).all() and (X <= 1).all() and (y > 0).all() and (y < 1).all()


def test_load_nonlinear_explicit_path(tmp_path):
    p = tmp_path / "tiny.csv"
    p.write_text("x,y\n0.5,0.25\n1.0,0.75\n")
    X, y = KR.load_nonlinear(p)
    np.testing.assert_array_equal(X, [[0.5], [1.0]])
    np.testing.assert_array_equal(y, [0.25, 0.75])


def test_nonlinear_model_architecture():
    model = KR.build_nonlinear_model()
    assert isinstance(model, keras.Sequential)
    assert layer_summary(model) == [("Dense", 6, "sigmoid"), ("Dense", 4, "sigmoid"),
                                    ("Dense", 1, "sigmoid")]
    assert model.input_shape == (None, 1)
    assert model.count_params() == (1 * 6 + 6) + (6 * 4 + 4) + (4 * 1 + 1)
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    assert float(model.optimizer.learning_rate) == pytest.approx(5.0)
    assert model.loss == "mse"


@pytest.mark.slow
def test_nonlinear_model_fits():
    X, y = KR.load_nonlinear()
    seed_everything(0)
    model = KR.build_nonlinear_model()
    history = model.fit(X, y, epochs=100, verbose=0)  # the lecture's fit, batch 32
    assert len(history.history["loss"]) == 100
    mse = model.evaluate(X, y, verbose=0)
    assert mse < NONLINEAR_MSE_TARGET, mse


# --- 07 tanh_practice ------------------------------------------------------------
def test_load_dataset2():
    X, y = TP.load_dataset2()
    assert X.shape == (500, 1) and y.shape == (500,) and X.dtype == y.dtype == np.float64
    assert (np.abs(y) < 1).all()


def test_tanh_model_architecture_and_curve():
    model = TP.build_tanh_model()
    assert layer_summary(model) == [("Dense", 6, "tanh"), ("Dense", 4, "tanh"),
                                    ("Dense", 1, "tanh")]
    assert model.input_shape == (None, 1)
    assert isinstance(model.optimizer, keras.optimizers.SGD)
    assert float(model.optimizer.learning_rate) == pytest.approx(0.1)
    assert model.loss == "mse"
    domain, y_hat = TP.predict_curve(model)
    np.testing.assert_array_equal(domain, np.linspace(0, 1, 100).reshape(-1, 1))
    assert y_hat.shape == (100, 1)
    np.testing.assert_allclose(y_hat, model.predict(domain, verbose=0), rtol=1e-6)


def test_plot_fit_figure():
    import matplotlib.colors as mcolors
    import matplotlib.pyplot as plt

    X, y = TP.load_dataset2()
    domain = np.linspace(0, 1, 100).reshape(-1, 1)
    y_hat = np.sin(domain)
    fig = TP.plot_fit(X, y, domain, y_hat)
    assert isinstance(fig, matplotlib.figure.Figure)
    (ax,) = fig.axes
    assert ax.get_xlabel() and ax.get_ylabel()
    assert len(ax.collections) == 1 and ax.collections[0].get_offsets().shape == (500, 2)
    reds = [l for l in ax.get_lines() if mcolors.same_color(l.get_color(), "r")]
    assert len(reds) == 1
    np.testing.assert_allclose(reds[0].get_ydata(), y_hat.ravel())
    plt.close(fig)


@pytest.mark.slow
def test_tanh_model_fits():
    X, y = TP.load_dataset2()
    seed_everything(0)
    model = TP.build_tanh_model()
    history = TP.fit_tanh_model(model, X, y)
    assert len(history.history["loss"]) == 100
    mse = model.evaluate(X, y, verbose=0)
    assert mse < TANH_MSE_TARGET, mse


# --- 06 mnist ----------------------------------------------------------------------
def test_mnist_model_params():
    model = MN.build_mnist_model()
    assert model.count_params() == 203_530  # 785*256 + 257*10 (lecture's 253,530 is a typo)
    assert [type(l).__name__ for l in model.layers] == ["Flatten", "Dense", "Dense"]
    assert layer_summary(model)[1:] == [("Dense", 256, "relu"), ("Dense", 10, "softmax")]
    assert model.input_shape == (None, 28, 28)
    assert isinstance(model.optimizer, keras.optimizers.Adam)
    assert model.loss == "sparse_categorical_crossentropy"


def test_load_mnist_scaled(mnist_path):
    (x_train, y_train), (x_test, y_test) = MN.load_mnist(path=mnist_path)
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.float64 and x_test.dtype == np.float64
    assert x_train.min() == 0.0 and x_train.max() == 1.0 and x_test.max() == 1.0
    assert y_train.shape == (60000,) and int(y_train[0]) == 5
    assert x_train[0, 5, 16] == 126 / 255.0  # pixel of the first '5' in the lecture 4.4 printout


@pytest.mark.slow
def test_mnist_trains_to_97_percent(mnist_path):
    (x_train, y_train), (x_test, y_test) = MN.load_mnist()
    seed_everything(0)
    model = MN.build_mnist_model()
    history = MN.train_mnist(model, x_train, y_train, epochs=5)
    assert len(history.history["loss"]) == 5
    _, acc = model.evaluate(x_test, y_test, verbose=0)
    assert acc >= MNIST_ACC_TARGET, acc
