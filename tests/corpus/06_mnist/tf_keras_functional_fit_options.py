# Student style: tf.keras, the functional API with a Flatten layer, the optimizer object, and
# train_mnist with batch_size=32, shuffle=True, a callback and validation_split=0.0 spelled out.
import tensorflow as tf
from tensorflow import keras


def build_mnist_model():
    inputs = keras.Input(shape=(28, 28))
    h = keras.layers.Flatten()(inputs)
    h = keras.layers.Dense(256, activation=tf.nn.relu)(h)
    outputs = keras.layers.Dense(10, activation=tf.nn.softmax)(h)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=keras.optimizers.Adam(), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


def train_mnist(model, x_train, y_train, epochs=5):
    stop = keras.callbacks.TerminateOnNaN()
    return model.fit(x_train, y_train, epochs=epochs, batch_size=32, shuffle=True, verbose=0,
                     callbacks=[stop], validation_split=0.0)
