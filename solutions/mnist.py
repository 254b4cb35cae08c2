"""06_mnist: a 784-256-10 classifier for MNIST digits (lecture 4.4-4.6)."""
import keras

import nndata


def load_mnist(path=None):
    """MNIST with pixels scaled to [0, 1].

    Reads ((x_train, y_train), (x_test, y_test)) with nndata.load_mnist_raw(path)
    and returns them with x / 255.0 (float64); labels stay uint8 in 0..9.
    Shapes: x_train (60000, 28, 28), x_test (10000, 28, 28).
    """
    (x_train, y_train), (x_test, y_test) = nndata.load_mnist_raw(path)
    return (x_train / 255.0, y_train), (x_test / 255.0, y_test)


def build_mnist_model():
    """The lecture's MNIST network, compiled.

    keras.Input((28, 28)) -> Flatten -> Dense(256, relu) -> Dense(10, softmax);
    optimizer "adam", loss "sparse_categorical_crossentropy", metrics ["accuracy"].
    Parameters: 785 * 256 + 257 * 10 = 203,530.

    Returns: a compiled keras model (Sequential, functional or subclassed, as in
    05 build_nonlinear_model), judged as built on the input (28, 28). The compile is judged by
    what it trains (Adam at lr 0.001 on sparse categorical crossentropy, replayed in NumPy) and
    by the accuracy metric in its compile settings.
    """
    model = keras.Sequential(
        [
            keras.Input((28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(256, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def train_mnist(model, x_train, y_train, epochs=5):
    """Fit the model: model.fit(x_train, y_train, epochs=epochs, verbose=0).

    The procedure: the model's own compile (Adam, sparse categorical crossentropy), `epochs`
    epochs on exactly the x_train, y_train passed in, the Keras default batch size 32 (1,875
    updates per epoch on 60,000 images). shuffle, verbose, callbacks, validation_split=0 and an
    explicit batch_size=32 are free. The grader replays this procedure in NumPy from its own
    initial weights on data it chose and compares the weights; the History is not judged.
    Returns: the keras.callbacks.History of the fit.
    """
    return model.fit(x_train, y_train, epochs=epochs, verbose=0)
