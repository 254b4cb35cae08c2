# unseen buggy submission (function: train_xor)
def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    T = np.array([[0], [1], [1], [0]], dtype=float)
    p = init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for i in range(epochs):
        Y, cache = mlp_forward(X, p)
        losses[i] = np.mean(0.5 * np.sum((Y - T) ** 2, axis=1))
        g = mlp_backward(X, T, p, cache)
        for k in ("W", "b2"):
            p[k] = p[k] - lr * g[k]
    return p, losses
