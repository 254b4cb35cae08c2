# unseen buggy submission (function: prelu_gradients)
def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, float); upstream = np.asarray(upstream, float)
    local = np.where(x >= 0, 1.0, alpha)
    return upstream * local, float(np.sum(upstream * np.minimum(x, 0)))
