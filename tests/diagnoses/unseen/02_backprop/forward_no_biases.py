# unseen buggy submission (function: mlp_forward)
def mlp_forward(X, params):
    X = np.asarray(X, float)
    H = sigmoid(np.dot(X, params["U"]))
    Y = sigmoid(np.dot(H, params["W"]))
    return Y, {"X": X, "H": H, "Y": Y}
