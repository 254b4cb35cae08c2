# 02 backprop - einsum 연습 겸
import numpy as np

sigmoid = lambda x: np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=np.float64)))
sigmoid_derivative = lambda x: sigmoid(x) * sigmoid(-np.asarray(x, dtype=np.float64))


def delta_rule_step(w, b, x, t, lr):
    x = np.asarray(x, dtype=np.float64)
    s = np.einsum("i,i->", np.asarray(w, dtype=np.float64), x) + b
    y = sigmoid(s)
    grad_s = (y - t) * sigmoid_derivative(s)
    return np.asarray(w, dtype=np.float64) - lr * grad_s * x, float(b - lr * grad_s)


def init_mlp(n_in, n_hidden, n_out, seed):
    gen = np.random.default_rng(seed)
    params = {}
    params["U"] = gen.random((n_in, n_hidden)) * 2.0 - 1.0
    params["W"] = gen.random((n_hidden, n_out)) * 2.0 - 1.0
    params["b1"] = np.zeros(n_hidden)
    params["b2"] = np.zeros(n_out)
    return params


def mlp_forward(X, params):
    X = np.asarray(X, dtype=np.float64)
    H = sigmoid(np.einsum("mi,ih->mh", X, params["U"]) + params["b1"])
    Y = sigmoid(np.einsum("mh,ho->mo", H, params["W"]) + params["b2"])
    return Y, dict(X=X, H=H, Y=Y)


def mlp_backward(X, T, params, cache):
    X, H, Y = np.asarray(X, dtype=np.float64), cache["H"], cache["Y"]
    m = len(X)
    g_out = (Y - np.asarray(T, dtype=np.float64)) * Y * (1 - Y) / m
    g_hid = np.einsum("mo,ho->mh", g_out, params["W"]) * H * (1 - H)
    return dict(
        U=np.einsum("mi,mh->ih", X, g_hid),
        b1=g_hid.sum(0),
        W=np.einsum("mh,mo->ho", H, g_out),
        b2=g_out.sum(0),
    )


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = init_mlp(2, hidden, 1, seed)
    losses = np.empty(epochs)
    k = 0
    while k < epochs:
        Y, cache = mlp_forward(XOR_X, params)
        losses[k] = 0.5 * ((Y - XOR_T) ** 2).sum() / len(XOR_X)
        grads = mlp_backward(XOR_X, XOR_T, params, cache)
        params = {name: p - lr * grads[name] for name, p in params.items()}
        k += 1
    return params, losses
