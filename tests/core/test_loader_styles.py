"""Submissions written in styles students use, graded end to end (real sandbox child).

The loader keeps the closure of the needed names (autograder/loader/filter.py): lambdas, aliases,
bound methods of module-level instances, module-level constants and config dicts load; a
failing statement costs only what depends on it, with a message naming it.
"""
import pytest

from autograder.grade import grade_file
from autograder.options import GradeOptions
from autograder.loader import SubmissionFile
from autograder.messages import render
from tests.fixtures.build import complete

STYLES = '''\
import numpy as np
import matplotlib.pyplot as plt
from math import exp, sqrt

CONFIG = {"leak": 0.01}
_F64 = np.float64


def _arr(x):
    return np.asarray(x, dtype=_F64)


class ReLU:
    """Class-based activation: relu is a bound method of a module-level instance."""

    def function(self, x):
        return np.maximum(_arr(x), 0.0)

    def derivative(self, x):
        return (_arr(x) > 0).astype(_F64)


_relu = ReLU()
relu = _relu.function
relu_derivative = _relu.derivative
leaky_relu = lambda x, a=CONFIG["leak"]: np.where(_arr(x) > 0, _arr(x), a * _arr(x))
leaky_relu_derivative = lambda x, a=CONFIG["leak"]: np.where(_arr(x) > 0, 1.0, a)


class PReLU:
    def __call__(self, x, alpha):
        x = _arr(x)
        return np.where(x > 0, x, alpha * x)

    def gradients(self, x, alpha, upstream):
        x, upstream = _arr(x), _arr(upstream)
        return upstream * np.where(x > 0, 1.0, alpha), float(np.sum(np.where(x < 0, upstream * x,
                                                                              0.0)))


prelu = PReLU()
prelu_gradients = prelu.gradients


def _elu(x, alpha=1.0):
    x = _arr(x)
    return np.where(x >= 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


elu = _elu
elu_derivative = lambda x, alpha=1.0: np.where(_arr(x) >= 0, 1.0,
                                               alpha * np.exp(np.minimum(_arr(x), 0.0)))
tanh = lambda x: np.tanh(_arr(x))


def tanh_derivative(x):
    return 1.0 - tanh(x) ** 2


def he_normal(fan_in, fan_out, rng):
    return rng.standard_normal((fan_in, fan_out)) * sqrt(2.0 / fan_in) * exp(0)


# experiments: never run by the grader
xs = np.linspace(-3, 3, 61)
fig, ax = plt.subplots()
for name in ("relu", "tanh"):
    ax.plot(xs, globals()[name](xs), label=name)
plt.show()
print(relu(xs).sum())
raise SystemExit("the experiments above would end the load if they ran")
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    path = tmp_path_factory.mktemp("styles") / "03_activations.py"
    # contract functions added after STYLES was written come from the reference
    path.write_text(complete("03_activations", STYLES), encoding="utf-8")
    return grade_file(SubmissionFile("03_activations", path),
                      GradeOptions(seed=5, include_hidden=True))


def test_lambdas_aliases_and_instance_methods_score_as_the_reference(graded):
    failed = {c.name: render(c.key, c.fields, "en") for c in graded.checks
              if c.score != c.max_score}
    assert failed == {} and graded.score == graded.max_score == 100
    assert graded.problems == []  # plots, prints and the SystemExit never ran


FAILING = '''\
import numpy as np


class Broken:
    def __init__(self):
        self.scale = 1 / 0


_broken = Broken()
relu = lambda x: np.maximum(np.asarray(x, dtype=np.float64), 0.0)
relu_derivative = _broken.scale


def main():
    def tanh(x):
        return np.tanh(x)
'''


def test_a_failing_statement_costs_only_its_dependents_and_is_named(tmp_path):
    path = tmp_path / "03_activations.py"
    path.write_text(FAILING, encoding="utf-8")
    result = grade_file(SubmissionFile("03_activations", path),
                        GradeOptions(seed=5, include_hidden=True, only=["relu_values", "relu_derivative_values", "tanh_values"]))
    by_name = {c.name: c for c in result.checks}
    assert by_name["relu_values"].score == by_name["relu_values"].max_score
    derivative = by_name["relu_derivative_values"]
    assert derivative.score == 0 and derivative.key == "load.missing_failed"
    assert derivative.fields == {"name": "relu_derivative", "cell": 1, "line": 11,
                                 "type": "NameError",
                                 "message": "name '_broken' is not defined"}
    tanh = by_name["tanh_values"]
    assert tanh.key == "load.missing_nested" and tanh.fields["outer"] == "main"
    assert "define it at the top level" in render(tanh.key, tanh.fields, "en")
    keys = [(k, f.get("line")) for k, f in result.problems]
    assert keys == [("load.cell_error", 9), ("load.cell_error", 11)]
    assert result.problems[0][1]["type"] == "ZeroDivisionError"
