"""Parent side of the Keras probes: strict reading of the views the child sends, and the numpy
the grader judges with (no TensorFlow here).

The child is hostile (docs/SECURITY.md). `read_model` / `read_history` accept exactly the
structure `probes/keras_models.model_view` / `history_view` produce and turn anything else into a
failed Outcome. Verdicts are computed here from the views and from data the grader holds:
`forward` is a numpy forward pass of the returned weights (Flatten, Dense, activation layers),
`glorot_init` draws the grader's initial weights (Keras' default Dense initialisation: Glorot
uniform kernels, zero biases), `read_xy` / `mnist_arrays` read the data in the grader.
"""
import csv
import functools
import math
from dataclasses import dataclass

import numpy as np

from autograder.compare import Outcome, fail
from autograder.sandbox.codec import Unsupported

LAYER_KEYS = {"class", "units", "activation", "use_bias", "weights"}
MODEL_KEYS = {"type", "is_model", "input_declared", "built", "input_shape", "layers", "compile"}
OPT_KEYS = {"class", "learning_rate", "momentum", "nesterov", "iterations"}
SPEC_KEYS = {"kind", "name", "from_logits"}
MAX_LAYERS = 50


def malformed(what, why):
    return fail("probe.malformed", what=what, why=why)


@dataclass(frozen=True)
class Layer:
    cls: str
    units: object          # int or None
    activation: object     # lower-case name or None
    use_bias: object       # bool or None
    weights: tuple         # float ndarrays


@dataclass(frozen=True)
class Model:
    input_declared: bool
    built: bool
    input_shape: object    # tuple of ints, or None
    layers: tuple
    compile: object        # dict (validated) or None

    @property
    def weights(self):
        return [w for layer in self.layers for w in layer.weights]

    @property
    def params(self):
        return int(sum(w.size for w in self.weights))


def _opt_str(v):
    return v is None or type(v) is str


def _spec_ok(spec):
    return (type(spec) is dict and set(spec) == SPEC_KEYS and type(spec["kind"]) is str
            and _opt_str(spec["name"]) and spec["from_logits"] in (None, True, False))


def _compile_ok(c):
    if c is None:
        return True
    if type(c) is not dict or set(c) != {"optimizer", "loss", "metrics"}:
        return False
    opt = c["optimizer"]
    if type(opt) is not dict or set(opt) != OPT_KEYS or type(opt["class"]) is not str:
        return False
    if not all(opt[k] is None or type(opt[k]) is float for k in ("learning_rate", "momentum")):
        return False
    if type(opt["nesterov"]) is not bool or not (opt["iterations"] is None
                                                 or type(opt["iterations"]) is int):
        return False
    return ((c["loss"] is None or _spec_ok(c["loss"])) and type(c["metrics"]) is list
            and len(c["metrics"]) <= 20 and all(_spec_ok(m) for m in c["metrics"]))


def _layer(raw):
    if type(raw) is not dict or set(raw) != LAYER_KEYS or type(raw["class"]) is not str:
        return None
    if not (raw["units"] is None or type(raw["units"]) is int) or not _opt_str(raw["activation"]):
        return None
    if raw["use_bias"] not in (None, True, False) or type(raw["weights"]) is not list:
        return None
    if not all(type(w) is np.ndarray and w.dtype.kind == "f" for w in raw["weights"]):
        return None
    act = raw["activation"]
    act = None if act is None else act.lower()
    if act is not None and act.endswith("_v2"):  # tf.nn.softmax is softmax_v2
        act = act[:-3]
    return Layer(raw["class"], raw["units"], act, raw["use_bias"], tuple(raw["weights"]))


