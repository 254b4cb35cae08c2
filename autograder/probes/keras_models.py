"""Keras probes shared by 05_keras_regression, 06_mnist and 07_tanh_practice.

Run where the student's code lives. TensorFlow/Keras and matplotlib are imported inside the
functions (importing this module costs nothing). A model never crosses back: `describe` turns it
into plain facts (layers, input shape, parameter count, optimizer, loss, metrics) and the training
probes return numbers. Every judgement (which spelling of a loss is acceptable, thresholds) is
made by the compare functions in the grader (autograder/checks/keras_compare.py).
"""
import csv
import os
import tempfile
import time

import numpy as np


# -- data ------------------------------------------------------------------------------------------
def _read_xy(path):
    """Columns "x" and "y" of a CSV as float64: X (n, 1), y (n,), read with the stdlib only."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["x"]) for r in rows], dtype=np.float64).reshape(-1, 1)
    y = np.array([float(r["y"]) for r in rows], dtype=np.float64)
    return x, y


def _write_xy(x, y):
    fd, path = tempfile.mkstemp(suffix=".csv")  # $TMPDIR: the sandbox's writable place
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("x,y\n")
        for a, b in zip(np.ravel(x), np.ravel(y)):
            f.write(f"{float(a)!r},{float(b)!r}\n")
    return path


def load_csv(ns, func, path=None, x=None, y=None, default=False):
    """Call the student's CSV loader.

    path: a CSV file to pass; x, y: write these columns to a fresh CSV first (hidden checks).
    default: also call ns[func]() without arguments (its default file must be `path`).
    Returns {"explicit": ns[func](path), "default": ns[func]() or None, "truth": (X, y)} where
    truth is the same file read here with the csv module.
    """
    if x is not None:
        path = _write_xy(x, y)
    out = {"truth": _read_xy(path), "explicit": ns[func](path), "default": None}
    if default:
        out["default"] = ns[func]()
    return out


def _mnist_raw(mnist_path):
    if mnist_path:
        with np.load(mnist_path, allow_pickle=False) as z:
            return (z["x_train"], z["y_train"]), (z["x_test"], z["y_test"])
    import keras
    return keras.datasets.mnist.load_data()


def _array_facts(arr, raw, scaled):
    """Shape/dtype/range of one returned array and its largest distance from the expected one."""
    if not isinstance(arr, np.ndarray):
        return {"type": type(arr).__name__}
    facts = {"type": "ndarray", "shape": list(arr.shape), "dtype": arr.dtype.str,
             "kind": arr.dtype.kind}
    if arr.dtype.kind not in "biuf" or arr.shape != raw.shape:
        return facts
    facts["min"] = float(arr.min()) if arr.size else 0.0
    facts["max"] = float(arr.max()) if arr.size else 0.0
    err = 0.0
    for start in range(0, len(arr), 5000):  # chunks: no full float64 copy of x_train
        want = raw[start:start + 5000].astype(np.float64)
        if scaled:
            want = want / 255.0
        err = max(err, float(np.max(np.abs(arr[start:start + 5000].astype(np.float64) - want),
                                    initial=0.0)))
    facts["max_abs_err"] = err
    return facts


def mnist_load(ns, mnist_path=None):
    """Call load_mnist(mnist_path) (or load_mnist() without a path) and describe what it returned,
    compared with the file read here: {"structure": ok|what it was, "x_train": facts, ...}."""
    (xtr, ytr), (xte, yte) = _mnist_raw(mnist_path)
    result = ns["load_mnist"](mnist_path) if mnist_path else ns["load_mnist"]()
    try:
        (a, b), (c, d) = result
    except (TypeError, ValueError):
        return {"structure": type(result).__name__}
    return {"structure": "ok",
            "x_train": _array_facts(a, xtr, True), "y_train": _array_facts(b, ytr, False),
            "x_test": _array_facts(c, xte, True), "y_test": _array_facts(d, yte, False)}


# -- models ----------------------------------------------------------------------------------------
def _fn_name(obj):
    if obj is None:
        return None
    name = getattr(obj, "__name__", None)
    return str(name) if name else type(obj).__name__


def _spec(item):
    """A serialized loss/metric (Keras compile config) → {"kind", "name", "from_logits"}."""
    if isinstance(item, str):
        return {"kind": "str", "name": item, "from_logits": None}
    if isinstance(item, dict) and "class_name" in item:
        config = item.get("config")
        if item["class_name"] == "function":
            return {"kind": "function", "name": str(config), "from_logits": None}
        from_logits = config.get("from_logits") if isinstance(config, dict) else None
        return {"kind": "class", "name": str(item["class_name"]),
                "from_logits": bool(from_logits) if from_logits is not None else None}
    if callable(item):
        return {"kind": "function", "name": _fn_name(item), "from_logits": None}
    return {"kind": "other", "name": type(item).__name__, "from_logits": None}


def _float(value):
    try:
        return float(np.asarray(value))
    except Exception:  # a schedule object or something else unusual
        return None


def describe_model(model, build_shape=None):
    """Plain facts about a Keras model (see the module docstring); not a model → {"type": ...}."""
    import keras

    if not isinstance(model, keras.Model):
        return {"type": type(model).__name__, "is_model": False}
    out = {"type": type(model).__name__, "is_model": True, "built": bool(model.built)}
    if not model.built and build_shape is not None:
        try:  # the lecture's 3.8 model has no input shape: count what it would have
            model.build((None, *build_shape))
        except Exception:
            pass
    try:
        out["input_shape"] = [None if d is None else int(d) for d in model.input_shape[1:]] \
            if out["built"] else None
    except Exception:
        out["input_shape"] = None
    try:
        out["params"] = int(model.count_params())
    except Exception:
        out["params"] = None
    out["layers"] = [{"class": type(layer).__name__,
                      "units": getattr(layer, "units", None),
                      "activation": _fn_name(getattr(layer, "activation", None))}
                     for layer in model.layers]
    compiled = bool(getattr(model, "compiled", False))
    out["compiled"] = compiled
    out["optimizer"] = out["loss"] = None
    out["metrics"] = []
    if compiled:
        opt = model.optimizer
        out["optimizer"] = {"class": type(opt).__name__,
                            "learning_rate": _float(getattr(opt, "learning_rate", None)),
                            "momentum": _float(getattr(opt, "momentum", 0.0)),
                            "nesterov": bool(getattr(opt, "nesterov", False))}
        config = model.get_compile_config() or {}
        loss = config.get("loss")
        out["loss"] = None if loss is None else _spec(loss)
        metrics = config.get("metrics") or []
        if not isinstance(metrics, (list, tuple)):
            metrics = [metrics]
        out["metrics"] = [_spec(m) for m in metrics]
    return out


def describe(ns, build, build_shape=None, seed=0):
    """describe_model(ns[build]()) under a fixed seed."""
    import keras

    keras.utils.set_random_seed(seed)
    return describe_model(ns[build](), build_shape)


def _history_facts(history):
    import keras

    if not isinstance(history, keras.callbacks.History):
        return {"type": type(history).__name__, "is_history": False}
    params = getattr(history, "params", None) or {}
    losses = (getattr(history, "history", None) or {}).get("loss", [])
    return {"type": type(history).__name__, "is_history": True,
            "epochs_param": params.get("epochs"), "steps": params.get("steps"),
            "epochs_run": len(losses),
            "final_loss": float(losses[-1]) if len(losses) else None}


def _deterministic(seed):
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def _mse(model, X, y):
    pred = np.asarray(model.predict(X, batch_size=1024, verbose=0), dtype=np.float64)
    return float(np.mean((pred.reshape(-1) - y.reshape(-1)) ** 2))


# -- training --------------------------------------------------------------------------------------
def fit_regression(ns, build, path, seed, epochs=None, fit=None):
    """Seeded training of ns[build]() on the CSV at `path`.

    fit=None: the grader calls model.fit(X, y, epochs=epochs, verbose=0) (05, lecture 3.8);
    fit="name": the student's ns[fit](model, X, y) trains (07's fit_tanh_model).
    Returns {"model": describe_model before training, "history": ..., "learning_rate": optimizer's
    rate after training, "mse": mean squared error of model.predict on the data, "seconds"}.
    """
    X, y = _read_xy(path)
    _deterministic(seed)
    model = ns[build]()
    before = describe_model(model, build_shape=(1,))
    if not before.get("is_model"):
        return {"model": before}
    started = time.monotonic()
    if fit is None:
        history = model.fit(X, y, epochs=epochs, verbose=0)
    else:
        history = ns[fit](model, X, y)
    seconds = time.monotonic() - started
    opt = getattr(model, "optimizer", None)
    return {"model": before, "history": _history_facts(history),
            "optimizer": type(opt).__name__,
            "learning_rate": _float(getattr(opt, "learning_rate", None)),
            "mse": _mse(model, X, y), "seconds": seconds}


def _accuracy(model, x, y):
    correct = 0
    for start in range(0, len(x), 10000):
        prob = np.asarray(model.predict(x[start:start + 10000], batch_size=1000, verbose=0))
        correct += int(np.sum(np.argmax(prob.reshape(len(prob), -1), axis=1)
                              == y[start:start + 10000]))
    return correct / len(x)


def _scaled(x):
    # x / 255 as in the lecture, held as float32 (what the model computes in anyway).
    return (x / np.float32(255.0)).astype(np.float32)


def mnist_train(ns, mnist_path, seed, epochs, subset=None, evaluate=True):
    """Seeded: model = build_mnist_model(); history = train_mnist(model, x, y, epochs=epochs).

    x, y: the grader's own scaled training set, or its rows `subset` (a list of indices).
    Returns {"epochs": epochs asked, "n": rows given, "history": ..., "weights_changed",
    "seconds"} and with `evaluate` "test_acc" and "train_acc" (on the x, y given), from
    model.predict argmax on the grader's arrays, so the student's metrics do not matter.
    """
    (xtr, ytr), (xte, yte) = _mnist_raw(mnist_path)
    if subset is not None:
        xtr, ytr = xtr[np.asarray(subset)], ytr[np.asarray(subset)]
    x = _scaled(xtr)
    _deterministic(seed)
    model = ns["build_mnist_model"]()
    out = {"epochs": int(epochs), "n": int(len(x)), "model_type": type(model).__name__}
    before = [np.array(w) for w in model.get_weights()] if hasattr(model, "get_weights") else []
    started = time.monotonic()
    history = ns["train_mnist"](model, x, ytr, epochs=epochs)
    out["seconds"] = time.monotonic() - started
    out["history"] = _history_facts(history)
    after = model.get_weights() if hasattr(model, "get_weights") else []
    out["weights_changed"] = bool(len(before) != len(after) or any(
        not np.array_equal(a, b) for a, b in zip(before, after)))
    if evaluate:
        out["test_acc"] = _accuracy(model, _scaled(xte), yte)
        out["train_acc"] = _accuracy(model, x, ytr)
    return out


# -- 07: prediction curve and plot -----------------------------------------------------------------
def predict_curve(ns, seed=0, weights=None, layers=((6, "tanh"), (4, "tanh"), (1, "tanh"))):
    """ns["predict_curve"](model) and model.predict(linspace(0, 1, 100)) on the same model.

    weights=None: the student's build_tanh_model() under `seed`; else a 1-`layers` network
    built here with these weights (a list of arrays), so the answer cannot be known in advance.
    """
    import keras

    keras.utils.set_random_seed(seed)
    if weights is None:
        model = ns["build_tanh_model"]()
    else:
        model = keras.Sequential([keras.Input((1,))] + [
            keras.layers.Dense(int(units), activation=act) for units, act in layers])
        model.set_weights([np.asarray(w, dtype=np.float32) for w in weights])
    grid = np.linspace(0, 1, 100).reshape(-1, 1)
    want = np.asarray(model.predict(grid, verbose=0), dtype=np.float64)
    result = ns["predict_curve"](model)
    return {"result": result, "model_predict": want}


def _rgba_list(colors):
    arr = np.asarray(colors, dtype=np.float64).reshape(-1, 4) if np.size(colors) else \
        np.zeros((0, 4))
    return np.unique(arr, axis=0)[:5]


def plot_facts(fig):
    """Every line and collection on every axes of `fig`: kind, colours (RGBA) and data."""
    from matplotlib.colors import to_rgba
    from matplotlib.figure import Figure

    out = {"type": type(fig).__name__, "is_figure": isinstance(fig, Figure), "artists": []}
    if not out["is_figure"]:
        return out
    for ax in fig.get_axes():
        for line in ax.get_lines():
            xy = np.column_stack([np.asarray(line.get_xdata(), dtype=np.float64).ravel(),
                                  np.asarray(line.get_ydata(), dtype=np.float64).ravel()])
            out["artists"].append({"kind": "line", "visible": bool(line.get_visible()),
                                   "colors": _rgba_list([to_rgba(line.get_color())]), "xy": xy})
        for coll in ax.collections:
            xy = np.asarray(coll.get_offsets(), dtype=np.float64).reshape(-1, 2)
            out["artists"].append({"kind": "collection", "visible": bool(coll.get_visible()),
                                   "colors": _rgba_list(coll.get_facecolors()), "xy": xy})
    return out


def plot(ns, X, y, domain, y_hat):
    """plot_facts(ns["plot_fit"](X, y, domain, y_hat)); closes the figures the call opened."""
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    try:
        return plot_facts(ns["plot_fit"](X, y, domain, y_hat))
    finally:
        for num in set(plt.get_fignums()) - before:
            plt.close(num)

