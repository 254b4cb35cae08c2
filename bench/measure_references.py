"""Measure the Keras reference solutions over several seeds and print the figures.

Usage:
    NNLAB_MNIST=/path/to/mnist.npz python bench/measure_references.py [--seeds 0 1 2]
        [--only mnist nonlinear tanh xor]

Figures recorded in tests/solutions/test_keras_models.py come from this script:
MNIST test accuracy after train_mnist(epochs=5) and seconds per epoch; final
training-set MSE (model.evaluate) of the nonlinear and tanh models after their
100-epoch fits; for --only xor, which train_xor seeds classify XOR.
Every run seeds keras.utils.set_random_seed(seed) and enables TensorFlow op
determinism, like the tests.
"""
import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def seed_everything(seed):
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def measure_mnist(seeds, epochs=5):
    from solutions.mnist import build_mnist_model, load_mnist, train_mnist

    (x_train, y_train), (x_test, y_test) = load_mnist()
    for seed in seeds:
        seed_everything(seed)
        model = build_mnist_model()
        t0 = time.perf_counter()
        train_mnist(model, x_train, y_train, epochs=epochs)
        dt = time.perf_counter() - t0
        loss, acc = model.evaluate(x_test, y_test, verbose=0)
        print(f"mnist seed={seed} epochs={epochs} test_acc={acc:.4f} "
              f"test_loss={loss:.4f} sec/epoch={dt / epochs:.1f}", flush=True)


def measure_nonlinear(seeds):
    from solutions.keras_regression import build_nonlinear_model, load_nonlinear

    X, y = load_nonlinear()
    for seed in seeds:
        seed_everything(seed)
        model = build_nonlinear_model()
        t0 = time.perf_counter()
        model.fit(X, y, epochs=100, verbose=0)
        dt = time.perf_counter() - t0
        mse = model.evaluate(X, y, verbose=0)
        print(f"nonlinear seed={seed} final_mse={mse:.5f} var_y={y.var():.5f} "
              f"fit_sec={dt:.1f}", flush=True)


def measure_tanh(seeds):
    from solutions.tanh_practice import build_tanh_model, fit_tanh_model, load_dataset2

    X, y = load_dataset2()
    for seed in seeds:
        seed_everything(seed)
        model = build_tanh_model()
        t0 = time.perf_counter()
        fit_tanh_model(model, X, y)
        dt = time.perf_counter() - t0
        mse = model.evaluate(X, y, verbose=0)
        print(f"tanh seed={seed} final_mse={mse:.5f} var_y={y.var():.5f} "
              f"fit_sec={dt:.1f}", flush=True)


def measure_xor(seeds):
    import numpy as np

    from solutions.backprop import mlp_forward, train_xor

    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([0, 1, 1, 0])
    fails, margins = [], []
    for seed in seeds:
        params, losses = train_xor(seed=seed)
        Y = mlp_forward(X, params)[0][:, 0]
        if np.array_equal(Y > 0.5, T > 0.5):
            margins.append(float(np.min(np.abs(Y - 0.5))))
        else:
            fails.append(seed)
    print(f"xor seeds={seeds[0]}..{seeds[-1]} failed={fails} "
          f"min_margin={min(margins):.3f}", flush=True)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--only", nargs="+", default=["mnist", "nonlinear", "tanh"],
                    choices=["mnist", "nonlinear", "tanh", "xor"])
    args = ap.parse_args(argv)
    for name in args.only:
        {"mnist": measure_mnist, "nonlinear": measure_nonlinear,
         "tanh": measure_tanh, "xor": measure_xor}[name](args.seeds)


if __name__ == "__main__":
    main()
