import numpy as np

# 01 퍼셉트론 과제 - 계단 함수, 시그모이드, 논리 게이트, 학습


def step(s):
    # 양수면 1, 음수면 -1, 0이면 0
    s = np.array(s, dtype=float)
    out = np.zeros_like(s)
    out[s > 0] = 1.0
    out[s < 0] = -1.0
    return out


def sigmoid(s):
    # overflow 방지: exp(-|s|) 사용
    s = np.array(s, dtype=float)
    e = np.exp(-np.abs(s))
    pos = 1.0 / (1.0 + e)
    neg = e / (1.0 + e)
    return np.where(s >= 0, pos, neg)


def perceptron(X, w, b, activation="step"):
    acts = {"step": step, "sigmoid": sigmoid}
    if activation not in acts:
        raise ValueError("activation은 'step' 또는 'sigmoid'만 가능합니다")
    X = np.array(X, dtype=float)
    w = np.array(w, dtype=float)
    s = np.dot(X, w) + b
    return acts[activation](s)


def gate_weights(name):
    # NAND = AND의 부정 -> 가중치 부호만 바꾸면 됨
    if name == "AND":
        w, b = [1.0, 1.0], -1.0
    elif name == "OR":
        w, b = [1.0, 1.0], 1.0
    elif name == "NAND":
        w, b = [-1.0, -1.0], -1.0
    else:
        raise ValueError("모르는 게이트: " + str(name))
    return np.array(w, dtype=float), float(b)


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.array(X, dtype=float)
    t = np.array(t, dtype=float)
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    b = 0.0
    for epoch in range(1, max_epochs + 1):
        n_err = 0
        for i in range(n_samples):
            y = step(np.dot(X[i], w) + b)
            if y != t[i]:
                # 로젠블랫 학습 규칙
                w = w + lr * t[i] * X[i]
                b = b + lr * t[i]
                n_err += 1
        if n_err == 0:
            return w, float(b), True, epoch
    return w, float(b), False, max_epochs


def poly_features(X):
    X = np.array(X, dtype=float)
    x1 = X[:, 0]
    x2 = X[:, 1]
    # 강의: (x1^2, x1, x1*x2, x2^2)
    return np.column_stack([x1 * x1, x1, x1 * x2, x2 * x2])
