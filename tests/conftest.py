"""Test-suite options: slow tests (TensorFlow training, notebooks, nbgrader) run with --run-slow."""
import os
from pathlib import Path

import pytest

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist.npz"


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true",
                     help="also run tests marked slow (CI does)")


def pytest_collection_modifyitems(config, items):
    if hasattr(config, "workerinput"):  # a pytest-xdist worker (`pytest -n 2`): tests run beside
        alone = pytest.mark.skip(reason="alone: loads the host on purpose; run in a serial "
                                 "pytest (.ci/run does: pytest --run-slow -m alone)")
        for item in items:
            if "alone" in item.keywords:
                item.add_marker(alone)
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config):
    # The suite starts hundreds of Python processes that import numpy (CLI runs, loaders); one
    # BLAS thread each: OpenBLAS' pool costs ~0.1 CPU s per import (measured 0.22 -> 0.12 s) and
    # no test multiplies matrices large enough to use more. Grading children get it anyway
    # (sandbox/limits.py).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    # Tests never download MNIST: point the loader at the shared copy when it is there.
    if "NNLAB_MNIST" not in os.environ and SHARED_MNIST.exists():
        os.environ["NNLAB_MNIST"] = str(SHARED_MNIST)


@pytest.fixture(scope="session")
def mnist_path():
    path = os.environ.get("NNLAB_MNIST")
    if not path or not Path(path).exists():
        pytest.skip("MNIST not available: set NNLAB_MNIST to a mnist.npz (Keras layout)")
    return path
