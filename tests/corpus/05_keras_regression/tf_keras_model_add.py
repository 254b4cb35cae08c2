# Student style: tf.keras imports of layers and models, model.add with input_dim=, the optimizer
# object imported by name, loss "mean_squared_error".
from tensorflow.keras import layers, models
from tensorflow.keras.optimizers import SGD


def build_nonlinear_model():
    model = models.Sequential()
    model.add(layers.Dense(6, activation="sigmoid", input_dim=1))
    model.add(layers.Dense(4, activation="sigmoid"))
    model.add(layers.Dense(1, activation="sigmoid"))
    model.compile(optimizer=SGD(learning_rate=5.0), loss="mean_squared_error")
    return model
