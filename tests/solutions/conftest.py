"""Shared fixtures of the reference-solution oracle tests."""
import os
import pathlib

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import importlib

import numpy as np
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# Where the course's shared MNIST file lives on a developer machine and in CI
# (CI clones the repo next to a copy of shared/). It is never copied into the repo.
MNIST_CANDIDATES = [
    REPO.parent / "shared" / "data" / "mnist.npz",
    pathlib.Path("/work/shared/data/mnist.npz"),
]


def find_mnist():
    env = os.environ.get("NNLAB_MNIST")
    if env:
        return pathlib.Path(env)
    for p in MNIST_CANDIDATES:
        if p.is_file():
            return p
    return None


@pytest.fixture
def mnist_path(monkeypatch):
    """Path of mnist.npz, exported as NNLAB_MNIST; skips when there is none."""
    p = find_mnist()
    if p is None or not p.is_file():
        pytest.skip(
            "MNIST not available: set NNLAB_MNIST=/path/to/mnist.npz "
            f"(looked for {[str(c) for c in MNIST_CANDIDATES]})"
        )
    monkeypatch.setenv("NNLAB_MNIST", str(p))
    return p


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def fd_rel_error(analytic, numeric):
    """Max elementwise relative error |a - n| / max(|a|, |n|, 1e-300)."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    denom = np.maximum(np.maximum(np.abs(a), np.abs(n)), 1e-300)
    return float(np.max(np.abs(a - n) / denom))


def away_from_zero(rng, size, low=0.1, high=3.0):
    """Samples with |x| in [low, high] and random sign (no kinks at 0)."""
    return rng.uniform(low, high, size) * rng.choice([-1.0, 1.0], size)


class Lazy:
    """A module imported on its first attribute use: collecting the suite imports no TensorFlow
    (~7 CPU s in every pytest-xdist worker); only the process that runs a Keras test pays."""

    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("_"):  # pytest's collection looks for _mock_name, __wrapped__, ...
            raise AttributeError(attr)
        return getattr(importlib.import_module(self._name), attr)
