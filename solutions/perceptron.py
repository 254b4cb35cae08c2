"""01_perceptron: the single perceptron, logic gates, the XOR limit (lecture 3.2-3.5).

Inputs and targets are bipolar: -1 means false, +1 means true.
"""
import numpy as np


def step(s):
    """Bipolar step activation.

    step(s) = 1 where s > 0, -1 where s < 0, 0 where s == 0 (elementwise).

    Inputs:  s: scalar or array of any shape.
    Returns: float64 array of the same shape.
    """
    return np.sign(np.asarray(s, dtype=np.float64))


def sigmoid(s):
    """Logistic sigmoid, numerically stable.

    sigmoid(s) = 1 / (1 + exp(-s)), computed with z = exp(-|s|) so that no
    exp() overflows: s >= 0 -> 1 / (1 + z), s < 0 -> z / (1 + z).
    No RuntimeWarning for any input (s = +-1000 included).

    Inputs:  s: scalar or array of any shape.
    Returns: float64 array of the same shape, values in [0, 1].
    """
    s = np.asarray(s, dtype=np.float64)
    z = np.exp(-np.abs(s))
    return np.where(s >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def perceptron(X, w, b, activation="step"):
    """Perceptron output y = activation(X . w + b).

    Inputs:
    - X: one sample of shape (n,) or a batch of shape (m, n).
    - w: weights, shape (n,).
    - b: bias, scalar.
    - activation: "step" or "sigmoid"; anything else raises ValueError.
    Returns: float64 array of shape () for one sample or (m,) for a batch.
    The arguments are not modified.
    """
    if activation == "step":
        phi = step
    elif activation == "sigmoid":
        phi = sigmoid
    else:
        raise ValueError(
            f"unknown activation {activation!r}: expected 'step' or 'sigmoid'"
        )
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    return phi(X @ w + float(b))


def gate_weights(name):
    """Weights (w, b) of a perceptron that computes a bipolar logic gate.

    name: "AND", "OR" or "NAND"; unknown names raise ValueError.
    With inputs x in {-1, 1}^2, step(x . w + b) must give the gate's truth
    table: 1 (true) or -1 (false), never 0. Any such (w, b) is correct.

    Returns: (w, b) with w a float64 array of shape (2,) and b a float.
    """
    table = {
        "AND": ([1.0, 1.0], -1.0),
        "OR": ([1.0, 1.0], 1.0),
        "NAND": ([-1.0, -1.0], 1.0),
    }
    if name not in table:
        raise ValueError(f"unknown gate {name!r}: expected 'AND', 'OR' or 'NAND'")
    w, b = table[name]
    return np.array(w, dtype=np.float64), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    """Rosenblatt's perceptron learning rule with the step activation.

    Start from w = 0, b = 0. Each epoch visits the samples in order; for every
    sample whose output step(x . w + b) differs from its target t_i:
        w <- w + lr * t_i * x_i
        b <- b + lr * t_i
    (An output of 0, a sample on the boundary, differs from t_i: it is an
    error.) Training stops after the first epoch with no update (converged)
    or after max_epochs epochs. X and t are not modified.

    Inputs:
    - X: samples, shape (m, n); t: bipolar targets in {-1, 1}, shape (m,).
    - lr: learning rate; max_epochs: maximum number of epochs.
    Returns: (w, b, converged, epochs)
    - w: float64 array (n,); b: float; converged: bool (an epoch made no
      update); epochs: int, the number of epochs run, the clean one included
      (updates in epoch 1, none in epoch 2 -> 2); max_epochs if not converged.
    """
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    w = np.zeros(X.shape[1], dtype=np.float64)
    b = 0.0
    for epoch in range(1, max_epochs + 1):
        updated = False
        for x_i, t_i in zip(X, t):
            if step(x_i @ w + b) != t_i:
                w = w + lr * t_i * x_i
                b = b + lr * t_i
                updated = True
        if not updated:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    """Second-order polynomial features of two inputs, as in lecture 3.5.

    phi(x1, x2) = (x1^2, x1, x1 * x2, x2^2)   (the lecture's vector: no x2 term)

    Inputs:  X: shape (m, 2), any real values (not modified).
    Returns: float64 array of shape (m, 4), columns in the order above.
    """
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([x1 ** 2, x1, x1 * x2, x2 ** 2], axis=1)
