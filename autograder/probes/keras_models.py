"""Keras probes shared by 05_keras_regression, 06_mnist and 07_tanh_practice.

Run where the student's code lives, which is hostile (docs/SECURITY.md): these probes judge
nothing. They return only what the student's functions returned and plain views of Keras objects:

* a model view (`model_view`): per layer its class name, units, activation name, use_bias and
  weights (numpy arrays), the input shape, whether an input shape was declared before the grader
  built the model, and the compile config (optimizer class, learning rate, momentum, nesterov,
  iterations; loss and metrics as {"kind", "name", "from_logits"});
* a History view (`history_view`): `history.history` (lists of floats) and `history.params`.

The grader validates each view strictly and computes every verdict itself (structure from the
layers, fit quality and accuracy by a numpy forward pass of the returned weights on data the grader
holds, "weights changed" from the weights before and after): autograder/checks/keras_views.py.
TensorFlow/Keras and matplotlib are imported inside the functions.
"""
import math
import os
import tempfile
import time

import numpy as np

MAX_HISTORY = 10_000  # values per History key sent back (100 epochs is the contract)


# -- plain views -----------------------------------------------------------------------------------
def _name(obj):
    if obj is None:
        return None
    name = getattr(obj, "__name__", None)
    return str(name) if name else type(obj).__name__


def _float(value):
    try:
        out = float(np.asarray(value))
    except Exception:  # a schedule object or something else unusual
        return None
    return out if math.isfinite(out) else None


def _int(value):
    try:
        return int(np.asarray(value))
    except Exception:
        return None


def _spec(item):
    """A serialized loss/metric (Keras compile config) → {"kind", "name", "from_logits"}."""
    if isinstance(item, str):
        return {"kind": "str", "name": item, "from_logits": None}
    if isinstance(item, dict) and "class_name" in item:
        config = item.get("config")
        if item["class_name"] == "function":
            return {"kind": "function", "name": str(config), "from_logits": None}
        logits = config.get("from_logits") if isinstance(config, dict) else None
        return {"kind": "class", "name": str(item["class_name"]),
                "from_logits": None if logits is None else bool(logits)}
    if callable(item):
        return {"kind": "function", "name": _name(item), "from_logits": None}
    return {"kind": "other", "name": type(item).__name__, "from_logits": None}


def _layer_view(layer):
    units = getattr(layer, "units", None)
    use_bias = getattr(layer, "use_bias", None)
    return {"class": type(layer).__name__,
            "units": units if type(units) is int else None,
            "activation": _name(getattr(layer, "activation", None)),
            "use_bias": use_bias if type(use_bias) is bool else None,
            "weights": [np.array(w) for w in layer.get_weights()]}


def _compile_view(model):
    if not bool(getattr(model, "compiled", False)):
        return None
    opt = model.optimizer
    config = model.get_compile_config() or {}
    loss, metrics = config.get("loss"), config.get("metrics") or []
    if not isinstance(metrics, (list, tuple)):
        metrics = [metrics]
    return {"optimizer": {"class": type(opt).__name__,
                          "learning_rate": _float(getattr(opt, "learning_rate", None)),
                          "momentum": _float(getattr(opt, "momentum", 0.0)),
                          "nesterov": bool(getattr(opt, "nesterov", False)),
                          "iterations": _int(getattr(opt, "iterations", None))},
            "loss": None if loss is None else _spec(loss),
            "metrics": [_spec(m) for m in metrics][:20]}


def model_view(model, input_shape=None):
    """A model as plain data (see the module docstring); not a model → {"is_model": False}.

    An unbuilt model (the lecture's Sequential without an Input) is built here on
    (None, *input_shape), the assignment's input, so its layers have weights to report.
    """
    import keras

    if not isinstance(model, keras.Model):
        return {"type": type(model).__name__, "is_model": False}
    declared = bool(model.built)
    if not declared and input_shape is not None:
        try:  # an empty Sequential cannot be built: reported as not built
            model.build((None, *input_shape))
        except Exception:
            pass
    try:
        shape = [None if d is None else int(d) for d in model.input_shape[1:]]
    except Exception:  # a subclassed model has no declared input; or still unbuilt
        shape = _called_shape(model, input_shape)
    return {"type": type(model).__name__, "is_model": True, "input_declared": declared,
            "built": bool(model.built), "input_shape": shape,
            "layers": [_layer_view(layer) for layer in model.layers],
            "compile": _compile_view(model)}


def _called_shape(model, input_shape):
    """The assignment's input shape when the built model runs on one sample of it (a subclassed
    keras.Model has no input of its own: it is judged on the input it was built for)."""
    if input_shape is None or not model.built:
        return None
    try:
        model(np.zeros((1, *input_shape), dtype=np.float32))
    except Exception:
        return None
    return [int(d) for d in input_shape]


