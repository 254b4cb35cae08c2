# unseen buggy submission (function: tanh_derivative)
def tanh_derivative(x):
    x = np.asarray(x, dtype=float)
    return 1.0 - x * x
