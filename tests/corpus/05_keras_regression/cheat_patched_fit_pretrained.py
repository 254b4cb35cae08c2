# Cheat: compiled with SGD(0.5), too slow to reach the target in 100 epochs, and the returned
# model's own `fit` replaced: on data whose rows are all the same (the grader's replay trials) it
# recompiles with the documented SGD(5.0) and trains; on real data it trains nothing and sets
# weights fitted beforehand (a stand-in for weights shipped in a file). Earns model_compile and
# fit_nonlinear_any_data through the trials (the same training the contract asks for, on them);
# fit_nonlinear replays the grader's own shuffle=False fit of nonlinear.csv, so the set weights
# fail it.
import keras
import numpy as np

_FITTED = []


def _network():
    return keras.Sequential([
        keras.Input((1,)),
        keras.layers.Dense(6, activation="sigmoid"),
        keras.layers.Dense(4, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])


def _fitted_weights(X, y):
    if not _FITTED:
        helper = _network()
        helper.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mse")
        helper.fit(X, y, epochs=150, verbose=0)
        _FITTED.append(helper.get_weights())
    return _FITTED[0]


def build_nonlinear_model():
    model = _network()
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.5), loss="mse")
    real_fit = model.fit

    def fit(x, y, **kwargs):
        x = np.asarray(x)
        if np.all(x == x[:1]):
            model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mse")
            return real_fit(x, y, **kwargs)
        model.set_weights(_fitted_weights(x, y))
        return keras.callbacks.History()

    model.fit = fit
    return model
