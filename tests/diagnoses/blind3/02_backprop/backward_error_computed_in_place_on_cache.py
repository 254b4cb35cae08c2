import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    out = np.zeros_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def sigmoid_derivative(x):
    return sigmoid(x) * (1 - sigmoid(x))


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=np.float64)
    x = np.array(x, dtype=np.float64)
    y = sigmoid(w @ x + b)
    delta = (y - t) * sigmoid_derivative(w @ x + b)
    return w - lr * delta * x, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    params = {}
    params["U"] = rng.uniform(low=-1.0, high=1.0, size=(n_in, n_hidden))
    params["b1"] = np.zeros(n_hidden)
    params["W"] = rng.uniform(low=-1.0, high=1.0, size=(n_hidden, n_out))
    params["b2"] = np.zeros(n_out)
    return params


def mlp_forward(X, params):
    U, b1, W, b2 = params["U"], params["b1"], params["W"], params["b2"]
    X = np.asarray(X, dtype=np.float64)
    H = sigmoid(np.dot(X, U) + b1)
    Y = sigmoid(np.dot(H, W) + b2)
    return Y, dict(X=X, H=H, Y=Y)


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    m = X.shape[0]
    slope = Y * (1 - Y)
    err = Y
    err -= T
    delta2 = err * slope / m
    dW = np.dot(H.T, delta2)
    db2 = delta2.sum(axis=0)
    delta1 = np.dot(delta2, params["W"].T) * H * (1 - H)
    dU = np.dot(X.T, delta1)
    db1 = delta1.sum(axis=0)
    return {"U": dU, "b1": db1, "W": dW, "b2": db2}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for e in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses[e] = 0.5 * np.sum((Y - T) ** 2) / len(X)
        grads = mlp_backward(X, T, params, cache)
        params = {name: p - lr * grads[name] for name, p in params.items()}
    return params, losses
