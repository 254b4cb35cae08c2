# unseen buggy submission (function: mlp_backward)
def mlp_backward(X, T, params, cache):
    X = np.asarray(X, float); T = np.asarray(T, float)
    H, Y = cache["H"], cache["Y"]
    d_out = (Y - T) * sigmoid_derivative(Y) / X.shape[0]
    d_hid = (d_out @ params["W"].T) * sigmoid_derivative(H)
    return {"U": X.T @ d_hid, "b1": d_hid.sum(0), "W": H.T @ d_out, "b2": d_out.sum(0)}
