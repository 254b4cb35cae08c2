"""Contract tests shared by the numpy reference modules (01-04).

Inputs are never modified, outputs are new float64 arrays, int inputs work,
overflow-prone inputs raise no warnings, and modules 01-04 import no Keras,
TensorFlow, pandas or matplotlib.
"""
import ast
import inspect
import warnings
from pathlib import Path

import numpy as np
import pytest

from solutions import activations as A
from solutions import backprop as B
from solutions import optimizers as O
from solutions import perceptron as P

X = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]])
V = np.array([-1000.0, -2.5, -0.5, 0.0, 0.5, 2.5, 1000.0])

# (callable, args) -- each call must leave args untouched and return new float64 arrays
CALLS = [
    (P.step, (V,)), (P.sigmoid, (V,)), (lambda X_, w_: P.perceptron(X_, w_, -1.0), (X, np.array([1.0, 1.0]))),
    (lambda X_, w_: P.perceptron(X_, w_, 0.5, activation="sigmoid"), (X, np.array([0.3, -0.2]))),
    (P.poly_features, (X,)),
    (lambda X_, t_: P.train_perceptron(X_, t_), (X, np.array([-1.0, -1.0, -1.0, 1.0]))),
    (B.sigmoid, (V,)), (B.sigmoid_derivative, (V,)),
    (lambda w_, x_: B.delta_rule_step(w_, 0.1, x_, 1.0, 0.5), (np.array([0.2, -0.3]), np.array([1.0, 2.0]))),
    (A.relu, (V,)), (A.relu_derivative, (V,)), (A.leaky_relu, (V,)), (A.leaky_relu_derivative, (V,)),
    (lambda v: A.prelu(v, 0.25), (V,)),
    (lambda v, u: A.prelu_gradients(v, 0.25, u), (V, np.arange(7.0))),
    (A.elu, (V,)), (A.elu_derivative, (V,)), (A.tanh, (V,)), (A.tanh_derivative, (V,)),
    (lambda w: O.minimize(O.Adam(0.1), lambda z: 2 * z, w, 3), (np.array([1.0, -2.0]),)),
]


def arrays_in(obj):
    if isinstance(obj, np.ndarray):
        yield obj
    elif isinstance(obj, (tuple, list)):
        for o in obj:
            yield from arrays_in(o)
    elif isinstance(obj, dict):
        for o in obj.values():
            yield from arrays_in(o)


@pytest.mark.parametrize("fn, args", CALLS)
def test_no_mutation_new_float64_no_warnings(fn, args):
    before = [a.copy() for a in args]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = fn(*args)
    for a, b in zip(args, before):
        np.testing.assert_array_equal(a, b)
    outs = list(arrays_in(out))
    assert outs
    for o in outs:
        assert o.dtype == np.float64
        assert not any(np.shares_memory(o, a) for a in args)


def test_int_inputs_give_float64():
    ints = np.array([-2, 0, 3])
    for f in (P.step, P.sigmoid, B.sigmoid, B.sigmoid_derivative, A.relu, A.relu_derivative,
              A.leaky_relu, A.leaky_relu_derivative, A.elu, A.elu_derivative, A.tanh,
              A.tanh_derivative):
        assert f(ints).dtype == np.float64, f.__name__
    assert P.perceptron(np.array([[1, -1]]), np.array([1, 1]), 0).dtype == np.float64
    assert P.poly_features(np.array([[1, 2]])).dtype == np.float64


def test_sigmoid_extremes_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for f in (P.sigmoid, B.sigmoid):
            np.testing.assert_array_equal(f(np.array([-1000.0, 1000.0])), [0.0, 1.0])
            assert f(-1000.0) == 0.0 and f(1000.0) == 1.0
        np.testing.assert_array_equal(B.sigmoid_derivative(np.array([-1000.0, 1000.0])), [0, 0])
        assert A.elu(1000.0) == 1000.0 and A.elu(-1000.0) == -1.0


def test_backprop_functions_do_not_mutate_params():
    p = B.init_mlp(2, 3, 1, seed=0)
    snapshot = {k: v.copy() for k, v in p.items()}
    X2 = np.array([[0.0, 1.0], [1.0, 0.0]])
    T = np.array([[1.0], [1.0]])
    Y, cache = B.mlp_forward(X2, p)
    grads = B.mlp_backward(X2, T, p, cache)
    for k in p:
        np.testing.assert_array_equal(p[k], snapshot[k])
        assert not np.shares_memory(grads[k], p[k])
    np.testing.assert_array_equal(X2, [[0.0, 1.0], [1.0, 0.0]])


def test_optimizer_step_does_not_mutate_w():
    for opt in (O.SGD(0.1), O.Momentum(0.1), O.Nesterov(0.1), O.AdaGrad(0.1),
                O.RMSProp(0.1), O.Adam(0.1)):
        w = np.array([1.0, -2.0])
        for _ in range(3):
            new = opt.step(w, lambda z: 2 * z)
            np.testing.assert_array_equal(w, [1.0, -2.0])
            assert not np.shares_memory(new, w)
        state = [getattr(opt, k) for k in ("m", "s") if hasattr(opt, k)]
        assert all(np.shape(s) == (2,) for s in state)


@pytest.mark.parametrize("module", [P, B, A, O])
def test_numpy_modules_import_only_numpy(module):
    tree = ast.parse(inspect.getsource(module))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"numpy"}, imported


@pytest.mark.parametrize("module_name", ["perceptron", "backprop", "activations", "optimizers",
                                         "keras_regression", "mnist", "tanh_practice"])
def test_style_self_contained_public_names(module_name):
    """Every top-level def/class is public with a docstring; no module-level constants."""
    import importlib.util

    # the source, not the module: importing the Keras solutions would start TensorFlow
    origin = importlib.util.find_spec(f"solutions.{module_name}").origin
    tree = ast.parse(Path(origin).read_text(encoding="utf-8"))
    assert ast.get_docstring(tree)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            assert not node.name.startswith("_"), node.name
            assert ast.get_docstring(node), node.name
        else:
            assert isinstance(node, (ast.Import, ast.ImportFrom, ast.Expr)), ast.dump(node)[:80]