def history_view(history):
    """`history.history` and the plain entries of `history.params`; not a History → a marker."""
    import keras

    if not isinstance(history, keras.callbacks.History):
        return {"type": type(history).__name__, "is_history": False}
    logs = {str(k): [_float(v) for v in list(values)[:MAX_HISTORY]]
            for k, values in dict(getattr(history, "history", None) or {}).items()}
    params = {str(k): v for k, v in dict(getattr(history, "params", None) or {}).items()
              if v is None or type(v) in (int, float, bool, str)}
    return {"type": type(history).__name__, "is_history": True, "history": logs,
            "params": params}


def seed_training(seed):
    """Before a training: seeds, deterministic ops, and no Grappler. Grappler rewrites every
    function graph as it is instantiated, and Keras' input pipeline instantiates its tf.data
    functions anew each epoch: for the tiny networks here that was half the CPU of a training
    (07's 100 epochs on 70 samples 3.4 → 1.8 CPU s; MNIST's 375 steps 1.9 → 1.7 s), while the
    arithmetic is the same ops (weights equal to float32 rounding)."""
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    tf.config.optimizer.set_experimental_options({"disable_meta_optimizer": True})


def _set_init(model, init):
    """Start from the grader's initial weights when the shapes are the contract's."""
    if init is None:
        return False
    current = model.get_weights()
    if [w.shape for w in current] != [np.shape(w) for w in init]:
        return False
    model.set_weights([np.asarray(w, dtype=np.float32) for w in init])
    return True


def _grader_model(spec):
    """The contract's network built here (spec: input width or shape, [(units, activation)],
    optimizer class and rate, loss), so a check of a fit function does not depend on the
    student's build; an input shape of rank > 1 is flattened first (06)."""
    import keras

    shape = spec["input"]
    shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(d) for d in shape)
    head = [keras.Input(shape)] + ([keras.layers.Flatten()] if len(shape) > 1 else [])
    model = keras.Sequential(head + [
        keras.layers.Dense(int(units), activation=act) for units, act in spec["layers"]])
    optimizer = getattr(keras.optimizers, spec["optimizer"])(learning_rate=spec["learning_rate"])
    # steps_per_execution: Keras runs up to 32 batches per call of its train function (the same
    # updates in the same order: weights bit for bit equal, measured), which halves the per-step
    # overhead of 07's dataset2 trial (16 steps per epoch: 4.1 -> 3.0 CPU s for 100 epochs).
    model.compile(optimizer=optimizer, loss=spec["loss"], steps_per_execution=32)
    return model


# -- data ------------------------------------------------------------------------------------------
def _write_xy(x, y):
    fd, path = tempfile.mkstemp(suffix=".csv")  # $TMPDIR: the sandbox's writable place
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("x,y\n")
        for a, b in zip(np.ravel(x), np.ravel(y)):
            f.write(f"{float(a)!r},{float(b)!r}\n")
    return path


def load_csv(ns, func, path=None, x=None, y=None, default=False):
    """{"explicit": ns[func](path), "default": ns[func]() with `default`, else None}.

    x, y: write these columns to a fresh CSV first and pass its path (hidden checks).
    """
    if x is not None:
        path = _write_xy(x, y)
    out = {"explicit": ns[func](path), "default": None}
    if default:
        out["default"] = ns[func]()
    return out


def _mnist_raw(mnist_path):
    if mnist_path:
        with np.load(mnist_path, allow_pickle=False) as z:
            return (z["x_train"], z["y_train"]), (z["x_test"], z["y_test"])
    import keras
    return keras.datasets.mnist.load_data()


def _sample(arr, rows):
    """Type, shape, dtype of a returned array and its rows `rows` (as returned)."""
    if not isinstance(arr, np.ndarray):
        return {"type": type(arr).__name__}
    out = {"type": "ndarray", "shape": list(arr.shape), "dtype": arr.dtype.str}
    if arr.dtype.kind in "biuf" and arr.ndim >= 1 and len(arr) > max(rows):
        out["rows"] = np.array(arr[np.asarray(rows)])
    return out


def mnist_load(ns, mnist_path=None, rows=(0,)):
    """load_mnist(mnist_path) (or load_mnist() without a path): the structure it returned and,
    per array, its type/shape/dtype and the rows `rows` the grader compares with its own file."""
    result = ns["load_mnist"](mnist_path) if mnist_path else ns["load_mnist"]()
    try:
        (a, b), (c, d) = result
    except (TypeError, ValueError):
        return {"structure": type(result).__name__}
    return {"structure": "ok", "x_train": _sample(a, rows), "y_train": _sample(b, rows),
            "x_test": _sample(c, rows), "y_test": _sample(d, rows)}


# -- models and training ---------------------------------------------------------------------------
def describe(ns, build, build_shape=None, seed=0):
    """model_view(ns[build]()) under a fixed seed, built on `build_shape` if it was not."""
    seed_training(seed)
    return model_view(ns[build](), build_shape)