def read_model(raw, what):
    """A model view → Model; not a model → keras.not_model; a bad structure → probe.malformed."""
    if isinstance(raw, Unsupported):
        return fail("value.unsupported", what=what, type=raw.what)
    if type(raw) is not dict or type(raw.get("type")) is not str:
        return malformed(what, "model view")
    if raw.get("is_model") is False and set(raw) == {"type", "is_model"}:
        return fail("keras.not_model", what=what, actual=raw["type"])
    if set(raw) != MODEL_KEYS or raw["is_model"] is not True \
            or type(raw["input_declared"]) is not bool or type(raw["built"]) is not bool:
        return malformed(what, "model view")
    shape = raw["input_shape"]
    if shape is not None and (type(shape) is not list
                              or not all(d is None or type(d) is int for d in shape)):
        return malformed(what, "input shape")
    if type(raw["layers"]) is not list or len(raw["layers"]) > MAX_LAYERS:
        return malformed(what, "layers")
    layers = [_layer(item) for item in raw["layers"]]
    if any(layer is None for layer in layers) or not _compile_ok(raw["compile"]):
        return malformed(what, "layer or compile view")
    return Model(raw["input_declared"], raw["built"], None if shape is None else tuple(shape),
                 tuple(layers), raw["compile"])


@dataclass(frozen=True)
class History:
    logs: dict             # key → list of float (None for a non-finite value)
    params: dict

    def epochs(self):
        return self.params.get("epochs")

    def losses(self):
        return self.logs.get("loss", [])


def read_history(raw, what):
    """A History view → History; anything else → keras.history (not a History) or malformed."""
    if type(raw) is dict and raw.get("is_history") is False and set(raw) == {"type", "is_history"}:
        return fail("keras.history", what=what, actual=str(raw["type"]))
    if (type(raw) is not dict or set(raw) != {"type", "is_history", "history", "params"}
            or raw["is_history"] is not True or type(raw["history"]) is not dict
            or type(raw["params"]) is not dict):
        return malformed(what, "History view")
    for values in raw["history"].values():
        if type(values) is not list or not all(v is None or type(v) is float for v in values):
            return malformed(what, "History values")
    return History(raw["history"], raw["params"])


# -- numpy forward pass ----------------------------------------------------------------------------
def _sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def _softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


ACTIVATIONS = {"linear": lambda z: z, None: lambda z: z, "sigmoid": _sigmoid, "tanh": np.tanh,
               "relu": lambda z: np.maximum(z, 0.0), "softmax": _softmax}
ACTIVATION_LAYERS = {"ReLU": "relu", "Softmax": "softmax"}
PASS_THROUGH = {"InputLayer", "Dropout"}  # identity at prediction time
# Bounds on what the grader evaluates (its own memory, issue 10 §3): the contracts' widest layer
# has 256 units and 203,530 parameters; a chunk of 2,000 rows x 1,024 units is 16 MB in float64.
MAX_UNITS = 1024
MAX_PARAMS = 1_000_000
CHUNK = 2000


def layer_plan(model):
    """Model → [("dense", W, b, activation) | ("flatten",) | ("act", name)] with every weight
    shape checked against the width flowing through; (None, (reason, detail)) when it cannot be
    run here (reason: a key of keras_fit.cannot_evaluate)."""
    if not model.built:
        return None, ("not_built", "")
    if model.input_shape is None or any(d is None for d in model.input_shape):
        return None, ("input", "")
    if model.params > MAX_PARAMS:
        return None, ("size", f"{model.params:,}")
    shape = tuple(model.input_shape)
    plan = [("input", shape)]
    for layer in model.layers:
        if layer.cls in PASS_THROUGH and not layer.weights:
            continue
        if layer.cls == "Flatten" and not layer.weights:
            shape = (int(np.prod(shape)),)
            plan.append(("flatten",))
            continue
        act = ACTIVATION_LAYERS.get(layer.cls, layer.activation)
        if act not in ACTIVATIONS:
            return None, ("activation", str(act))
        if layer.cls in ("Activation", *ACTIVATION_LAYERS) and not layer.weights:
            plan.append(("act", act))
            continue
        if layer.cls != "Dense" or len(shape) != 1 or type(layer.units) is not int:
            return None, ("layer", layer.cls)
        if not 0 < layer.units <= MAX_UNITS:
            return None, ("size", f"Dense({layer.units})")
        want = [(shape[0], layer.units)] + ([(layer.units,)] if layer.use_bias is not False else [])
        if [w.shape for w in layer.weights] != want:
            return None, ("weights", f"{layer.cls}({layer.units})")
        W = layer.weights[0].astype(np.float64)
        b = layer.weights[1].astype(np.float64) if len(layer.weights) == 2 else 0.0
        plan.append(("dense", W, b, act))
        shape = (layer.units,)
    return plan, None


