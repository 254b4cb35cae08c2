# Student style: the MNIST habit optimizer="sgd" as a string (Keras' default rate 0.01, not the
# 5.0 the assignment asks for), otherwise the lecture's code with an explicit Input.
import numpy as np
import pandas as pd
import keras

import nndata


def load_nonlinear(path=None):
    df = pd.read_csv(path if path is not None else nndata.path("nonlinear.csv"))
    return df["x"].to_numpy().reshape(-1, 1), df["y"].to_numpy()


def build_nonlinear_model():
    model = keras.Sequential([
        keras.Input(shape=(1,)),
        keras.layers.Dense(6, activation="sigmoid"),
        keras.layers.Dense(4, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="sgd", loss="mse")
    return model
