import numpy as np


def _step_scalar(v):
    if v > 0:
        return 1.0
    if v < 0:
        return -1.0
    return 0.0


step = np.vectorize(_step_scalar, otypes=[np.float64])


def sigmoid(s):
    # 1 / (1 + e^-s) = (1 + tanh(s / 2)) / 2, and tanh never overflows
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(s, dtype=np.float64)))


ACTIVATIONS = {"step": step, "sigmoid": sigmoid}


def perceptron(X, w, b, activation="step"):
    try:
        phi = ACTIVATIONS[activation]
    except KeyError:
        raise ValueError("activation must be 'step' or 'sigmoid', not %r" % (activation,))
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return phi(np.einsum("...i,i->...", X, w) + b)


def gate_weights(name):
    w_and = np.array([2.0, 2.0])
    table = {"AND": (w_and, -2.0), "OR": (w_and, 2.0), "NAND": (-w_and, 2.0)}
    if name not in table:
        raise ValueError("gate must be AND, OR or NAND")
    w, b = table[name]
    return w.copy(), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        clean = True
        for i, x in enumerate(X):
            if step(x @ w + b) == t[i]:
                continue
            clean = False
            w = w + lr * t[i] * x
            b = b + lr * t[i]
        if clean:
            break
    else:
        return w, float(b), False, max_epochs
    return w, float(b), True, epoch


def poly_features(X):
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X.T
    return np.stack((x1 * x1, x1, x1 * x2, x2 * x2), axis=-1)
