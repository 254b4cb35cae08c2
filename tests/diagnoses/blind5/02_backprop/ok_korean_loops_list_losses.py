import numpy as np

# 02 역전파 과제


def sigmoid(x):
    x = np.array(x, dtype=float)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_derivative(x):
    # phi'(x) = phi(x)(1 - phi(x)), x는 활성화 전 값
    p = sigmoid(x)
    return p * (1 - p)


def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, dtype=float)
    x = np.array(x, dtype=float)
    y = sigmoid(np.dot(w, x) + b)
    delta = (y - t) * y * (1 - y)
    w_new = w - lr * delta * x
    b_new = b - lr * delta
    return w_new, float(b_new)


def init_mlp(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1, 1, size=(n_in, n_hidden))
    W = rng.uniform(-1, 1, size=(n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    X = np.array(X, dtype=float)
    H = sigmoid(X @ params["U"] + params["b1"])   # 은닉층
    Y = sigmoid(H @ params["W"] + params["b2"])   # 출력층
    cache = {"X": X, "H": H, "Y": Y}
    return Y, cache


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
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([[0], [1], [1], [0]], dtype=float)
    params = init_mlp(2, hidden, 1, seed)
    losses = []
    for ep in range(epochs):
        Y, cache = mlp_forward(X, params)
        losses.append(np.mean(0.5 * np.sum((Y - T) ** 2, axis=1)))
        grads = mlp_backward(X, T, params, cache)
        for key in params:
            params[key] = params[key] - lr * grads[key]
    return params, np.array(losses, dtype=float)
