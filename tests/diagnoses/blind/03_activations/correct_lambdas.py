import numpy as np

F = lambda x: np.array(x, dtype=np.float64)           # always a fresh float64 copy

relu = lambda x: np.clip(F(x), 0.0, None)
relu_derivative = lambda x: np.heaviside(F(x), 0.0)    # H(0) = 0 at the kink
leaky_relu = lambda x, a=0.01: np.where(F(x) > 0, F(x), a * F(x))
leaky_relu_derivative = lambda x, a=0.01: np.where(F(x) > 0, 1.0, a) + 0 * F(x)
prelu = lambda x, alpha: leaky_relu(x, alpha)
prelu_gradients = lambda x, alpha, upstream: (
    F(upstream) * leaky_relu_derivative(x, alpha),
    float(np.sum(np.where(F(x) < 0, F(upstream) * F(x), 0.0))),
)
elu = lambda x, alpha=1.0: np.where(F(x) >= 0, F(x), alpha * np.expm1(np.minimum(F(x), 0)))
elu_derivative = lambda x, alpha=1.0: np.where(F(x) >= 0, 1.0, alpha * np.exp(np.minimum(F(x), 0)))
tanh = lambda x: np.tanh(F(x))
tanh_derivative = lambda x: 1.0 / np.cosh(np.clip(F(x), -350, 350)) ** 2
he_normal = lambda fan_in, fan_out, rng: np.sqrt(2 / fan_in) * rng.standard_normal((fan_in, fan_out))
