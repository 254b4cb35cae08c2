# unseen buggy submission (function: prelu_gradients)
def prelu_gradients(x, alpha, upstream):
    x = np.asarray(x, float); upstream = np.asarray(upstream, float)
    dx = upstream.copy()
    dx[x < 0] *= alpha
    neg = x < 0
    dalpha = float(np.mean(upstream[neg] * x[neg])) if neg.any() else 0.0
    return dx, dalpha