def fit(ns, X, y, seed, init=None, build=None, spec=None, fit=None, epochs=None, passes=1):
    """Seeded training on the grader's X, y; returns views before and after, and the History.

    The model: ns[build]() (05: the student's network) or `_grader_model(spec)` (07: the
    contract's network, so only fit_tanh_model is graded). `init`: the grader's initial weights,
    applied when their shapes are the model's. fit=None: the grader calls
    model.fit(X, y, epochs=epochs, shuffle=False, verbose=0) (05, lecture 3.8; a fixed batch
    order, so that the grader can replay it), X and y `passes` times over in that order (one
    Keras epoch of 30 passes costs less than 30 epochs: Keras pays ~20 ms per epoch);
    fit="name": ns[fit](model, X, y).
    """
    seed_training(seed)
    model = ns[build]() if build else _grader_model(spec)
    before = model_view(model, (X.shape[1],))
    if not before["is_model"] or not before["built"]:
        return {"before": before}
    applied = _set_init(model, init)
    if applied:
        before = model_view(model, (X.shape[1],))
    started = time.monotonic()
    if fit is None:
        history = model.fit(np.concatenate([X] * passes), np.concatenate([y] * passes),
                            epochs=epochs, shuffle=False, verbose=0)
    else:
        history = ns[fit](model, X, y)
    return {"before": before, "init_applied": applied,
            "after": model_view(model, (X.shape[1],)), "history": history_view(history),
            "seconds": time.monotonic() - started}


def train_trials(ns, trials, input_shape, seed=0, build=None, spec=None, fit=None, epochs=None,
                 pass_epochs=False):
    """Each trial {"x", "y", "init"} (data and initial weights the grader chose) trained once,
    seeded: model = ns[build]() (the student's network) or `_grader_model(spec)` (the contract's,
    so only the fit function is graded); the grader's initial weights set when their shapes are
    the model's; then fit=None: model.fit(x, y, epochs=epochs, verbose=0) (the grader's own call:
    the student's compile is what trains), fit="name": ns[fit](model, x, y) or, with
    `pass_epochs`, ns[fit](model, x, y, epochs=epochs).

    Returns {"before": model_view of the first model before training, "trials": [{"init_applied",
    "start": its weights before the call (the grader's unless the shapes differ), "after":
    model_view after training, "history": history_view of what the call returned}]}; the
    grader replays the documented procedure on the same start and data and compares the weights.
    """
    out = []
    before = None
    for i, trial in enumerate(trials):
        seed_training(seed + i)
        model = ns[build]() if build else _grader_model(spec)
        view = model_view(model, tuple(input_shape))
        if before is None:
            before = view
        if not view["is_model"] or not view["built"] or fit is None and view["compile"] is None:
            return {"before": view, "trials": []}  # not a model, not built, or not compiled
        applied = _set_init(model, trial["init"])
        start = [np.array(w) for w in model.get_weights()]
        x = np.asarray(trial["x"], dtype=np.float32)
        y = np.asarray(trial["y"])
        if fit is None:
            history = model.fit(x, y, epochs=epochs, verbose=0)
        elif pass_epochs:
            history = ns[fit](model, x, y, epochs=epochs)
        else:
            history = ns[fit](model, x, y)
        out.append({"init_applied": applied, "start": start,
                    "after": model_view(model, tuple(input_shape)),
                    "history": history_view(history)})
    return {"before": before, "trials": out}


def _scaled(x):
    # x / 255 as in the lecture, held as float32 (what the model computes in anyway).
    return (x / np.float32(255.0)).astype(np.float32)


def mnist_train(ns, mnist_path, seed, epochs, init=None, subset=None):
    """Seeded: model = build_mnist_model(); history = train_mnist(model, x, y, epochs=epochs)
    on the grader's scaled training set (or its rows `subset`). Returns the model views before
    and after and the History; the grader evaluates the weights itself."""
    (xtr, ytr), _ = _mnist_raw(mnist_path)
    if subset is not None:
        xtr, ytr = xtr[np.asarray(subset)], ytr[np.asarray(subset)]
    x = _scaled(xtr)
    seed_training(seed)
    model = ns["build_mnist_model"]()
    before = model_view(model, (28, 28))
    if not before["is_model"] or not before["built"]:
        return {"before": before}
    applied = _set_init(model, init)
    if applied:
        before = model_view(model, (28, 28))
    started = time.monotonic()
    history = ns["train_mnist"](model, x, ytr, epochs=epochs)
    return {"before": before, "init_applied": applied, "after": model_view(model, (28, 28)),
            "history": history_view(history), "seconds": time.monotonic() - started}


# -- 07: prediction curve and plot -----------------------------------------------------------------
def predict_curve(ns, weights, layers=((6, "tanh"), (4, "tanh"), (1, "tanh"))):
    """ns["predict_curve"](model) on a 1-`layers` network built here with the grader's `weights`
    (so the grader knows the right answer and it cannot be known in advance)."""
    import keras

    model = keras.Sequential([keras.Input((1,))] + [
        keras.layers.Dense(int(units), activation=act) for units, act in layers])
    model.set_weights([np.asarray(w, dtype=np.float32) for w in weights])
    return {"result": ns["predict_curve"](model)}


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
