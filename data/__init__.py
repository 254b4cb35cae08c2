"""nndata: bundled CSV data sets and the MNIST loader helper.

- path(name): pathlib.Path of a bundled CSV ("nonlinear.csv", "dataset2.csv").
- load_mnist_raw(path=None): MNIST as uint8 arrays, from an explicit .npz path,
  the file named by the environment variable NNLAB_MNIST, or the Keras download.

The CSVs are produced by data/generate.py (seeded, byte-for-byte reproducible).
"""
import os
import pathlib

import numpy as np

MNIST_ENV = "NNLAB_MNIST"

_HERE = pathlib.Path(__file__).resolve().parent

_MNIST_SPEC = {
    "x_train": (60000, 28, 28),
    "y_train": (60000,),
    "x_test": (10000, 28, 28),
    "y_test": (10000,),
}


def path(name):
    """Path of a bundled data file, e.g. path("nonlinear.csv").

    Raises FileNotFoundError when the file is not bundled.
    """
    p = _HERE / name
    if not p.is_file():
        available = sorted(q.name for q in _HERE.glob("*.csv"))
        raise FileNotFoundError(
            f"nndata has no file {name!r} (looked for {p}); available: {available}"
        )
    return p


def _missing(where, p):
    return FileNotFoundError(
        f"MNIST file not found: {p} (given by {where}). Provide the Keras-layout "
        f"mnist.npz with load_mnist_raw(path='/path/to/mnist.npz') or by setting "
        f"the environment variable {MNIST_ENV}=/path/to/mnist.npz; with neither, "
        f"the loader downloads it through keras.datasets.mnist.load_data(), "
        f"which needs internet access."
    )


def _read_npz(p):
    try:
        npz = np.load(p, allow_pickle=False)
    except Exception as exc:  # not a zip / corrupt file
        raise ValueError(f"cannot read MNIST file {p} as .npz: {exc}") from exc
    with npz:
        missing = [k for k in _MNIST_SPEC if k not in npz.files]
        if missing:
            raise ValueError(
                f"MNIST file {p} lacks arrays {missing}; expected keys "
                f"{list(_MNIST_SPEC)} (the layout of keras.datasets.mnist)"
            )
        out = {}
        for key, shape in _MNIST_SPEC.items():
            a = npz[key]
            if a.shape != shape:
                raise ValueError(
                    f"MNIST file {p}: {key} has shape {a.shape}, expected {shape}"
                )
            if a.dtype != np.uint8:
                raise ValueError(
                    f"MNIST file {p}: {key} has dtype {a.dtype}, expected uint8"
                )
            out[key] = a
    if out["y_train"].max() > 9 or out["y_test"].max() > 9:
        raise ValueError(f"MNIST file {p}: labels must be in 0..9")
    return (out["x_train"], out["y_train"]), (out["x_test"], out["y_test"])


def mnist_file(path=None):
    """Path of a Keras-layout MNIST .npz: `path`, else $NNLAB_MNIST, else Keras' download cache.

    The last source downloads the file once (needs internet) to ~/.keras/datasets, exactly as
    keras.datasets.mnist.load_data() does.
    """
    for where, given in (("the path argument", path), (f"the environment variable {MNIST_ENV}",
                                                         os.environ.get(MNIST_ENV))):
        if given:
            p = pathlib.Path(given)
            if not p.is_file():
                raise _missing(where, p)
            return p
    import keras

    return pathlib.Path(keras.utils.get_file(
        "mnist.npz",
        origin="https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz",
        file_hash="731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"))


def load_mnist_raw(path=None):
    """MNIST as ((x_train, y_train), (x_test, y_test)) uint8 arrays.

    Shapes: x_train (60000, 28, 28), y_train (60000,), x_test (10000, 28, 28),
    y_test (10000,). Source, first that applies:
    1. `path` (a Keras-layout .npz with keys x_train, y_train, x_test, y_test);
    2. the file named by the environment variable NNLAB_MNIST;
    3. keras.datasets.mnist.load_data() (downloads once; needs internet).
    A given path that does not exist raises FileNotFoundError; a file with
    wrong keys, shapes or dtypes raises ValueError.
    """
    if path is not None:
        p = pathlib.Path(path)
        if not p.is_file():
            raise _missing("the path argument", p)
        return _read_npz(p)
    env = os.environ.get(MNIST_ENV)
    if env:
        p = pathlib.Path(env)
        if not p.is_file():
            raise _missing(f"the environment variable {MNIST_ENV}", p)
        return _read_npz(p)
    import keras

    (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    return (x_train, y_train), (x_test, y_test)
