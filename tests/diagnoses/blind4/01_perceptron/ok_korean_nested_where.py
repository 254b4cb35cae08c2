# 01_perceptron — 학생 C (강의 식 그대로, 한국어 주석)


import numpy as np


def step(s):
    # 양수면 1, 음수면 -1, 0이면 0 (bipolar)
    s = np.asarray(s, dtype=np.float64)
    return np.where(s > 0, 1.0, np.where(s < 0, -1.0, 0.0))


def sigmoid(s):
    # 오버플로를 막기 위해 z = exp(-|s|) 사용
    s = np.asarray(s, dtype=np.float64)
    z = np.exp(-np.abs(s))
    양수 = 1.0 / (1.0 + z)
    음수 = z / (1.0 + z)
    return np.where(s >= 0, 양수, 음수)


def perceptron(X, w, b, activation="step"):
    # y = phi(x . w + b)
    X = np.asarray(X, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    합 = X @ w + b
    if activation == "step":
        return step(합)
    elif activation == "sigmoid":
        return sigmoid(합)
    raise ValueError("활성화 함수는 step 또는 sigmoid")


def gate_weights(name):
    # 입력이 -1/1 이므로 b 로 경계를 옮긴다
    if name == "AND":
        return np.array([1.0, 1.0]), -1.5
    if name == "OR":
        return np.array([1.0, 1.0]), 1.5
    if name == "NAND":
        return np.array([-1.0, -1.0]), 1.5
    raise ValueError("모르는 게이트: " + repr(name))


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    # 로젠블랫 학습 규칙: 틀린 샘플에 대해 w <- w + lr * t * x
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(t, dtype=np.float64)
    m, n = X.shape
    w = np.zeros(n)
    b = 0.0
    for 에폭 in range(1, max_epochs + 1):
        수정 = False
        for i in range(m):
            y = step(np.dot(w, X[i]) + b)
            if y != t[i]:
                w = w + lr * t[i] * X[i]
                b = b + lr * t[i]
                수정 = True
        if not 수정:
            return w, float(b), True, 에폭
    return w, float(b), False, max_epochs


def poly_features(X):
    # 강의 3.5: (x1^2, x1, x1 x2, x2^2)
    X = np.asarray(X, dtype=np.float64)
    x1 = X[:, 0]
    x2 = X[:, 1]
    return np.stack([x1 ** 2, x1, x1 * x2, x2 ** 2], axis=1)
