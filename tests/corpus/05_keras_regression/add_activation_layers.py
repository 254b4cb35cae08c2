# Student style: model.add, linear Dense layers each followed by an Activation layer,
# input_shape= on the first layer, loss "mean_squared_error", a pandas loader via .values.
import pandas as pd
from tensorflow import keras

import nndata


def load_nonlinear(path=None):
    if path is None:
        path = nndata.path("nonlinear.csv")
    df = pd.read_csv(path)
    return df[["x"]].values.astype(float), df["y"].values.astype(float)


def build_nonlinear_model():
    model = keras.Sequential()
    model.add(keras.layers.Dense(6, input_shape=(1,)))
    model.add(keras.layers.Activation("sigmoid"))
    model.add(keras.layers.Dense(4))
    model.add(keras.layers.Activation("sigmoid"))
    model.add(keras.layers.Dense(1))
    model.add(keras.layers.Activation("sigmoid"))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mean_squared_error")
    return model
