# unseen buggy submission (function: delta_rule_step)
def delta_rule_step(w, b, x, t, lr):
    w = np.array(w, float); x = np.array(x, float)
    y = sigmoid(np.dot(w, x) + b)
    err = y - t
    return w - lr * err * x, b - lr * err
