import numpy as _np


class Act:
    @staticmethod
    def _c(x):
        return _np.array(x, dtype=_np.float64)

    @classmethod
    def relu(cls, x):
        x = cls._c(x)
        return _np.where(x > 0, x, 0.0)

    @classmethod
    def drelu(cls, x):
        return _np.greater(cls._c(x), 0).astype(_np.float64)

    @classmethod
    def leaky(cls, x, a=0.01):
        x = cls._c(x)
        return _np.fmax(a * x, x)

    @classmethod
    def dleaky(cls, x, a=0.01):
        x = cls._c(x)
        out = _np.ones_like(x)
        _np.copyto(out, a, where=x <= 0)
        return out

    @classmethod
    def prelu(cls, x, alpha):
        x = cls._c(x)
        return _np.piecewise(x, [x > 0, x <= 0], [lambda v: v, lambda v: alpha * v])

    @classmethod
    def prelu_grads(cls, x, alpha, upstream):
        x, g = cls._c(x), cls._c(upstream)
        mask = x < 0
        return g * _np.where(x > 0, 1.0, alpha), float((g * x * mask).sum())

    @classmethod
    def elu(cls, x, alpha=1.0):
        x = cls._c(x)
        neg = _np.minimum(x, 0.0)
        return _np.maximum(x, 0.0) + alpha * _np.expm1(neg)

    @classmethod
    def delu(cls, x, alpha=1.0):
        x = cls._c(x)
        return _np.where(x < 0, alpha * _np.exp(_np.minimum(x, 0.0)), 1.0)

    @classmethod
    def tanh(cls, x):
        x = cls._c(x)
        e = _np.expm1(-2.0 * _np.abs(x))          # in (-1, 0]
        return _np.sign(x) * (-e) / (2.0 + e)

    @classmethod
    def dtanh(cls, x):
        y = _np.tanh(cls._c(x))
        return (1 - y) * (1 + y)


relu, relu_derivative = Act.relu, Act.drelu
leaky_relu, leaky_relu_derivative = Act.leaky, Act.dleaky
prelu, prelu_gradients = Act.prelu, Act.prelu_grads
elu, elu_derivative = Act.elu, Act.delu
tanh, tanh_derivative = Act.tanh, Act.dtanh


def he_normal(fan_in, fan_out, rng):
    z = rng.standard_normal((fan_in, fan_out))
    z *= _np.float64(2.0 / fan_in) ** 0.5
    return z
