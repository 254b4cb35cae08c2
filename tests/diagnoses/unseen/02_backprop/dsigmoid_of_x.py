# unseen buggy submission (function: sigmoid_derivative)
def sigmoid_derivative(x):
    return x * (1 - x)
