# 02_backprop — student B (math identities, comprehensions)


import numpy as np


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -x))


sigmoid_derivative = lambda x: sigmoid(x) * sigmoid(-np.asarray(x, dtype=np.float64))   # phi(x) (1 - phi(x)) = phi(x) phi(-x)


def delta_rule_step(w, b, x, t, lr):
    w, x = np.asarray(w, np.float64), np.asarray(x, np.float64)
    s = w @ x + b
    delta = (sigmoid(s) - t) * sigmoid_derivative(s)
    return w - lr * delta * x, float(b - lr * delta)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U, W = (rng.uniform(-1, 1, shape) for shape in [(n_in, n_hidden), (n_hidden, n_out)])
    return dict(U=U, b1=np.zeros(n_hidden), W=W, b2=np.zeros(n_out))


def mlp_forward(X, params):
    X = np.asarray(X, np.float64)
    H = sigmoid(X @ params["U"] + params["b1"])
    Y = H @ params["W"] + params["b2"]          # output = logits
    return Y, dict(X=X, H=H, Y=Y)


def mlp_backward(X, T, params, cache):
    X, T = np.asarray(X, np.float64), np.asarray(T, np.float64)
    H, Y = cache["H"], cache["Y"]
    dO = (Y - T) * Y * (1 - Y) / len(X)
    dH = dO @ params["W"].T * H * (1 - H)
    return dict(U=X.T @ dH, b1=dH.sum(0), W=H.T @ dO, b2=dO.sum(0))


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    T = np.array([[0], [1], [1], [0]], float)
    p = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs)
    for e in range(epochs):
        Y, c = mlp_forward(X, p)
        losses[e] = ((Y - T) ** 2).sum() / (2 * len(X))
        g = mlp_backward(X, T, p, c)
        p = {k: v - lr * g[k] for k, v in p.items()}
    return p, losses
