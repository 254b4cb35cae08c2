# unseen buggy submission (function: leaky_relu_derivative)
def leaky_relu_derivative(x, a=0.01):
    x = np.asarray(x, dtype=float)
    d = np.ones_like(x)
    d[x < 0] = a
    return d
