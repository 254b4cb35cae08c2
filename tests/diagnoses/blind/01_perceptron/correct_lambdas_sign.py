import numpy as np
from numpy import asarray as _arr

f64 = np.float64
step = lambda s: np.sign(_arr(s, dtype=f64))          # bipolar step: sign(0) == 0
sigmoid = lambda s: (lambda a, e: np.where(a >= 0, 1 / (1 + e), e / (1 + e)))(
    _arr(s, dtype=f64), np.exp(-np.abs(_arr(s, dtype=f64))))
_PHI = dict(step=step, sigmoid=sigmoid)


def perceptron(X, w, b, activation="step"):
    try:
        phi = _PHI[activation]
    except (KeyError, TypeError):
        raise ValueError("activation must be 'step' or 'sigmoid'") from None
    return phi(_arr(X, dtype=f64).dot(_arr(w, dtype=f64)) + f64(b))


_GATES = {
    "AND": (np.ones(2), -1.0),
    "OR": (np.ones(2), 1.0),
    "NAND": (-np.ones(2), 1.0),
}
gate_weights = lambda name: ((_GATES[name][0].copy(), float(_GATES[name][1]))
                             if name in _GATES else (_ for _ in ()).throw(ValueError(name)))


def train_perceptron(X, t, lr=0.01, max_epochs=100):
    X, t = _arr(X, dtype=f64), _arr(t, dtype=f64)
    wb = np.zeros(X.shape[1] + 1)                       # bias folded in as the last weight
    Xb = np.hstack([X, np.ones((len(X), 1))])
    for epoch in range(1, max_epochs + 1):
        n_updates = 0
        for xb, ti in zip(Xb, t):
            if step(xb @ wb) != ti:
                wb = wb + lr * ti * xb
                n_updates += 1
        if n_updates == 0:
            return wb[:-1], float(wb[-1]), True, epoch
    return wb[:-1], float(wb[-1]), False, max_epochs


poly_features = lambda X: (lambda A: np.stack([A[:, 0] ** 2, A[:, 0], A[:, 0] * A[:, 1], A[:, 1] ** 2], axis=1))(
    _arr(X, dtype=f64))