def forward(plan, x, chunk=CHUNK):
    """Predictions of a layer plan on x (float64), computed in chunks of rows; None when x does
    not have the plan's input shape."""
    if tuple(x.shape[1:]) != plan[0][1]:
        return None
    outs = []
    for start in range(0, len(x), chunk):
        h = np.asarray(x[start:start + chunk], dtype=np.float64)
        for step in plan[1:]:
            if step[0] == "flatten":
                h = h.reshape(len(h), -1)
            elif step[0] == "act":
                h = ACTIVATIONS[step[1]](h)
            else:
                h = ACTIVATIONS[step[3]](h @ step[1] + step[2])
        outs.append(h)
    return np.concatenate(outs) if outs else np.zeros((0,))


def mse(plan, X, y):
    pred = forward(plan, X)
    if pred is None or pred.ndim != 2 or pred.shape[1] != 1:
        return None
    return float(np.mean((pred[:, 0] - y) ** 2))


def accuracy(plan, x_uint8, labels):
    """Argmax accuracy of the plan on raw MNIST images (scaled / 255 here, as the lecture)."""
    correct = 0
    for start in range(0, len(x_uint8), CHUNK):
        prob = forward(plan, x_uint8[start:start + CHUNK] / 255.0)
        if prob is None or prob.ndim != 2 or prob.shape[1] != 10:
            return None
        correct += int(np.sum(np.argmax(prob, axis=1) == labels[start:start + CHUNK]))
    return correct / len(x_uint8)


def weights_changed(before, after):
    a, b = before.weights, after.weights
    return len(a) != len(b) or any(x.shape != y.shape or not np.array_equal(x, y)
                                   for x, y in zip(a, b))


def glorot_init(widths, seed):
    """Keras' default Dense initialisation drawn here: for each (fan_in, fan_out) in consecutive
    `widths`, a Glorot-uniform kernel (limit sqrt(6 / (fan_in + fan_out))) and zero biases,
    as float32 (what the model holds)."""
    draw = np.random.default_rng(seed).uniform
    out = []
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        limit = math.sqrt(6.0 / (fan_in + fan_out))
        out += [draw(-limit, limit, (fan_in, fan_out)).astype(np.float32),
                np.zeros(fan_out, dtype=np.float32)]
    return out


def same_weights(model, sent):
    """The model's weights are the grader's initial weights (float32)."""
    got = model.weights
    return len(got) == len(sent) and all(
        g.shape == s.shape and np.array_equal(g.astype(np.float32), s) for g, s in zip(got, sent))


# -- data the grader holds -------------------------------------------------------------------------
@functools.lru_cache(maxsize=4)
def read_xy(path):
    """Columns "x" and "y" of a CSV as float64: X (n, 1), y (n,), read with the stdlib."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    x = np.array([float(r["x"]) for r in rows], dtype=np.float64).reshape(-1, 1)
    y = np.array([float(r["y"]) for r in rows], dtype=np.float64)
    x.setflags(write=False)
    y.setflags(write=False)
    return x, y


@functools.lru_cache(maxsize=1)
def mnist_arrays(path):
    """((x_train, y_train), (x_test, y_test)) as stored (uint8), read here from the file the
    grader resolved (None: no MNIST → None)."""
    if not path:
        return None
    with np.load(path, allow_pickle=False) as z:
        arrays = tuple(np.array(z[k]) for k in ("x_train", "y_train", "x_test", "y_test"))
    for a in arrays:
        a.setflags(write=False)
    return (arrays[0], arrays[1]), (arrays[2], arrays[3])


def is_outcome(value):
    return isinstance(value, Outcome)
