"""06_mnist public checks (lecture 4.4-4.6): load_mnist scaling, the 784-256-10 network and its
compile settings, and MNIST trained under a fixed seed (1 epoch in quick mode, 5 epochs as
assigned in full mode) with measured accuracy bounds.

The grader judges the views the child sends (keras_views): the child trains, the grader computes
the accuracies with a numpy forward pass of the returned weights on the MNIST file it resolved
itself (ctx.mnist_path, read here). No TensorFlow in the grader.
"""
import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_views as kv
from autograder.checks.base import Check
from autograder.compare import PASS, Outcome, all_of, fail

# Flatten(28x28) → Dense(256, relu) → Dense(10, softmax): 785*256 + 257*10 = 200,960 + 2,570
# = 203,530 parameters (the lecture's "253,530" is an arithmetic slip).
LAYERS = [("Flatten", None, None), ("Dense", 256, "relu"), ("Dense", 10, "softmax")]
WIDTHS = [784, 256, 10]
PARAMS = 203_530

TRAIN_SEED = 7
EPOCHS = {"quick": 1, "full": 5}
# Quick mode hands train_mnist QUICK_ROWS of the 60,000 training images (a fixed draw, the same
# on every run; the contract lets the grader choose x_train, y_train): 1 epoch costs a fifth of
# the CPU (bench/keras_profile.py: ~5.5 ms per step, 1,875 steps on 60,000). Full mode trains on
# all 60,000, as assigned.
QUICK_ROWS = 12_000


def quick_rows(n=QUICK_ROWS):
    """The training rows quick mode trains on: n of the 60,000, drawn once (seed 2106), sorted."""
    return np.sort(np.random.default_rng(2106).choice(60_000, n, replace=False))


