"""Margins of the checks that answer the Keras attacks of tests/corpus/0[567]_*/cheat_*.py.

    python bench/keras_attacks.py --replay    # 05 fit_nonlinear: float32 Keras vs the in-order
                                              # replay, 100 epochs, init seeds 7 1 2 3
    python bench/keras_attacks.py --leak      # 06: test - train gap of training with the test
                                              # set appended (1 epoch: TF seeds 7 1 2; 5: 7)
    python bench/keras_attacks.py --lineage   # 06: correlation of the trained first kernel with
                                              # the grader's initial one

Needs TensorFlow and (for --leak / --lineage) NNLAB_MNIST. Prints one line per run; the figures
are quoted beside the thresholds (keras_fit_replay.py, public/mnist.py, keras_fit.py) and in
bench/README.md.
"""
import argparse
import os

import numpy as np

from autograder.checks import keras_replay as kr
from autograder.checks import keras_views as kv
from autograder.sandbox.limits import TF_ENVIRONMENT

os.environ.update(TF_ENVIRONMENT)  # TensorFlow as the sandbox child runs it (before it loads)


def _seed(seed):
    """The probes' own set-up before a training (seeds, op determinism, no Grappler)."""
    from autograder.probes.keras_models import seed_training
    seed_training(seed)


def replay():
    """05 fit_nonlinear as the check fits (public.keras_regression: one epoch of the data
    FIT_PASSES times over, shuffle=False, from init seeds 7 / 1 / 2 / 3): float32 Keras against
    the numpy replay, the nearest wrong procedures, and the replay's MSE."""
    import keras
    import nndata
    from autograder.checks.public import keras_regression as p05
    X, y = kv.read_xy(str(nndata.path("nonlinear.csv")))
    passes = p05.FIT_PASSES
    Xn, yn = np.concatenate([X] * passes), np.concatenate([y] * passes)
    acts = ("sigmoid",) * 3
    for seed in (7, 1, 2, 3):
        init = kv.glorot_init([1, 6, 4, 1], seed)
        _seed(0)
        model = keras.Sequential([keras.Input((1,))] + [
            keras.layers.Dense(u, activation="sigmoid") for u in (6, 4, 1)])
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mse")
        model.set_weights(init)
        model.fit(Xn, yn, epochs=1, shuffle=False, verbose=0)
        want = kr.in_order(init, acts, Xn, yn, "mse", "SGD", 5.0, 1)
        start = [np.asarray(a, np.float64) for a in init]
        near = {"lr 4.9": kr.in_order(init, acts, Xn, yn, "mse", "SGD", 4.9, 1),
                f"{passes - 1} passes": kr.in_order(init, acts, Xn[:-len(X)], yn[:-len(y)],
                                                    "mse", "SGD", 5.0, 1)}
        mse = float(np.mean((kr._forward(want, acts, X)[-1][:, 0] - y) ** 2))
        keras_mse = float(np.mean((kr._forward(model.get_weights(), acts, X)[-1][:, 0] - y) ** 2))
        print(f"init seed {seed}: keras vs replay "
              f"{kr.distance(model.get_weights(), want, start):.3g}  "
              + "  ".join(f"{k} {kr.distance(w, want, start):.3g}" for k, w in near.items())
              + f"  MSE replay {mse:.5f} keras {keras_mse:.5f}", flush=True)


def _mnist_model(start_seed):
    import keras
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(),
                              keras.layers.Dense(256, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.set_weights(kv.glorot_init([784, 256, 10], start_seed))
    return model


def _mnist():
    with np.load(os.environ["NNLAB_MNIST"]) as z:
        return z["x_train"], z["y_train"], z["x_test"], z["y_test"]


def _acc(w, x, y):
    h = np.maximum(x.reshape(len(x), -1) / 255.0 @ w[0] + w[1], 0) @ w[2] + w[3]
    return float(np.mean(h.argmax(1) == y))


def leak():
    xtr, ytr, xte, yte = _mnist()
    both_x = np.concatenate([xtr, xte]) / np.float32(255.0)
    both_y = np.concatenate([ytr, yte])
    for seed, epochs in ((7, 1), (1, 1), (2, 1), (7, 5)):
        _seed(seed)
        model = _mnist_model(7)
        model.fit(both_x.astype(np.float32), both_y, epochs=epochs, verbose=0)
        w = model.get_weights()
        test, train = _acc(w, xte, yte), _acc(w, xtr, ytr)
        print(f"train+test, TF seed {seed}, {epochs} epoch(s): test {test:.4f} train {train:.4f} "
              f"gap {test - train:+.4f}", flush=True)


def lineage():
    xtr, ytr, _, _ = _mnist()
    x = (xtr / np.float32(255.0)).astype(np.float32)
    init = kv.glorot_init([784, 256, 10], 7)
    for seed, epochs, start in ((7, 1, 7), (1, 1, 7), (7, 5, 7), (7, 1, 8)):
        _seed(seed)
        model = _mnist_model(start)
        model.fit(x, ytr, epochs=epochs, verbose=0)
        corr = float(np.corrcoef(np.ravel(model.get_weights()[0]), np.ravel(init[0]))[0, 1])
        print(f"TF seed {seed}, {epochs} epoch(s) from init seed {start}: first-kernel "
              f"correlation with the grader's init {corr:.4f}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", action="store_true")
    parser.add_argument("--leak", action="store_true")
    parser.add_argument("--lineage", action="store_true")
    args = parser.parse_args()
    for flag, run in (("replay", replay), ("leak", leak), ("lineage", lineage)):
        if getattr(args, flag):
            run()


if __name__ == "__main__":
    main()
