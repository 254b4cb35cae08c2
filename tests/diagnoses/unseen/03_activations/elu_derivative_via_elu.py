# unseen buggy submission (function: elu_derivative)
def elu_derivative(x, alpha=1.0):
    x = np.asarray(x, float)
    return np.where(x > 0, 1.0, elu(x, alpha) + alpha)