# Accuracy bounds per number of epochs, measured on /work/shared/data/mnist.npz (TF 2.21, CPU,
# op determinism; accuracy = argmax of a numpy forward pass of the returned weights, computed in
# the grader), seeds 7 / 1 / 2:
#
#                         1 epoch (quick)                5 epochs (full)
#                         test    train   test-train     test    train   test-train
#   reference seed 7      0.9652  0.9700  -0.0048        0.9768  0.9910  -0.0142
#             seed 1      0.9669  0.9730  -0.0061        0.9769  0.9898  -0.0129
#             seed 2      0.9601  0.9662  -0.0061        0.9761  0.9886  -0.0125
#   trained on the        0.9395  0.9166  +0.0229        0.9925  0.9477  +0.0448
#   test set (cheat)      0.9374  0.9131  +0.0243        0.9882  0.9455  +0.0427
#                         0.9389  0.9151  +0.0238        0.9920  0.9458  +0.0462
#   from the grader's Glorot init (seeds 7 / 1), quick: reference 0.9647 / 0.9664 (gaps
#   -0.0033 / -0.0059), test-set cheat 0.9412 (gap +0.0231).
#
# max_gap 0.01: honest gaps <= -0.0033 (margin 0.013), the cheat's >= +0.0229 (margin 0.013);
#   memorising the test set shows in either mode, so this is the main test-set detector.
# Quick mode's max_gap was 0.0 (on 60,000): training on the training set *with the test set
#   appended* (tests/corpus/06_mnist/cheat_captured_path_test_set.py; 1 epoch from the grader's
#   init, TF seeds 7 / 1 / 2) gives test - train +0.0022 / +0.0027 / +0.0036 (test 0.9733 / 0.9748
#   / 0.9776), inside the former 0.01; honest training's worst over 30 shuffle orders is -0.0030
#   (bench/README.md). 0.0 left 0.0030 to honest training and 0.0022 to that cheat: a test set
#   scoring above the training set is the sign.
# max_acc: full 0.9825 sits between the honest best 0.9769 (margin 0.0056) and the cheat's worst
#   0.9882 (margin 0.0057). After 1 epoch the cheat (313 steps) is below honest training, so
#   quick mode's 0.99 (kept) only bounds what 1 epoch from scratch can reach.
# min_acc: quick was 0.95 on 60,000 (honest worst 0.9601, margin 0.010; the cheat's best 0.9412 is
#   below it too), full 0.97 (honest worst 0.9761, margin 0.0061).
# (The 1-epoch figures above are on all 60,000 images: quick mode before QUICK_ROWS.)
#
# Quick mode since QUICK_ROWS: 1 epoch on the 12,000 rows of quick_rows() (375 steps), from the
# grader's init (seed TRAIN_SEED), training accuracy on those rows; 30 TF seeds 0-29 per variant
# (bench/keras_spread.py --spread 30 --only 06q, keras_spread.json, 2026-12-07, load 12-16):
#
#                                          test            test - train      first-kernel corr
#   reference (solutions/mnist.py)         0.9180-0.9339   -0.0149..-0.0086  0.886-0.890
#                                          mean 0.9278, sd 0.0033; gap mean -0.0118, sd 0.0017
#   tf_keras_functional_fit_options        the reference's values seed for seed (same shuffles)
#   shuffle=False (alt_fit_options)        0.9209 on every seed, gap -0.0114
#   cheat: the rows + the test set          0.9492-0.9583   +0.0011..+0.0058  0.833-0.837
#     (10 seeds, as cheat_captured_path_test_set trains)
#   TF seed 7 (the check's): reference 0.9292, gap -0.0122
#   slips the hidden check judges, TF seed 7: batch 128 0.9060 (gap -0.0058), batch 64 0.9217
#     (-0.0085), 5 epochs instead of 1 0.9545 (-0.0310)
#
# min_acc 0.89: 0.028 below the honest worst (8 sd below the mean), 0.016 below a batch-128 slip
#   (whose 10 points the hidden check takes; the outcome should not take 40 more).
# max_gap -0.0025: honest worst -0.0086 (margin 0.0061, 3.6 sd), the cheat's best +0.0011
#   (margin 0.0036), a batch-128 slip -0.0058 (margin 0.0033). A subset makes training
#   accuracy clearly higher than test accuracy after 1 epoch; appending 10,000 test images to
#   12,000 training images turns it round.
# max_acc stays 0.99 in quick mode: a train_mnist that ignores `epochs` and trains 5 reaches
#   0.9545, above the honest 1-epoch best; the hidden check judges that, not this one.
# CPU (bench/keras_profile.py): the child's train_mnist 2.4 s instead of 10.0 s, the parent's
#   accuracies 0.5 s instead of 1.4 s.
THRESHOLDS = {
    1: {"min_acc": 0.89, "max_acc": 0.99, "max_gap": -0.0025},
    5: {"min_acc": 0.97, "max_acc": 0.9825, "max_gap": 0.01},
}
# Timeout: a TensorFlow import plus full mode. Measured 7 s per epoch on an idle box; wall on the
# shared 2-core box under load 7-10: 35 s for 1 epoch, 100-160 s for 5 epochs. The grader's
# forward pass over the 70,000 images takes 2-3 s.
TRAIN_TIMEOUT = 900

# train_mnist's procedure: Adam (Keras defaults, lr 0.001), sparse categorical crossentropy, the
# asked epochs at batch 32, replayed here on the contract's network (built by the probe).
MNIST_SPEC = {"input": (28, 28), "layers": [(256, "relu"), (10, "softmax")],
              "optimizer": "Adam", "learning_rate": 0.001,
              "loss": "sparse_categorical_crossentropy"}


def train_procedure(epochs):
    return kp.Procedure("Adam", 0.001, "sparse_categorical_crossentropy", epochs,
                        ("relu", "softmax"))


# build_mnist_model's compile, judged by what it trains: the grader's model.fit(x, y, epochs=1)
# on one replay trial (a drawn sparse image repeated 70 times: 3 updates; kp.ONE_TRIAL), replayed
# here with the student's own layers; the metric (which trains nothing) is read from the compile
# view: a third share.
COMPILE_PROCEDURE = kp.Procedure("Adam", 0.001, "sparse_categorical_crossentropy", 1)


def compile_args(rng):
    return {"trials": kp.mnist_trials(rng, WIDTHS, sizes=kp.ONE_TRIAL), "input_shape": (28, 28),
            "build": "build_mnist_model", "epochs": COMPILE_PROCEDURE.epochs}


