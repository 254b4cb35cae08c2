import numpy as np


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


def sigmoid_derivative(x):
    y = sigmoid(x)
    return y * (1.0 - y)


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=np.float64)
    x = np.array(x, dtype=np.float64)
    y = sigmoid(w @ x + b)
    delta = (y - t) * sigmoid_derivative(w @ x + b)
    return w - lr * delta * x, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = 2.0 * rng.random((n_in, n_hidden)) - 1.0
    W = 2.0 * rng.random((n_hidden, n_out)) - 1.0
    return dict(U=U, b1=np.zeros(n_hidden), W=W, b2=np.zeros(n_out))


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    s1 = X @ params["U"] + params["b1"]
    H = sigmoid(s1)
    s2 = H @ params["W"] + params["b2"]
    Y = sigmoid(s2)
    cache = {"X": X, "H": H, "Y": Y}
    return Y, cache


def mlp_backward(X, T, params, cache):
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H, Y = cache["H"], cache["Y"]
    m = X.shape[0]
    err = Y - T
    delta2 = err * Y * (1 - Y) / m
    dW = np.dot(H.T, delta2)
    db2 = delta2.sum(axis=0)
    delta1 = np.dot(delta2, params["W"].T) * H * (1 - H)
    dU = np.dot(X.T, delta1)
    db1 = delta1.sum(axis=0)
    return {"U": dU, "b1": db1, "W": dW, "b2": db2}


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs, dtype=np.float64)
    for epoch in range(epochs):
        Y, cache = mlp_forward(XOR_X, params)
        losses[epoch] = np.mean(np.sum(0.5 * (Y - XOR_T) ** 2, axis=1))
        grads = mlp_backward(XOR_X, XOR_T, params, cache)
        for key in ("U", "b1", "W", "b2"):
            params[key] = params[key] - lr * grads[key]
    return params, losses
