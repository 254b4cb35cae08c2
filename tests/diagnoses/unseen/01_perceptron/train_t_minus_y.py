# unseen buggy submission (function: train_perceptron)
def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.array(X, dtype=float)
    w = np.zeros(X.shape[1]); b = 0.0
    for ep in range(1, max_epochs + 1):
        changed = False
        for x, target in zip(X, t):
            y = step(x @ w + b)
            err = target - y
            if err != 0:
                w = w + lr * err * x
                b = b + lr * err
                changed = True
        if not changed:
            return w, float(b), True, ep
    return w, float(b), False, max_epochs
