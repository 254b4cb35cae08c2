# 02_backprop — 학생 C (강의 식 그대로, 한국어 변수)


import numpy as np


def sigmoid(x):
    # 안정적인 시그모이드: z = exp(-|x|)
    x = np.asarray(x, dtype=np.float64)
    z = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + z), z / (1 + z))


def sigmoid_derivative(x):
    # 강의: phi'(x) = phi(x)(1 - phi(x))
    phi = sigmoid(x)
    return phi * (1 - phi)


def delta_rule_step(w, b, x, t, lr):
    # 강의 3.6: delta = (y - t) y (1 - y),  w <- w - lr * delta * x
    w = np.asarray(w, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = sigmoid(np.dot(w, x) + b)
    델타 = (y - t) * y * (1 - y)
    return w - lr * 델타 * x, float(b - lr * 델타)


def init_mlp(n_in, n_hidden, n_out, seed):
    # U 먼저, 그 다음 W (같은 rng)
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1.0, 1.0, (n_in, n_hidden))
    W = rng.uniform(-1.0, 1.0, (n_hidden, n_out))
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def mlp_forward(X, params):
    # 순전파: 은닉층 H, 출력층 Y
    X = np.asarray(X, dtype=np.float64)
    은닉 = sigmoid(X @ params["U"] + params["b1"])
    출력 = sigmoid(은닉 @ params["W"] + params["b2"])
    return 출력, {"X": X, "H": 은닉, "Y": 출력}


def mlp_backward(X, T, params, cache):
    # 오차 역전파: 출력층 델타 -> 은닉층 델타
    X = np.asarray(X, dtype=np.float64)
    T = np.asarray(T, dtype=np.float64)
    H = cache["H"]
    Y = cache["Y"]
    m = X.shape[0]
    출력델타 = (Y - T) * Y * (1 - Y) / m
    은닉델타 = (출력델타 @ params["W"].T) * H * (1 - H)
    return {
        "U": X.T @ 은닉델타,
        "b1": 은닉델타.sum(axis=0),
        "W": H.T @ 출력델타,
        "b2": 출력델타.sum(axis=0),
    }


def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    # 강의처럼 샘플 하나씩 델타 규칙으로 갱신
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    T = np.array([[0], [1], [1], [0]], dtype=np.float64)
    params = init_mlp(2, hidden, 1, seed)
    손실 = np.zeros(epochs)
    for i in range(epochs):
        Y, _ = mlp_forward(X, params)
        손실[i] = 0.5 * np.mean(np.sum((Y - T) ** 2, axis=1))
        for j in range(len(X)):
            xj, tj = X[j:j + 1], T[j:j + 1]
            _, cache = mlp_forward(xj, params)
            grads = mlp_backward(xj, tj, params, cache)
            for 이름 in params:
                params[이름] = params[이름] - lr * grads[이름]
    return params, 손실
