# unseen buggy submission (function: mlp_backward)
def mlp_backward(X, T, params, cache):
    H, Y = cache["H"], cache["Y"]
    m = len(X)
    e = T - Y
    d2 = e * Y * (1 - Y) / m
    d1 = d2.dot(params["W"].T) * H * (1 - H)
    return {"U": np.dot(X.T, d1), "b1": d1.sum(axis=0), "W": np.dot(H.T, d2), "b2": d2.sum(axis=0)}
