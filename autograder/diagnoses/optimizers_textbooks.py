"""04_optimizers as other textbooks write it (lecture 4.2): "Deep Learning from Scratch"
(밑바닥부터 시작하는 딥러닝, widely copied by Korean students) and cs231n put ε = 1e-7 as a
number outside the square root (√h + 1e-7), fold Adam's bias corrections into the step size,
and write Nesterov in a reparametrised form with the gradient at the current w; Keras starts
AdaGrad's accumulator at 0.1.
`autograder/diagnoses/optimizers.py` lists these entries in its ENTRIES.
"""
import numpy as np

import solutions.optimizers as ref
from autograder.diagnoses.scalar_code import removed_alias_entries
from autograder.diagnosis import entry_builder

S, E = "강의 4.2", "lecture 4.2"
TEXTBOOK_EPS = (1e-7, 1e-8, 1e-6)  # the numbers these books and their copies write


def _w(w):
    return np.asarray(w, dtype=np.float64)


def _outside(cls, decay, eps):
    """AdaGrad (decay None) or RMSProp with the number `eps` added after the root."""
    class TextbookEps(cls):
        def step(self, w, grad_fn):
            w = _w(w)
            g = grad_fn(w)
            self.s = self.s + g * g if decay is None else decay(self) * self.s + (
                1.0 - decay(self)) * g * g
            return w - self.lr * g / (np.sqrt(self.s) + eps)
    return {cls.__name__: TextbookEps}


def _adam_scratch(eps):
    """lr_t = lr √(1 − β2ᵗ) / (1 − β1ᵗ); m += (1 − β1)(g − m); v += (1 − β2)(g² − v);
    w −= lr_t m / (√v + eps)."""
    class AdamScratch(ref.Adam):
        def step(self, w, grad_fn):
            w = _w(w)
            g = grad_fn(w)
            self.t += 1
            lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.t) / (1.0 - self.beta1 ** self.t)
            self.m = self.m + (1.0 - self.beta1) * (g - self.m)
            self.s = self.s + (1.0 - self.beta2) * (g * g - self.s)
            return w - lr_t * self.m / (np.sqrt(self.s) + eps)
    return {"Adam": AdamScratch}


class NesterovScratch(ref.Nesterov):
    """v ← βv − ηg (g at the current w); w ← w + β²v − (1 + β)ηg, with the updated v."""
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.m = self.beta * self.m - self.lr * g
        return w + self.beta * self.beta * self.m - (1.0 + self.beta) * self.lr * g


class AdaGradKerasStart(ref.AdaGrad):
    """Keras' (and TF1's) Adagrad: the accumulator starts at initial_accumulator_value=0.1."""
    def __init__(self, lr, eps=1e-8):
        super().__init__(lr, eps)
        self.s = 0.1


e = entry_builder(S, E, by_function=False)


def _eps_entry(cls, decay):
    name = cls.__name__
    return e(f"{name.lower()}_textbook_eps_outside_sqrt", name,
             "교재 코드(밑바닥부터 시작하는 딥러닝, cs231n)처럼 ε을 숫자(1e-7)로 써서 제곱근 "
             "밖에 더했습니다: η·g / (√s + 1e-7). 이 과제는 생성자의 eps를 제곱근 안에 "
             "넣습니다: η·g / np.sqrt(s + self.eps).",
             "as in textbook code (Deep Learning from Scratch, cs231n) ε is written as a number "
             "(1e-7) and added outside the square root: η·g / (√s + 1e-7); this assignment puts "
             "the constructor's eps inside the root: η·g / np.sqrt(s + self.eps)",
             [_outside(cls, decay, eps) for eps in TEXTBOOK_EPS],
             f"{name}: 교재의 √s + 1e-7", f"{name}: textbook √s + 1e-7",
             unless=(f"{name.lower()}_eps_outside_sqrt",))  # self.eps = 1e-8 outside: that one


ENTRIES = [
    _eps_entry(ref.AdaGrad, None),
    _eps_entry(ref.RMSProp, lambda self: self.rho),
    e("adam_textbook_scratch_form", "Adam",
      "밑바닥부터 시작하는 딥러닝의 Adam을 옮겼습니다: 편향 보정을 학습률에 넣고 "
      "(η_t = η·√(1 − β2ᵗ) / (1 − β1ᵗ)) ε을 숫자 1e-7로 보정 전의 √v에 더합니다. 그래서 ε의 "
      "효과가 달라지고 생성자의 eps도 쓰이지 않습니다. 독스트링의 식은 "
      "m̂ = m / (1 − β1ᵗ), ŝ = s / (1 − β2ᵗ), w ← w − η·m̂ / (√ŝ + self.eps)입니다.",
      "you ported Deep Learning from Scratch's Adam: the bias corrections are folded into the "
      "step size (η_t = η·√(1 − β2ᵗ) / (1 − β1ᵗ)) and ε is the number 1e-7 added to the "
      "uncorrected √v, so ε acts differently and the constructor's eps is unused; the "
      "docstring's formula is m̂ = m / (1 − β1ᵗ), ŝ = s / (1 − β2ᵗ), "
      "w ← w − η·m̂ / (√ŝ + self.eps)",
      [_adam_scratch(eps) for eps in TEXTBOOK_EPS if eps != 1e-8],
      "Adam: 교재(밑바닥)의 형태", "Adam: the Deep Learning from Scratch form"),
    e("nesterov_textbook_scratch_form", "Nesterov",
      "밑바닥부터 시작하는 딥러닝의 Nesterov를 옮겼습니다: 기울기를 현재 w에서 구하고 "
      "v ← βv − ηg, w ← w + β²v − (1 + β)ηg로 갱신합니다. 이 변형된 식은 다른 점을 따라가며 "
      "(게다가 갱신된 v를 씁니다) 강의의 식과 경로가 다릅니다. 강의의 Nesterov는 앞을 내다본 "
      "점에서 기울기를 구합니다: m ← βm − η∇J(w + βm), w ← w + m.",
      "you ported Deep Learning from Scratch's Nesterov: the gradient at the current w, "
      "v ← βv − ηg, w ← w + β²v − (1 + β)ηg; this reparametrised form tracks another point "
      "(and uses the updated v), so its path differs from the lecture's; the lecture's Nesterov "
      "takes the gradient at the look-ahead point: m ← βm − η∇J(w + βm), w ← w + m",
      [{"Nesterov": NesterovScratch}], "Nesterov: 교재(밑바닥)의 형태",
      "Nesterov: the Deep Learning from Scratch form"),
    e("adagrad_keras_initial_accumulator", "AdaGrad",
      "누적값 s를 0.1에서 시작했습니다 (Keras의 initial_accumulator_value=0.1). 강의의 "
      "AdaGrad는 s = 0에서 시작해 제곱 기울기를 더합니다: 생성자에서 self.s = 0.0.",
      "the accumulator s starts at 0.1 (Keras' initial_accumulator_value=0.1); the lecture's "
      "AdaGrad starts from s = 0 and adds the squared gradients: self.s = 0.0 in the "
      "constructor",
      [{"AdaGrad": AdaGradKerasStart}], "AdaGrad: s를 0.1에서 시작", "AdaGrad: s starts at 0.1"),
    *removed_alias_entries(("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam",
                            "minimize"),
                           "optimizers"),
]
