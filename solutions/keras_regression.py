"""05_keras_regression: a small sigmoid network fitted to nonlinear.csv (lecture 3.8)."""
import keras
import numpy as np
import pandas as pd

import nndata


def load_nonlinear(path=None):
    """Load the nonlinear regression data (columns "x", "y").

    Inputs: path: CSV file; None means nndata.path("nonlinear.csv").
    Returns: (X, y): X float64 of shape (n, 1), y float64 of shape (n,).
    """
    if path is None:
        path = nndata.path("nonlinear.csv")
    df = pd.read_csv(path)
    X = df["x"].to_numpy(dtype=np.float64).reshape(-1, 1)
    y = df["y"].to_numpy(dtype=np.float64)
    return X, y


def build_nonlinear_model():
    """The lecture's 1-6-4-1 sigmoid network, compiled.

    keras.Input((1,)) -> Dense(6, sigmoid) -> Dense(4, sigmoid) -> Dense(1, sigmoid);
    optimizer SGD(learning_rate=5.0), loss "mse".

    Returns: a compiled keras model with these layers, judged as built on the input (1,):
    keras.Sequential (keras.Input, input_shape=, input_dim= or no input; a list or model.add),
    the functional keras.Model(inputs, outputs), or a subclassed keras.Model whose Dense layers
    are created in the order call() applies them and which builds on (None, 1). A model that
    cannot be built on (1,) has no weights and fails every check of this function.
    The compile is judged by what it trains: the grader fits the model with
    model.fit(x, y, epochs=3) from its own initial weights on one sample repeated 40 / 70 times
    and replays SGD(5.0) on mse in NumPy; the weights must agree.
    """
    model = keras.Sequential(
        [
            keras.Input((1,)),
            keras.layers.Dense(6, activation="sigmoid"),
            keras.layers.Dense(4, activation="sigmoid"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mse")
    return model
