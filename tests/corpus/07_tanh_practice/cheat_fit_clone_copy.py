# Cheat: trains a fresh clone (its own initial weights, the same compile) with the right
# arguments and copies the clone's weights into the model passed in: not the model's training
# from its own start, so the replay does not match.
import keras


def fit_tanh_model(model, X, y):
    other = keras.models.clone_model(model)
    other.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
    history = other.fit(X, y, epochs=100, verbose=0)
    model.set_weights(other.get_weights())
    return history
