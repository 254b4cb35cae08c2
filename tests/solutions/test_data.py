"""Tests of the nndata package (data/): bundled CSVs, their generator, the MNIST loader."""
import os
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import nndata
from nndata import generate


@pytest.mark.parametrize("name, make", list(generate.GENERATORS.items()))
def test_bundled_csv_is_generator_output_byte_for_byte(name, make):
    assert nndata.path(name).read_bytes() == make().encode("ascii")


def test_generate_script_rewrites_both_csvs(tmp_path):
    # Run the script as `python generate.py` from a copy, so the repo is untouched.
    shutil.copy(generate.__file__, tmp_path / "generate.py")
    subprocess.run([sys.executable, "generate.py"], cwd=tmp_path, check=True,
                   capture_output=True)
    for name in ("nonlinear.csv", "dataset2.csv"):
        assert (tmp_path / name).read_bytes() == nndata.path(name).read_bytes()


def test_generator_is_seeded():
    a, b = generate.nonlinear_frame(), generate.nonlinear_frame()
    pd.testing.assert_frame_equal(a, b)
    assert not generate.nonlinear_frame(seed=1).equals(a)


def test_csv_contents():
    nl = pd.read_csv(nndata.path("nonlinear.csv"))
    d2 = pd.read_csv(nndata.path("dataset2.csv"))
    assert list(nl.columns) == ["x", "y"] and list(d2.columns) == ["x", "y"]
    assert len(nl) == 1000 and len(d2) == 500
    for df in (nl, d2):
        assert df["x"].between(0, 1).all()
    assert ((nl["y"] > 0) & (nl["y"] < 1)).all()
    assert ((d2["y"] > -1) & (d2["y"] < 1)).all()
    # the data follow their documented functions up to the documented noise (sd 0.05)
    r1 = nl["y"] - (0.5 + 0.3 * np.sin(2 * np.pi * nl["x"]))
    r2 = d2["y"] - (0.9 * np.sin(np.pi * d2["x"]) - 0.45)
    for r in (r1, r2):
        assert abs(r.mean()) < 0.01 and 0.045 < r.std() < 0.055


def test_path_unknown_name():
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        nndata.path("nope.csv")


# --- MNIST loader ---------------------------------------------------------------
def test_mnist_env_constant():
    assert nndata.MNIST_ENV == "NNLAB_MNIST"


def test_missing_explicit_path_message(tmp_path, monkeypatch):
    monkeypatch.delenv("NNLAB_MNIST", raising=False)
    missing = tmp_path / "nothere.npz"
    with pytest.raises(FileNotFoundError) as exc:
        nndata.load_mnist_raw(missing)
    msg = str(exc.value)
    assert str(missing) in msg and "NNLAB_MNIST" in msg and "path=" in msg
    assert "internet" in msg


def test_missing_env_path_message(tmp_path, monkeypatch):
    missing = tmp_path / "env.npz"
    monkeypatch.setenv("NNLAB_MNIST", str(missing))
    with pytest.raises(FileNotFoundError) as exc:
        nndata.load_mnist_raw()
    assert str(missing) in str(exc.value) and "NNLAB_MNIST" in str(exc.value)


def fake_mnist(p, **override):
    arrays = {
        "x_train": np.zeros((60000, 28, 28), np.uint8), "y_train": np.zeros(60000, np.uint8),
        "x_test": np.full((10000, 28, 28), 7, np.uint8), "y_test": np.ones(10000, np.uint8),
    }
    arrays.update(override)
    arrays = {k: v for k, v in arrays.items() if v is not None}
    np.savez(p, **arrays)
    return p


def test_valid_file_and_precedence(tmp_path, monkeypatch):
    good = fake_mnist(tmp_path / "good.npz")
    monkeypatch.setenv("NNLAB_MNIST", str(tmp_path / "missing.npz"))
    (xtr, ytr), (xte, yte) = nndata.load_mnist_raw(good)  # explicit path wins over env
    assert xtr.shape == (60000, 28, 28) and xte.dtype == np.uint8 and yte[0] == 1
    monkeypatch.setenv("NNLAB_MNIST", str(good))
    (_, _), (xte, _) = nndata.load_mnist_raw()
    assert xte[0, 0, 0] == 7


@pytest.mark.parametrize(
    "override, match",
    [
        ({"y_test": None}, "lacks arrays"),
        ({"x_test": np.zeros((10000, 784), np.uint8)}, "shape"),
        ({"y_train": np.zeros(60000, np.int64)}, "dtype"),
        ({"y_test": np.full(10000, 10, np.uint8)}, "labels"),
    ],
)
def test_invalid_files(tmp_path, override, match):
    bad = fake_mnist(tmp_path / "bad.npz", **override)
    with pytest.raises(ValueError, match=match):
        nndata.load_mnist_raw(bad)


def test_not_an_npz(tmp_path):
    p = tmp_path / "junk.npz"
    p.write_text("not a zip")
    with pytest.raises(ValueError, match="npz"):
        nndata.load_mnist_raw(p)


def test_real_mnist_file(mnist_path):
    (xtr, ytr), (xte, yte) = nndata.load_mnist_raw()
    assert os.environ["NNLAB_MNIST"] == str(mnist_path)
    assert xtr.shape == (60000, 28, 28) and yte.shape == (10000,)
    assert xtr.dtype == np.uint8 and ytr.dtype == np.uint8
    assert ytr[0] == 5  # the lecture's first training digit
    assert 33.0 < xtr.mean() < 33.7
