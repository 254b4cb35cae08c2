# Style: activation classes with forward/backward methods, exposed through module-level
# aliases of bound methods (`_relu = ReLU(); relu = _relu.forward`). Correct: 100 once the loader
# keeps the instance statements the aliases need.
import numpy as np


class ReLU:
    def forward(self, x):
        x = np.array(x, dtype=np.float64)
        x[x <= 0] = 0.0
        return x

    def backward(self, x):
        return np.greater(x, 0).astype(np.float64)


class LeakyReLU:
    def forward(self, x, a=0.01):
        x = np.array(x, dtype=np.float64)
        return np.where(x > 0, x, x * a)

    def backward(self, x, a=0.01):
        return np.where(np.asarray(x) > 0, 1.0, a)


class PReLU:
    def forward(self, x, alpha):
        x = np.array(x, dtype=np.float64)
        return np.where(x > 0, x, x * alpha)

    def backward(self, x, alpha, upstream):
        x = np.asarray(x, dtype=np.float64)
        slope = np.where(x > 0, 1.0, alpha)
        return upstream * slope, float(np.sum(upstream * np.minimum(x, 0.0)))


class ELU:
    def forward(self, x, alpha=1.0):
        x = np.array(x, dtype=np.float64)
        out = x.copy()
        neg = x < 0
        out[neg] = alpha * (np.exp(x[neg]) - 1.0)
        return out

    def backward(self, x, alpha=1.0):
        x = np.array(x, dtype=np.float64)
        out = np.ones_like(x)
        neg = x < 0
        out[neg] = alpha * np.exp(x[neg])
        return out


class Tanh:
    def forward(self, x):
        return np.tanh(np.asarray(x, dtype=np.float64))

    def backward(self, x):
        y = self.forward(x)
        return 1.0 - y * y


def he_normal(fan_in, fan_out, rng):
    std = np.sqrt(2.0 / fan_in)
    return rng.normal(0.0, std, size=(fan_in, fan_out))


_relu, _leaky, _prelu, _elu, _tanh = ReLU(), LeakyReLU(), PReLU(), ELU(), Tanh()
relu, relu_derivative = _relu.forward, _relu.backward
leaky_relu, leaky_relu_derivative = _leaky.forward, _leaky.backward
prelu, prelu_gradients = _prelu.forward, _prelu.backward
elu, elu_derivative = _elu.forward, _elu.backward
tanh, tanh_derivative = _tanh.forward, _tanh.backward
