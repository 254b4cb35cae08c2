# 과제 01 - 퍼셉트론 (class 로 정리해 봄)
import numpy as np
import math

ACTIVATIONS = ("step", "sigmoid")


class Neuron:
    @staticmethod
    def step(s):
        s = np.array(s, dtype=np.float64)
        return (s > 0).astype(np.float64) - (s < 0).astype(np.float64)

    @staticmethod
    def sigmoid(s):
        # 1/(1+e^-s) = (1 + tanh(s/2)) / 2  -> tanh 는 넘치지 않는다
        s = np.array(s, dtype=np.float64)
        return 0.5 * (1.0 + np.tanh(0.5 * s))

    def __init__(self, w, b, activation="step"):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation={activation}")
        self.w = np.array(w, dtype=np.float64)
        self.b = float(b)
        self.phi = getattr(Neuron, activation)

    def __call__(self, X):
        return self.phi(np.array(X, dtype=np.float64).dot(self.w) + self.b)


step = Neuron.step
sigmoid = Neuron.sigmoid


def perceptron(X, w, b, activation="step"):
    return Neuron(w, b, activation)(X)


GATES = {
    "AND": ((2.0, 2.0), -2.0),
    "OR": ((2.0, 2.0), 2.0),
    "NAND": ((-0.5, -0.5), 0.5),
}


def gate_weights(name):
    try:
        w, b = GATES[name]
    except KeyError:
        raise ValueError(name)
    return np.array(w), b


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X = np.array(X, dtype=np.float64)
    t = np.array(t, dtype=np.float64)
    neuron = Neuron(np.zeros(X.shape[1]), 0.0)
    epoch = 0
    while epoch < max_epochs:
        epoch += 1
        clean = True
        for x_i, t_i in zip(X, t):
            if neuron(x_i) != t_i:
                neuron.w += lr * t_i * x_i
                neuron.b += lr * t_i
                clean = False
        if clean:
            return neuron.w.copy(), neuron.b, True, epoch
    return neuron.w.copy(), neuron.b, False, max_epochs


poly_features = lambda X: np.einsum("mi,ij->mj",
                                    np.array(X, dtype=np.float64) ** 2, np.array([[1., 0, 0, 0], [0, 0, 0, 1]])) \
    + np.einsum("m,j->mj", np.array(X, dtype=np.float64)[:, 0], np.array([0., 1, 0, 0])) \
    + np.einsum("m,j->mj", np.prod(np.array(X, dtype=np.float64), axis=1), np.array([0., 0, 1, 0]))
