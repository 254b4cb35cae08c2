"""Oracle tests of solutions.optimizers (04_optimizers) against Keras 3 optimizers.

Problem: elongated bowl J(w) = 1/2 (1 * w1^2 + 10 * w2^2), grad = (w1, 10 w2),
start w0 = (-4, 1.5), 40 steps. Keras runs on a float64 keras.Variable and gets
the same numpy gradient at its current point each step.

Update rules read from keras/src/optimizers/{sgd,rmsprop,adagrad,adam}.py
(Keras 3.15):
- SGD(momentum=b):  m <- b m - lr g;  w <- w + m            == our Momentum.
- SGD(momentum=b, nesterov=True): m <- b m - lr g(p);  p <- p + b m - lr g(p).
  Keras stores the look-ahead point p = w + b m; ours stores w. Mapping:
  w = p - b m (Keras' m), and p_0 = w_0 since m_0 = 0.
- Adagrad: s <- s + g^2; w <- w - lr g / sqrt(s + eps) (same eps placement as
  ours); its initial_accumulator_value defaults to 0.1, set to 0.0 here.
- RMSprop: s <- rho s + (1 - rho) g^2; w <- w - lr g / sqrt(s + eps): same as ours.
- Adam: w <- w - lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(s) + eps_k), which is
  ours with eps = eps_k / sqrt(1 - b2^t) (a step-dependent eps); with eps = 0 in
  both the rules are identical (g is never 0 on this path).

Precision: Keras keeps learning_rate in a float32 variable and casts the Python
momentum/beta_1 to float32, so with lr = 0.1 or beta = 0.9 the paths differ at
float32 rounding.
The exact tests therefore use binary-exact hyperparameters (lr = 0.0625/0.125/0.5,
beta = beta1 = 0.875, beta2 = 1 - 2^-10), and then the float64 paths agree to
rtol 1e-12 (measured max |diff| / max |w|: SGD, Momentum, AdaGrad 0.0;
Nesterov, RMSProp 5.6e-17; Adam 2.1e-17).
The lecture-default hyperparameters (lr 0.05/0.1, beta 0.9, beta2 0.999) are
checked at max relative diff < 2e-5 (float32 rounding of lr/beta carried over
40 steps; measured Momentum 8.9e-8, Nesterov 6.7e-8, RMSProp 7.6e-9, Adam 3.9e-6).
"""
import numpy as np
import pytest

from solutions import optimizers as O

from .conftest import Lazy

keras = Lazy("keras")  # TensorFlow: imported by the first test that uses it

A = np.array([1.0, 10.0])
W0 = np.array([-4.0, 1.5])
STEPS = 40


def grad(w):
    return A * w


def keras_path(opt, nesterov_beta=None):
    v = keras.Variable(W0.copy(), dtype="float64")
    path = [W0.copy()]
    for _ in range(STEPS):
        g = grad(v.numpy())
        opt.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), v)])
        p = v.numpy()
        if nesterov_beta is not None:
            m = opt.momentums[0].numpy()
            p = p - nesterov_beta * m
        path.append(p)
    return np.array(path)


def max_rel(a, b):
    return float(np.max(np.abs(a - b)) / np.max(np.abs(b)))


EXACT = [
    ("SGD", lambda: O.SGD(0.0625), lambda: keras.optimizers.SGD(0.0625), None),
    ("Momentum", lambda: O.Momentum(0.0625, beta=0.875),
     lambda: keras.optimizers.SGD(0.0625, momentum=0.875), None),
    ("Nesterov", lambda: O.Nesterov(0.0625, beta=0.875),
     lambda: keras.optimizers.SGD(0.0625, momentum=0.875, nesterov=True), 0.875),
    ("AdaGrad", lambda: O.AdaGrad(0.5, eps=1e-8),
     lambda: keras.optimizers.Adagrad(0.5, initial_accumulator_value=0.0, epsilon=1e-8), None),
    ("RMSProp", lambda: O.RMSProp(0.125, rho=0.9, eps=1e-8),
     lambda: keras.optimizers.RMSprop(0.125, rho=0.9, epsilon=1e-8), None),
    ("Adam", lambda: O.Adam(0.125, beta1=0.875, beta2=1 - 2**-10, eps=0.0),
     lambda: keras.optimizers.Adam(0.125, beta_1=0.875, beta_2=1 - 2**-10, epsilon=0.0), None),
]

DEFAULTS = [
    ("Momentum", lambda: O.Momentum(0.05), lambda: keras.optimizers.SGD(0.05, momentum=0.9), None),
    ("Nesterov", lambda: O.Nesterov(0.05),
     lambda: keras.optimizers.SGD(0.05, momentum=0.9, nesterov=True), 0.9),
    ("RMSProp", lambda: O.RMSProp(0.1), lambda: keras.optimizers.RMSprop(0.1, epsilon=1e-8), None),
    ("Adam", lambda: O.Adam(0.1, eps=0.0), lambda: keras.optimizers.Adam(0.1, epsilon=0.0), None),
]


