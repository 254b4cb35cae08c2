"""Adam's partial mistakes (lecture 4.2): one switch of the update changed at a time — which
moments are bias-corrected, the (1 − β) weights, the root, where ε goes, the squared gradient
mistyped, βᵗ mistyped (β·t, β ^ t), and the paper's (Keras') "efficient" form. `autograder/diagnoses/optimizers.py` lists
them in its ENTRIES (after optimizers_extra's).
"""
import numpy as np

import solutions.optimizers as ref
from autograder.diagnoses.optimizers_extra import SQUARE_TYPOS, _w
from autograder.diagnosis import entry_builder

S, E = "강의 4.2", "lecture 4.2"
entry = entry_builder(S, E, by_function=False)


# ---- Adam ---------------------------------------------------------------------------------------
class AdamParts(ref.Adam):
    """Adam with switches: which moments are bias-corrected, the (1 - beta) weights, the root,
    where eps goes (outside the root / added to w), the paper's "efficient" form, how βᵗ is
    written (`power`)."""
    correct_m = True
    correct_s = True
    weights = True
    root = True
    eps_on_w = False
    efficient = False
    swap_corrections = False
    square = staticmethod(lambda g: g * g)
    power = staticmethod(lambda b, t: b ** t)

    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        self.m = b1 * self.m + ((1.0 - b1) if self.weights else 1.0) * g
        self.s = b2 * self.s + ((1.0 - b2) if self.weights else 1.0) * self.square(g)
        c1, c2 = (b2, b1) if self.swap_corrections else (b1, b2)
        with np.errstate(all="ignore"):
            if self.efficient:
                lr_t = self.lr * np.sqrt(1.0 - b2 ** self.t) / (1.0 - b1 ** self.t)
                return w - lr_t * self.m / (np.sqrt(self.s) + self.eps)
            m_hat = self.m / (1.0 - self.power(c1, self.t)) if self.correct_m else self.m
            s_hat = self.s / (1.0 - self.power(c2, self.t)) if self.correct_s else self.s
            den = np.sqrt(s_hat) if self.root else s_hat
            if self.eps_on_w:
                return w - self.lr * m_hat / den + self.eps
            return w - self.lr * m_hat / (den + self.eps)


def adam(**switches):
    return {"Adam": type("AdamPartsMistake", (AdamParts,), switches)}


