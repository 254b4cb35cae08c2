# unseen buggy submission (function: sigmoid)
def sigmoid(s):
    return 1.0 / (1.0 + np.exp(-np.asarray(s, dtype=float)))
