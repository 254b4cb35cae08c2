# Student style: tf.keras, the fit spelled out with every option the contract leaves free:
# batch_size=32, shuffle=False, verbose=0, a callback, validation_split=0.0.
import tensorflow as tf


def fit_tanh_model(model, X, y):
    losses = []
    keep = tf.keras.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: losses.append(logs))
    return model.fit(X, y, epochs=100, batch_size=32, shuffle=False, verbose=0,
                     callbacks=[keep], validation_split=0.0)
