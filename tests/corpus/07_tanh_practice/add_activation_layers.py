# Student style: model.add with an explicit Input, linear Dense + Activation("tanh") layers,
# loss "mean_squared_error", a verbose fit, y_hat flattened, a red line via "r-".
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
from tensorflow import keras

import nndata


def load_dataset2(path=None):
    df = pd.read_csv(nndata.path("dataset2.csv") if path is None else path)
    X = df["x"].values.reshape(-1, 1)
    y = df["y"].values
    return X, y


def build_tanh_model():
    model = keras.Sequential()
    model.add(keras.Input(shape=(1,)))
    for units in (6, 4, 1):
        model.add(keras.layers.Dense(units))
        model.add(keras.layers.Activation("tanh"))
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mean_squared_error")
    return model


def fit_tanh_model(model, X, y):
    return model.fit(X, y, epochs=100, verbose=1)


def predict_curve(model):
    domain = np.linspace(0, 1, 100).reshape(-1, 1)
    return domain, model.predict(domain, verbose=0).flatten()


def plot_fit(X, y, domain, y_hat):
    plt.figure(figsize=(6, 4))
    plt.scatter(X, y, s=5)
    plt.plot(domain, y_hat, "r-")
    return plt.gcf()