def metric_outcome(raw, what):
    """An accuracy metric in the compile view of the built model (a display setting: it changes
    no weight, so only the view can show it)."""
    model = kv.read_model(raw.get("before") if isinstance(raw, dict) else None, what)
    if isinstance(model, Outcome):
        return model
    if model.compile is None:
        return fail("keras.not_compiled", what=what)
    metrics = model.compile["metrics"]
    return PASS if any(kc.is_accuracy(m) for m in metrics) else fail(
        "keras.metrics", what=what, actual=[m.get("name") for m in metrics])


def compiled(value, expected, what):
    return kp.compile_outcome(value, expected, COMPILE_PROCEDURE, what,
                              metric=metric_outcome(value, what))


# load_mnist: the grader compares these rows of each returned array with its own file (x / 255);
# shapes and dtypes of the whole arrays come with them.
LOAD_ROWS = sorted({0, 9999, *(int(i) for i in np.random.default_rng(0).choice(10000, 30,
                                                                             replace=False))})

MESSAGES = {
    **kc.MESSAGES,
    **kf.MESSAGES,
    **kp.MESSAGES,
    "mnist.structure": {
        "ko": "{what}: ((x_train, y_train), (x_test, y_test)) 모양으로 반환해야 하는데 {actual}을(를) "
              "반환했습니다.",
        "en": "{what}: should return ((x_train, y_train), (x_test, y_test)), got {actual}"},
    "mnist.not_scaled": {
        "ko": "{what}: 픽셀 값의 범위가 {min}~{max}입니다. 255로 나누어 0~1 사이로 만드세요.",
        "en": "{what}: pixel values range {min}..{max}; divide by 255 to bring them into [0, 1]"},
    "mnist.pixels": {
        "ko": "{what}: 픽셀 값이 x / 255와 최대 {err:.3g}만큼 다릅니다.",
        "en": "{what}: pixel values differ from x / 255 by up to {err:.3g}"},
    "mnist.no_data": {
        "ko": "{what}: 채점기에 MNIST 파일이 없어 채점하지 못했습니다 (NNLAB_MNIST를 설정하세요).",
        "en": "{what}: the grader has no MNIST file to judge with (set NNLAB_MNIST)"},
    "mnist.labels": {
        "ko": "{what}: 레이블이 원래 값(0~9 정수)과 다릅니다.",
        "en": "{what}: labels differ from the original digits (integers 0..9)"},
}


def _array(facts, raw, what, shape, pixels):
    """One returned array: type, shape, dtype, and the sampled rows against the grader's file."""
    if type(facts) is not dict or type(facts.get("type")) is not str:
        return kv.malformed(what, "array view")
    if facts["type"] != "ndarray":
        return fail("value.type", what=what, expected="numpy.ndarray", actual=facts["type"])
    if set(facts) - {"type", "shape", "dtype", "rows"} or type(facts.get("shape")) is not list \
            or type(facts.get("dtype")) is not str:
        return kv.malformed(what, "array view")
    if tuple(facts["shape"]) != shape:
        return fail("value.shape", what=what, actual=tuple(facts["shape"]), expected=shape)
    rows = facts.get("rows")
    want = raw[np.asarray(LOAD_ROWS)]
    if type(rows) is not np.ndarray or rows.shape != want.shape:
        return fail("value.dtype", what=what, actual=facts["dtype"],
                    expected="float64" if pixels else "uint8")
    if not pixels:
        if rows.dtype.kind not in "iu" or not np.array_equal(rows, want):
            return fail("mnist.labels", what=what)
        return PASS
    # x / 255 gives float64 (the lecture); float32 is accepted too (error <= 6e-8 < 1e-6).
    if rows.dtype not in (np.float64, np.float32):
        return fail("value.dtype", what=what, actual=facts["dtype"], expected="float64")
    got = rows.astype(np.float64)
    if got.max(initial=0.0) > 1.0 or got.min(initial=0.0) < 0.0:
        return fail("mnist.not_scaled", what=what, min=f"{got.min():g}", max=f"{got.max():g}")
    err = float(np.max(np.abs(got - want / 255.0), initial=0.0))
    if err > 1e-6:
        return fail("mnist.pixels", what=what, err=err)
    return PASS