@pytest.mark.slow  # starts TensorFlow (~5 CPU s)
@pytest.mark.parametrize("name, ours, theirs, nb", EXACT, ids=[e[0] for e in EXACT])
def test_matches_keras_float64(name, ours, theirs, nb):
    mine = O.minimize(ours(), grad, W0, STEPS)
    np.testing.assert_allclose(mine, keras_path(theirs(), nb), rtol=1e-12, atol=1e-15)
    # and the path really moves toward the minimum at 0
    assert np.linalg.norm(mine[-1]) < 0.5 * np.linalg.norm(W0)


@pytest.mark.slow  # starts TensorFlow
@pytest.mark.parametrize("name, ours, theirs, nb", DEFAULTS, ids=[e[0] for e in DEFAULTS])
def test_matches_keras_lecture_defaults(name, ours, theirs, nb):
    mine = O.minimize(ours(), grad, W0, STEPS)
    assert max_rel(mine, keras_path(theirs(), nb)) < 2e-5


@pytest.mark.slow  # starts TensorFlow
def test_adam_eps_conversion():
    """Keras' eps_k equals our eps * sqrt(1 - beta2^t): check the first step exactly."""
    eps = 1e-3
    mine = O.minimize(O.Adam(0.125, 0.875, 1 - 2**-10, eps=eps), grad, W0, 1)
    k = keras_path_steps(keras.optimizers.Adam(
        0.125, beta_1=0.875, beta_2=1 - 2**-10, epsilon=eps * np.sqrt(2**-10)), 1)
    np.testing.assert_allclose(mine, k, rtol=1e-12)


def keras_path_steps(opt, steps):
    v = keras.Variable(W0.copy(), dtype="float64")
    out = [W0.copy()]
    for _ in range(steps):
        g = grad(v.numpy())
        opt.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), v)])
        out.append(v.numpy())
    return np.array(out)


# --- hand-computed first steps and state --------------------------------------------
def test_first_steps_by_hand():
    w = np.array([2.0, -1.0])
    g = grad(w)
    np.testing.assert_allclose(O.SGD(0.1).step(w, grad), w - 0.1 * g)
    opt = O.Momentum(0.1, 0.9)
    w1 = opt.step(w, grad)
    np.testing.assert_allclose(opt.m, -0.1 * g)
    w2 = opt.step(w1, grad)
    np.testing.assert_allclose(w2, w1 + 0.9 * (-0.1 * g) - 0.1 * grad(w1))
    opt = O.Nesterov(0.1, 0.9)
    w1 = opt.step(w, grad)
    m1 = opt.m.copy()
    w2 = opt.step(w1, grad)
    np.testing.assert_allclose(w2, w1 + 0.9 * m1 - 0.1 * grad(w1 + 0.9 * m1))
    opt = O.AdaGrad(0.1, eps=1e-8)
    np.testing.assert_allclose(opt.step(w, grad), w - 0.1 * g / np.sqrt(g**2 + 1e-8))
    opt = O.RMSProp(0.1, rho=0.9, eps=1e-8)
    np.testing.assert_allclose(opt.step(w, grad), w - 0.1 * g / np.sqrt(0.1 * g**2 + 1e-8))
    opt = O.Adam(0.1, eps=1e-8)
    # first Adam step: m_hat = g, s_hat = g^2 -> w - lr * g / (|g| + eps)
    np.testing.assert_allclose(opt.step(w, grad), w - 0.1 * g / (np.abs(g) + 1e-8))
    assert opt.t == 1 and isinstance(opt.t, int)


def test_initial_state():
    assert O.Momentum(0.1).m == 0.0 and O.Nesterov(0.1).m == 0.0
    assert O.AdaGrad(0.1).s == 0.0 and O.RMSProp(0.1).s == 0.0
    adam = O.Adam(0.1)
    assert (adam.m, adam.s, adam.t) == (0.0, 0.0, 0)
    defaults = {
        "Momentum": (O.Momentum(0.1).beta,), "Nesterov": (O.Nesterov(0.1).beta,),
        "AdaGrad": (O.AdaGrad(0.1).eps,), "RMSProp": (O.RMSProp(0.1).rho, O.RMSProp(0.1).eps),
        "Adam": (adam.beta1, adam.beta2, adam.eps),
    }
    assert defaults == {"Momentum": (0.9,), "Nesterov": (0.9,), "AdaGrad": (1e-8,),
                        "RMSProp": (0.9, 1e-8), "Adam": (0.9, 0.999, 1e-8)}


def test_minimize_path_shape_and_start():
    w0 = np.array([1.0, 2.0, 3.0])
    path = O.minimize(O.SGD(0.1), lambda w: 2 * w, w0, 5)
    assert path.shape == (6, 3) and path.dtype == np.float64
    np.testing.assert_array_equal(path[0], w0)
    np.testing.assert_allclose(path[-1], w0 * 0.8**5)
    np.testing.assert_array_equal(w0, [1.0, 2.0, 3.0])


def test_momentum_beats_sgd_on_elongated_bowl():
    """Lecture 4.2 claim, at equal lr on the bowl: momentum/Nesterov get closer in 40 steps."""
    lr = 0.02
    d = {name: np.linalg.norm(O.minimize(opt, grad, W0, STEPS)[-1])
         for name, opt in [("sgd", O.SGD(lr)), ("mom", O.Momentum(lr)), ("nag", O.Nesterov(lr))]}
    assert d["mom"] < d["sgd"] and d["nag"] < d["sgd"]
