from autograder.loader.filter import definitions_only, strip_magics


def test_definitions_kept_experiments_dropped():
    src = (
        "import numpy as np\n"
        "X = np.array([[0, 1], [1, 0]])\n"
        "EPS = 1e-8\n"
        "def f(x):\n    return x\n"
        "model.fit(X, y, epochs=100)\n"
        "history = train(X)\n"
        "for i in range(10**9):\n    pass\n"
        "class A:\n    pass\n"
        "try:\n    import tensorflow\nexcept ImportError:\n    pass\n"
    )
    out = definitions_only(src)
    assert "def f" in out and "class A" in out and "EPS" in out and "np.array" in out
    assert "import tensorflow" in out
    assert "fit" not in out and "train(" not in out and "range" not in out
    assert out.count("\n") >= src.count("\n") - 3  # line numbers preserved


def test_magics_removed():
    assert strip_magics("%%time\nx = 1") == ""
    assert strip_magics("!pip install x\n%matplotlib inline\ny = 2").splitlines() == ["", "", "y = 2"]
