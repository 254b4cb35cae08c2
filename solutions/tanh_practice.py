"""07_tanh_practice: the lecture's practice problem, a 1-6-4-1 tanh network on dataset2.csv."""
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import nndata


def load_dataset2(path=None):
    """Load the practice data (columns "x", "y").

    Inputs: path: CSV file; None means nndata.path("dataset2.csv").
    Returns: (X, y): X float64 of shape (n, 1), y float64 of shape (n,).
    """
    if path is None:
        path = nndata.path("dataset2.csv")
    df = pd.read_csv(path)
    X = df["x"].to_numpy(dtype=np.float64).reshape(-1, 1)
    y = df["y"].to_numpy(dtype=np.float64)
    return X, y


def build_tanh_model():
    """The practice network, compiled.

    keras.Input((1,)) -> Dense(6, tanh) -> Dense(4, tanh) -> Dense(1, tanh);
    optimizer SGD(learning_rate=0.1), loss "mse".

    Returns: a compiled keras model (Sequential, functional or subclassed, as in
    05 build_nonlinear_model), judged as built on the input (1,); the compile is judged by what
    it trains (SGD(0.1) on mse, replayed in NumPy).
    """
    model = keras.Sequential(
        [
            keras.Input((1,)),
            keras.layers.Dense(6, activation="tanh"),
            keras.layers.Dense(4, activation="tanh"),
            keras.layers.Dense(1, activation="tanh"),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    return model


def fit_tanh_model(model, X, y):
    """Train for exactly 100 epochs: model.fit(X, y, epochs=100, verbose=0).

    The procedure: the model as compiled (SGD(0.1), mse), 100 epochs on exactly the X, y passed
    in, default batch size 32 (shuffle, verbose, callbacks, validation_split=0 and an explicit
    batch_size=32 are free). The grader replays it in NumPy from its own initial weights on data
    it chose and compares the weights; the History is not judged.
    Returns: the keras.callbacks.History.
    """
    return model.fit(X, y, epochs=100, verbose=0)


def predict_curve(model):
    """Predictions on 100 evenly spaced points of [0, 1].

    domain = np.linspace(0, 1, 100).reshape(-1, 1),
    y_hat = model.predict(domain, verbose=0).

    Returns: (domain, y_hat), both of shape (100, 1).
    """
    domain = np.linspace(0, 1, 100).reshape(-1, 1)
    y_hat = model.predict(domain, verbose=0)
    return domain, y_hat


def plot_fit(X, y, domain, y_hat):
    """Scatter plot of the data with the model's prediction curve in red.

    Draws ax.scatter(X, y) and ax.plot(domain, y_hat, color="r") on a new
    figure with axis labels "x" and "y"; does not call plt.show().

    Returns: the matplotlib Figure.
    """
    fig, ax = plt.subplots()
    ax.scatter(np.ravel(X), np.ravel(y), s=8, label="data")
    ax.plot(np.ravel(domain), np.ravel(y_hat), color="r", label="prediction")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend()
    return fig
