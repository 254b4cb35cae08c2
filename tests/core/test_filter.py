"""The loader's closure of needed names (autograder/loader/filter.py), run in-process on cells."""
from autograder.loader.filter import strip_magics
from autograder.loader.names import analyse
from autograder.loader.parse import filter_cells


def kept(cells, needed, contract=None):
    """Cells (strings, numbered from 1) → the kept statements' first lines, stripped."""
    problems = []
    chunks, elsewhere = filter_cells([(i, c, None) for i, c in enumerate(cells, start=1)],
                                     set(needed), set(contract or needed), problems)
    kept.problems, kept.elsewhere, kept.chunks = problems, elsewhere, chunks
    return [c.source.strip().split("\n")[0] for c in chunks]


def test_lambda_keeps_the_import_it_uses():
    assert kept(["import numpy as np\nimport matplotlib.pyplot as plt\n",
                 "relu = lambda x: np.maximum(x, 0)\n"], {"relu"}) == [
        "import numpy as np", "relu = lambda x: np.maximum(x, 0)"]


def test_method_of_an_instance_keeps_the_instance_and_its_class():
    cells = ["import numpy as np\n",
             "class ReLU:\n    def function(self, x):\n        return np.maximum(x, 0)\n",
             "_relu = ReLU()\nrelu = _relu.function\nprint(relu(3))\n"]
    assert kept(cells, {"relu"}) == ["import numpy as np", "class ReLU:", "_relu = ReLU()",
                                     "relu = _relu.function"]


def test_class_alias_and_from_import():
    cells = ["from math import exp\nimport math\n",
             "class SGD:\n    def step(self, w):\n        return w * exp(0)\n",
             "sgd = SGD\n"]
    assert kept(cells, {"sgd"}) == ["from math import exp", "class SGD:", "sgd = SGD"]


def test_module_level_rng_and_config_dict_used_by_a_class():
    cells = ["import numpy as np\nrng = np.random.default_rng(0)\nCONFIG = {'lr': 0.1}\n",
             "def init_mlp(n):\n    return rng.normal(size=n)\n",
             "class Opt:\n    def __init__(self, lr=None):\n        self.lr = lr or CONFIG['lr']\n",
             "CONFIG['lr'] = 0.2\nCONFIG.update(beta=0.9)\nother = {}\nother['x'] = 1\n"]
    assert kept(cells, {"init_mlp", "Opt"}) == [
        "import numpy as np", "rng = np.random.default_rng(0)", "CONFIG = {'lr': 0.1}",
        "def init_mlp(n):", "class Opt:", "CONFIG['lr'] = 0.2", "CONFIG.update(beta=0.9)"]


def test_mutations_of_needed_objects_are_kept_in_order():
    cells = ["def relu(x):\n    return max(x, 0) * relu.scale\n", "relu.scale = 1.0\n",
             "cache = []\ncache.append(0)\n", "def f():\n    return cache\n"]
    assert kept(cells, {"relu", "f"}) == ["def relu(x):", "relu.scale = 1.0", "cache = []",
                                         "cache.append(0)", "def f():"]


def test_plots_training_prints_and_their_imports_are_dropped():
    cells = ["import numpy as np\nimport matplotlib.pyplot as plt\nimport time\n",
             "def train(X, epochs=10):\n    for epoch in range(epochs):\n        X = X * 0.5\n"
             "    return X\n",
             "X = np.ones(3)\nepochs = 100\nfor epoch in range(epochs):\n    X = train(X)\n",
             "fig, ax = plt.subplots()\nax.plot(train(X))\nplt.show()\nprint(time.time())\n",
             "np.random.seed(0)\nplt.rcParams['figure.dpi'] = 80\n"]
    assert kept(cells, {"train"}) == ["def train(X, epochs=10):"]


def test_imported_module_calls_are_not_kept_even_when_the_module_is():
    cells = ["import matplotlib.pyplot as plt\n",
             "def plot_fit(x):\n    fig, ax = plt.subplots()\n    return fig\n",
             "plt.plot([1, 2])\nplt.show()\n"]
    assert kept(cells, {"plot_fit"}) == ["import matplotlib.pyplot as plt", "def plot_fit(x):"]


def test_redefinitions_run_in_notebook_order():
    cells = ["def step(s):\n    raise NotImplementedError()\n",
             "step = lambda s: 0.0\n", "def step(s):\n    return 1.0\n"]
    assert kept(cells, {"step"}) == ["def step(s):", "step = lambda s: 0.0", "def step(s):"]


def test_locals_and_parameters_do_not_pull_in_top_level_work():
    cells = ["def train_perceptron(X, t, lr=0.1):\n    epochs = 0\n    w = X[0] * t\n"
             "    return [w * lr for _ in range(epochs)]\n",
             "for t in (1, 2):\n    w, epochs, lr = train_perceptron([1], t), 3, 0.5\n",
             "X = load_everything()\n"]
    assert kept(cells, {"train_perceptron"}) == ["def train_perceptron(X, t, lr=0.1):"]


def test_default_args_decorators_bases_and_class_bodies_are_followed():
    cells = ["A = 1\nB = 2\nC = 3\nD = 4\nE = 5\nunused = 6\n",
             "@deco\ndef f(x=A, *, y: B = 0):\n    return x\n",
             "def deco(g):\n    return g\n",
             "class K(Base):\n    z = C\n    def m(self):\n        return D + [E for _ in z]\n",
             "class Base:\n    pass\n"]
    out = kept(cells, {"f", "K"})
    assert out == ["A = 1", "B = 2", "C = 3", "D = 4", "E = 5", "@deco", "def deco(g):",
                   "class K(Base):", "class Base:"]


