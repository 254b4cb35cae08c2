# Student style: the functional API with Flatten, a linear Dense followed by a ReLU layer, a
# Softmax layer, optimizer and loss objects, the SparseCategoricalAccuracy metric, float32 data.
import numpy as np
import keras

import nndata


def load_mnist(path=None):
    (x_train, y_train), (x_test, y_test) = nndata.load_mnist_raw(path)
    return ((x_train.astype("float32") / 255.0, y_train),
            (x_test.astype("float32") / 255.0, y_test))


def build_mnist_model():
    inputs = keras.Input(shape=(28, 28))
    h = keras.layers.Flatten()(inputs)
    h = keras.layers.ReLU()(keras.layers.Dense(256)(h))
    outputs = keras.layers.Softmax()(keras.layers.Dense(10)(h))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss=keras.losses.SparseCategoricalCrossentropy(),
                  metrics=[keras.metrics.SparseCategoricalAccuracy()])
    return model


def train_mnist(model, x_train, y_train, epochs=5):
    return model.fit(x_train, y_train, epochs=epochs, batch_size=32, verbose=0)
