"""02_backprop: the delta rule and a two-layer sigmoid MLP trained on XOR (lecture 3.6-3.7)."""
import numpy as np


def sigmoid(x):
    """Logistic sigmoid phi(x) = 1 / (1 + exp(-x)), numerically stable.

    Uses z = exp(-|x|): x >= 0 -> 1 / (1 + z), x < 0 -> z / (1 + z);
    no RuntimeWarning for any input (x = +-1000 included).

    Inputs:  x: scalar or array of any shape.
    Returns: float64 array of the same shape.
    """
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))


def sigmoid_derivative(x):
    """Derivative of the sigmoid: phi'(x) = phi(x) * (1 - phi(x)).

    Inputs:  x: scalar or array (the pre-activation, not phi(x)).
    Returns: float64 array of the same shape.
    """
    y = sigmoid(x)
    return y * (1.0 - y)


def delta_rule_step(w, b, x, t, lr):
    """One gradient-descent step for a single sigmoid neuron.

    y = phi(w . x + b),  E = 1/2 (y - t)^2,
    delta = (y - t) * y * (1 - y)          (= dE/ds, s = w . x + b)
    w <- w - lr * delta * x,  b <- b - lr * delta

    Inputs:
    - w: weights, shape (n,); b: bias, scalar.
    - x: one input, shape (n,); t: target, scalar; lr: learning rate.
    Returns: (w_new, b_new): float64 array (n,) and float (new objects; the
    arguments are not modified).
    """
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = sigmoid(w @ x + b)
    delta = (y - t) * y * (1.0 - y)
    return w - lr * delta * x, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    """Random initial parameters of a two-layer MLP.

    Weights are drawn from the uniform distribution on [-1, 1) with one
    rng = np.random.default_rng(seed) (U first, then W); biases are zero.
    The values are graded against exactly these draws.

    Returns: dict with
    - "U":  (n_in, n_hidden) input-to-hidden weights
    - "b1": (n_hidden,) hidden biases
    - "W":  (n_hidden, n_out) hidden-to-output weights
    - "b2": (n_out,) output biases
    """
    rng = np.random.default_rng(seed)
    return {
        "U": rng.uniform(-1.0, 1.0, size=(n_in, n_hidden)),
        "b1": np.zeros(n_hidden),
        "W": rng.uniform(-1.0, 1.0, size=(n_hidden, n_out)),
        "b2": np.zeros(n_out),
    }


def mlp_forward(X, params):
    """Forward pass of the two-layer sigmoid MLP.

    H = phi(X U + b1),  Y = phi(H W + b2)

    Inputs:
    - X: inputs, shape (m, n_in); params: dict from init_mlp.
    Returns: (Y, cache): Y of shape (m, n_out); cache = {"X", "H", "Y"}.
    """
    X = np.asarray(X, dtype=np.float64)
    H = sigmoid(X @ params["U"] + params["b1"])
    Y = sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    """Backward pass (error backpropagation) of the two-layer sigmoid MLP.

    Loss E = (1/m) * sum_samples 1/2 * sum_outputs (Y - T)^2.
    delta_out = (Y - T) * Y * (1 - Y) / m          (m, n_out)
    dW = H^T delta_out,  db2 = sum_rows(delta_out)
    delta_hid = (delta_out W^T) * H * (1 - H)     (m, n_hidden)
    dU = X^T delta_hid,  db1 = sum_rows(delta_hid)

    Inputs:
    - X: (m, n_in); T: targets (m, n_out); params: dict from init_mlp;
      cache: from mlp_forward(X, params).
    Returns: dict of gradients with the keys and shapes of params (the
    arguments, params and cache included, are not modified).
    """
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    m = X.shape[0]
    delta_out = (Y - T) * Y * (1.0 - Y) / m
    delta_hid = (delta_out @ params["W"].T) * H * (1.0 - H)
    return {
        "U": X.T @ delta_hid,
        "b1": delta_hid.sum(axis=0),
        "W": H.T @ delta_out,
        "b2": delta_out.sum(axis=0),
    }


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    """Train a 2-hidden-1 sigmoid MLP on XOR with full-batch gradient descent.

    Data: X = [[0,0],[0,1],[1,0],[1,1]], T = [[0],[1],[1],[0]].
    params = init_mlp(2, hidden, 1, seed); each epoch: forward, record the
    loss E = mean over samples of 1/2 (Y - T)^2 (the loss BEFORE the update),
    backward, then p <- p - lr * dp for every parameter.

    Returns: (params, losses): params after the last update and a float64
    array of shape (epochs,); losses[0] is the loss of the initial params.
    """
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs, dtype=np.float64)
    for epoch in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[epoch] = 0.5 * np.sum((Y - T) ** 2) / X.shape[0]
        grads = mlp_backward(X, T, params, cache)
        params = {k: params[k] - lr * grads[k] for k in params}
    return params, losses