def test_global_setter_and_star_import():
    cells = ["from numpy import *\n", "def init():\n    global W\n    W = zeros(2)\n",
             "init()\n", "def forward(x):\n    return x @ W\n"]
    assert kept(cells, {"forward"}) == ["from numpy import *", "def init():", "init()",
                                       "def forward(x):"]
    assert kept(["from numpy import *\n", "def f():\n    return 1\n"], {"f"}) == ["def f():"]


def test_statements_sharing_a_line_stay_together_and_line_numbers_are_kept():
    out = kept(["x = 1\n\n\nrelu = abs; y = 2\nz = 3\n"], {"relu"})
    assert out == ["relu = abs; y = 2"]
    chunk = kept.chunks[0]
    assert (chunk.cell, chunk.line, chunk.source.index("relu")) == (1, 4, 3)


def test_blocks_binding_a_needed_name_are_kept_whole():
    cells = ["try:\n    import tensorflow as tf\nexcept ImportError:\n    tf = None\n",
             "if True:\n    def relu(x):\n        return tf\n"]
    assert kept(cells, {"relu"}) == ["try:", "if True:"]


def test_names_inside_functions_are_not_top_level_definitions():
    assert kept(["def main():\n    def relu(x):\n        return x\n"], {"relu"}) == []
    assert kept.elsewhere["relu"] == ("load.missing_nested", {"name": "relu", "outer": "main",
                                                              "cell": 1, "line": 2})


def test_dropped_and_broken_cells_are_named_when_they_hold_a_needed_name():
    problems = []
    cells = [(1, "%%time\ndef relu(x):\n    return x\n", None),
             (2, "def sigmoid(s):\n    return s\n", "test"),
             (3, "def tanh(x:\n    return x\n", None)]
    chunks, elsewhere = filter_cells(cells, {"relu", "sigmoid", "tanh", "elu"},
                                     {"relu", "sigmoid", "tanh", "elu"}, problems)
    assert chunks == [] and [k for k, _ in problems] == ["load.syntax_error"]
    assert elsewhere == {
        "relu": ("load.missing_in_magic_cell", {"name": "relu", "cell": 1}),
        "sigmoid": ("load.missing_in_test_cell", {"name": "sigmoid", "cell": 2}),
        "tanh": ("load.missing_syntax", {"name": "tanh", "cell": 3})}


def test_compile_time_errors_drop_only_their_statement():
    out = kept(["def relu(x):\n    return x\nreturn 5\nrelu2 = relu\n"], {"relu2"})
    assert out == ["def relu(x):", "relu2 = relu"]
    assert kept(["relu = 1\nbreak\n"], {"relu"}) == ["relu = 1"]


def test_analysis_of_scopes():
    names = analyse(__import__("ast").parse(
        "def f(a, b=B0):\n    global G\n    G = a\n    c = [a + d for d in D]\n"
        "    def g():\n        nonlocal c\n        return c + E\n    return H\n").body[0])
    assert names.binds == {"f"} and names.global_sets == {"G"}
    assert names.uses == {"B0", "D", "E", "H", "G"}


def test_magics_removed():
    assert strip_magics("%%time\nx = 1") == ""
    assert strip_magics("!pip install x\n%matplotlib inline\ny = 2").splitlines() == ["", "", "y = 2"]


def test_class_body_names_are_its_own_but_methods_read_globals():
    cells = ["lr = 0.5\nfor lr in (0.1, 0.01):\n    run(lr)\nbeta = 0.9\n",
             "class Adam:\n    lr = 0.001\n    def __init__(self, lr=lr):\n        self.b = beta\n"]
    assert kept(cells, {"Adam"}) == ["beta = 0.9", "class Adam:"]


def test_past_the_padding_budget_a_cells_statements_load_as_one_chunk(monkeypatch):
    import autograder.loader.filter as filter_module
    monkeypatch.setattr(filter_module, "PADDING_BUDGET", 3)
    out = kept(["a = 1\nb = 2\n", "\n\nc = 3\nprint(c)\nd = 4\n"], {"a", "b", "c", "d"})
    assert out == ["a = 1", "b = 2", "c = 3"]
    merged = kept.chunks[-1]
    assert merged.source == "\n\nc = 3\n\nd = 4\n" and (merged.line, merged.end) == (3, 5)


def test_line_numbers_follow_python_not_str_splitlines():
    """A form feed or U+2028 inside a string is not a line break for Python."""
    cells = ["x = 1\r\ndoc = 'a\u2028b\x0cc'\r\ndef f():\r\n    return doc\r\n"]
    assert kept(cells, {"f"}) == ["doc = 'a\u2028b\x0cc'", "def f():"]
    assert kept.chunks[0].source == "\ndoc = 'a\u2028b\x0cc'\n"


def test_a_call_to_a_global_setter_binds_the_name_it_sets():
    kept(["def init():\n    global W\n    W = 1\n", "init()\n"], {"W"})
    assert [c.binds for c in kept.chunks] == [[], ["W"]]


def test_a_cells_future_import_applies_to_each_of_its_chunks():
    cells = ["from __future__ import annotations\n\ndef relu(x: Later) -> Later:\n    return x\n"]
    assert kept(cells, {"relu"}) == ["from __future__ import annotations"]
    assert kept.chunks[0].source == ("from __future__ import annotations\n\n"
                                     "def relu(x: Later) -> Later:\n    return x\n")
    namespace = {}
    exec(compile(kept.chunks[0].source, "<cell 1>", "exec"), namespace)  # Later is never looked up
    assert namespace["relu"].__code__.co_firstlineno == 3
    assert kept(["from __future__ import annotations; import math\nf = math.pi\n"], {"f"}) == [
        "from __future__ import annotations; import math", "from __future__ import annotations"]
    assert kept.chunks[1].source == "from __future__ import annotations\nf = math.pi\n"
