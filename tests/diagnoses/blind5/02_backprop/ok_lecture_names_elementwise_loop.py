import numpy as np
from numpy import exp


def sigmoid(x):
    # 강의: phi(x) = 1 / (1 + e^-x), 큰 음수에서 overflow 나지 않게
    x = np.asarray(x, dtype=np.float64)
    z = exp(-abs(x))
    return np.where(x < 0, z / (1 + z), 1 / (1 + z))


def sigmoid_derivative(x):
    phi = sigmoid
    return phi(x) * (1 - phi(x))


def delta_rule_step(w, b, x, t, lr):
    # dE/dw = (y - t) * y * (1 - y) * x = delta * x
    w = np.asarray(w, dtype=np.float64).copy()
    x = np.asarray(x, dtype=np.float64)
    y = sigmoid(sum(wi * xi for wi, xi in zip(w, x)) + b)
    delta = (y - t) * y * (1 - y)
    for i in range(len(w)):
        w[i] -= lr * delta * x[i]
    return w, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1, 1, size=(n_in, n_hidden))
    W = rng.uniform(-1, 1, size=(n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    U, b1, W, b2 = params["U"], params["b1"], params["W"], params["b2"]
    H = sigmoid(np.matmul(X, U) + b1)
    Y = sigmoid(np.matmul(H, W) + b2)
    return Y, {"X": X, "H": H, "Y": Y}


def mlp_backward(X, T, params, cache):
    X = np.array(X, dtype=float)
    T = np.array(T, dtype=float)
    H = cache["H"]
    Y = cache["Y"]
    m = len(X)
    d_out = (Y - T) * Y * (1 - Y) / m
    dW = H.T @ d_out
    db2 = np.sum(d_out, axis=0)
    d_hid = (d_out @ params["W"].T) * H * (1 - H)
    dU = X.T @ d_hid
    db1 = np.sum(d_hid, axis=0)
    return {"U": dU, "b1": db1, "W": dW, "b2": db2}


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    p = init_mlp(2, hidden, 1, seed)
    hist = np.zeros(epochs)
    for e in range(epochs):
        Y, c = mlp_forward(X, p)
        hist[e] = 0.5 * np.mean((Y - T) ** 2)
        g = mlp_backward(X, T, p, c)
        p = {name: value - lr * g[name] for name, value in p.items()}
    return p, hist