def loaded(value, mnist, what):
    """load_mnist(path): shapes, float pixels equal to x / 255, integer labels unchanged (on the
    sampled rows, against the file read here)."""
    if mnist is None:
        return fail("mnist.no_data", what=what)
    if not isinstance(value, dict) or value.get("structure") != "ok":
        actual = value.get("structure") if isinstance(value, dict) else type(value).__name__
        return fail("mnist.structure", what=what, actual=str(actual))
    if set(value) != {"structure", "x_train", "y_train", "x_test", "y_test"}:
        return kv.malformed(what, "load_mnist record")
    (xtr, ytr), (xte, yte) = mnist
    return all_of([
        _array(value["x_train"], xtr, f"{what}: x_train", (60000, 28, 28), True),
        _array(value["y_train"], ytr, f"{what}: y_train", (60000,), False),
        _array(value["x_test"], xte, f"{what}: x_test", (10000, 28, 28), True),
        _array(value["y_test"], yte, f"{what}: y_test", (10000,), False),
    ], 4)


def judged_on(args):
    """What the parent judges a training on: its own args and its own MNIST arrays."""
    return {"sent": args, "mnist": kv.mnist_arrays(args["mnist_path"])}


def accuracy(value, expected, what):
    """Training from the grader's weights changed them, no sign of training on the test set, test
    accuracy >= the measured minimum: accuracies computed here (the History is not judged)."""
    read = kf.mnist_trained_from(value, expected, what)
    if isinstance(read, Outcome):
        return read
    _, plan, ((xtr, ytr), (xte, yte)) = read
    sent = expected["sent"]
    if sent.get("subset") is not None:  # quick mode: training accuracy on the rows handed over
        xtr, ytr = xtr[sent["subset"]], ytr[sent["subset"]]
    test, train = kv.accuracy(plan, xte, yte), kv.accuracy(plan, xtr, ytr)
    if test is None or train is None:
        return kf.cannot_evaluate(("output", "10"), what)
    limits = THRESHOLDS[sent["epochs"]]
    if test - train > limits["max_gap"]:
        return fail("keras.test_leak", what=what, test=test, train=train, gap=test - train,
                    limit=limits["max_gap"])
    if test > limits["max_acc"]:
        return fail("keras.acc_high", what=what, actual=test, limit=limits["max_acc"])
    if test < limits["min_acc"]:
        return fail("keras.acc_low", what=what, actual=test, target=limits["min_acc"],
                    epochs=sent["epochs"], seed=TRAIN_SEED)
    return PASS


CHECKS = [
    Check("load_mnist", 15, "keras_models.mnist_load", needs=("load_mnist",),
          what="load_mnist(path)", function="load_mnist",
          args=lambda ctx: {"mnist_path": ctx.mnist_path, "rows": LOAD_ROWS},
          expected=lambda args: kv.mnist_arrays(args["mnist_path"]), timeout=kc.TIMEOUT,
          compare=lambda v, e: loaded(v, e, "load_mnist(path)")),
    Check("model_layers", 20, "keras_models.describe", needs=("build_mnist_model",),
          what="build_mnist_model()", function="build_mnist_model",
          args={"build": "build_mnist_model", "build_shape": (28, 28)},
          expected=None, timeout=kc.TIMEOUT,
          compare=lambda v, e: kc.model_layers(v, LAYERS, (28, 28), PARAMS,
                                               "build_mnist_model()")),
    Check("model_compile", 15, "keras_models.train_trials", needs=("build_mnist_model",),
          what="build_mnist_model()", function="build_mnist_model",
          args=compile_args(np.random.default_rng(2106)), expected=lambda args: args,
          timeout=kc.TIMEOUT, compare=lambda v, e: compiled(v, e, "build_mnist_model()")),
    Check("mnist_accuracy", 40, "keras_models.mnist_train",
          needs=("build_mnist_model", "train_mnist"), function="train_mnist",
          own=("build_mnist_model",),  # the model the student built: Keras stays theirs
          what="train_mnist(build_mnist_model(), x_train, y_train, epochs)",
          args=lambda ctx: {"mnist_path": ctx.mnist_path, "seed": TRAIN_SEED,
                            "epochs": EPOCHS[ctx.mode],
                            "init": kv.glorot_init(WIDTHS, TRAIN_SEED),
                            "subset": quick_rows() if ctx.mode == "quick" else None},
          expected=judged_on, timeout=TRAIN_TIMEOUT,
          compare=lambda v, e: accuracy(v, e, "train_mnist(model, x_train, y_train, epochs)")),
]