ENTRIES = [
    entry("adam_square_typo", "Adam",
          "기울기의 제곱 자리에 g * 2(2배) 또는 g를 넣었습니다. 그러면 s가 음수가 될 수 있어 "
          "√ŝ가 nan이 됩니다. s ← β2·s + (1 − β2)·g², 제곱은 g ** 2 또는 g * g입니다.",
          "the squared gradient was written as g * 2 (which doubles) or as g; s can then turn "
          "negative and √ŝ becomes nan; s ← β2·s + (1 − β2)·g², and a square is g ** 2 or "
          "g * g",
          [adam(square=staticmethod(sq)) for sq in SQUARE_TYPOS], "Adam: g² 자리에 2g 또는 g",
          "Adam: 2g or g for g²"),
    entry("adam_corrections_swapped", "Adam",
          "편향 보정의 β를 바꿔 썼습니다 (m̂ = m / (1 − β2ᵗ), ŝ = s / (1 − β1ᵗ)). 각 모멘트는 "
          "자기 β로 보정합니다: m̂ = m / (1 − β1ᵗ), ŝ = s / (1 − β2ᵗ).",
          "the bias corrections use each other's β (m̂ = m / (1 − β2ᵗ), ŝ = s / (1 − β1ᵗ)); each "
          "moment is corrected with its own β: m̂ = m / (1 − β1ᵗ), ŝ = s / (1 − β2ᵗ)",
          [adam(swap_corrections=True)], "Adam: 보정의 β 바뀜",
          "Adam: corrections' β swapped"),
    entry("adam_one_moment_corrected", "Adam",
          "편향 보정을 m과 s 중 하나에만 했습니다. 둘 다 0에서 시작하므로 둘 다 보정합니다: "
          "m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t).",
          "you bias-corrected only one of m and s; both start at 0, so both are corrected: "
          "m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t)",
          [adam(correct_s=False), adam(correct_m=False)], "Adam: 한쪽만 편향 보정",
          "Adam: one moment corrected"),
    entry("adam_efficient_form", "Adam",
          "논문의 '효율적인' 형태 η_t = η·√(1 − β2^t) / (1 − β1^t), w ← w − η_t·m / (√s + ε)를 "
          "썼습니다. 경로는 거의 같지만 ε이 보정하지 않은 √s에 더해져 ε의 효과가 달라집니다. "
          "독스트링의 식은 w ← w − η·m̂ / (√ŝ + ε)입니다.",
          "you used the paper's \"efficient\" form η_t = η·√(1 − β2^t) / (1 − β1^t), "
          "w ← w − η_t·m / (√s + ε); the path is nearly the same, but ε is added to the "
          "uncorrected √s, which changes its effect; the docstring's formula is "
          "w ← w − η·m̂ / (√ŝ + ε)",
          [adam(efficient=True)], "Adam: 효율적인 형태(ε 위치)", "Adam: efficient form (ε)"),
    entry("adam_no_one_minus_beta", "Adam",
          "m ← β1·m + g, s ← β2·s + g²로 새 값에 (1 − β)를 곱하지 않았습니다. "
          "m ← β1·m + (1 − β1)g, s ← β2·s + (1 − β2)g²입니다.",
          "m ← β1·m + g and s ← β2·s + g² leave out the (1 − β) weights; "
          "m ← β1·m + (1 − β1)g, s ← β2·s + (1 − β2)g²",
          [adam(weights=False)], "Adam: (1 − β) 빠짐", "Adam: (1 − β) missing"),
    entry("adam_no_sqrt", "Adam",
          "제곱근 없이 ŝ + ε으로 나눴습니다. Adam은 √ŝ로 나눕니다: w ← w − η·m̂ / (√ŝ + ε).",
          "you divided by ŝ + ε without the square root; Adam divides by √ŝ: "
          "w ← w − η·m̂ / (√ŝ + ε)",
          [adam(root=False)], "Adam: 제곱근 없음", "Adam: no square root"),
    entry("adam_eps_added_to_w", "Adam",
          "w − η·m̂ / √ŝ + ε로 계산해 ε이 분모가 아니라 w에 더해졌습니다 (연산자 우선순위). "
          "괄호로 묶으세요: w − η·m̂ / (np.sqrt(ŝ) + ε).",
          "w − η·m̂ / √ŝ + ε adds ε to w, not to the denominator (operator precedence); "
          "parenthesise it: w − η·m̂ / (np.sqrt(ŝ) + ε)",
          [adam(eps_on_w=True)], "Adam: ε이 w에 더해짐", "Adam: ε added to w"),
    entry("adam_correction_beta_times_t", "Adam",
          "편향 보정의 β1ᵗ, β2ᵗ를 β1·t, β2·t로 썼습니다. t = 1에서는 같아서 첫 걸음은 맞지만 "
          "t = 2부터 1 − β·t가 0보다 작아져 값이 틀리거나 nan이 됩니다. 거듭제곱은 "
          "self.beta1 ** self.t입니다.",
          "the bias corrections' β1ᵗ and β2ᵗ were written β1·t and β2·t; at t = 1 they agree, "
          "so the first step is right, but from t = 2 on 1 − β·t turns negative and the values "
          "go wrong or nan; the power is self.beta1 ** self.t",
          [adam(power=staticmethod(lambda b, t: b * t))], "Adam: βᵗ 대신 β·t",
          "Adam: β·t for βᵗ"),
    entry("adam_correction_caret", "Adam",
          "βᵗ를 beta1 ^ t로 썼습니다. 파이썬에서 ^는 거듭제곱이 아니라 비트 XOR이라 실수에서 "
          "TypeError가 납니다. 거듭제곱은 self.beta1 ** self.t입니다.",
          "βᵗ was written beta1 ^ t; in Python ^ is bitwise XOR, not a power, and raises "
          "TypeError on floats; the power is self.beta1 ** self.t",
          [adam(power=staticmethod(lambda b, t: b ^ t))], "Adam: ** 대신 ^", "Adam: ^ for **"),
]
