# unseen buggy submission (function: train_perceptron)
def train_perceptron(X, t, lr=0.01, max_epochs=100):
    w = np.zeros(len(X[0]))
    b = 0.0
    for epoch in range(max_epochs):
        n_err = 0
        for i in range(len(X)):
            out = step(np.dot(X[i], w) + b)
            if out != t[i]:
                w += lr * t[i] * X[i]
                b += lr * t[i]
                n_err += 1
        if n_err == 0:
            return w, b, True, epoch
    return w, b, False, max_epochs
