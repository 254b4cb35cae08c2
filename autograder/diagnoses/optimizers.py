"""Known misconceptions of 04_optimizers (lecture 4.2), as what each mistake computes.

Each replacement class subclasses the reference class and overrides only `step` (and, where the
mistake is in the constructor, `__init__`), so the probe sees the same attributes.
"""
import numpy as np

import solutions.optimizers as ref
from autograder.diagnoses import optimizers_adam, optimizers_extra, optimizers_textbooks
from autograder.diagnoses import optimizers_moments
from autograder.diagnosis import entry_builder, float32_entries

S = "강의 4.2"      # lecture section, as the notebook names it
E = "lecture 4.2"


def _w(w):
    return np.asarray(w, dtype=np.float64)


# ---- SGD --------------------------------------------------------------------------------------
class SGDAscent(ref.SGD):
    def step(self, w, grad_fn):
        w = _w(w)
        return w + self.lr * grad_fn(w)


# ---- Momentum ---------------------------------------------------------------------------------
class MomentumGradAtM(ref.Momentum):
    """The lecture's typo taken literally: m <- beta m - lr grad J(m)."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(self.m)
        return w + self.m


class MomentumGradAtMZeros(MomentumGradAtM):
    def __init__(self, lr, beta=0.9):
        super().__init__(lr, beta)
        self.m = None

    def step(self, w, grad_fn):
        if self.m is None:
            self.m = np.zeros_like(_w(w))
        return super().step(w, grad_fn)


class MomentumPlus(ref.Momentum):
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m + self.lr * grad_fn(w)
        return w + self.m


class MomentumVelocityNegated(ref.Momentum):
    """v <- beta v + lr g, w <- w - v: the same path, m of the opposite sign."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m + self.lr * grad_fn(w)
        return w - self.m


class MomentumEMA(ref.Momentum):
    """m <- beta m + (1 - beta) g, w <- w - lr m (the exponential-average form)."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m + (1.0 - self.beta) * grad_fn(w)
        return w - self.lr * self.m


# ---- Nesterov ---------------------------------------------------------------------------------
class NesterovLectureTypo(ref.Nesterov):
    """w_temp = w + beta m; m <- beta m - lr grad J(w_temp); w <- w_temp + m."""
    def step(self, w, grad_fn):
        w = _w(w)
        w_temp = w + self.beta * self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w_temp)
        return w_temp + self.m


class NesterovGradAtW(ref.Nesterov):
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.m


class NesterovLookaheadMinus(ref.Nesterov):
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(w - self.beta * self.m)
        return w + self.m


# ---- AdaGrad / RMSProp --------------------------------------------------------------------------
def _scaled(cls, accumulate, root):
    """A subclass of AdaGrad/RMSProp with another accumulation of s or another division."""
    class Variant(cls):
        def step(self, w, grad_fn):
            w = _w(w)
            g = grad_fn(w)
            self.s = accumulate(self, g)
            return w - self.lr * g / root(self, self.s)
    return Variant


def _ada_s(self, g):
    return self.s + g * g


def _rms_s(self, g):
    return self.rho * self.s + (1.0 - self.rho) * g * g


def _inside(self, s):
    return np.sqrt(s + self.eps)


def _outside(self, s):
    return np.sqrt(s) + self.eps


def _no_sqrt(self, s):
    return s + self.eps


def _step_first(cls, accumulate):
    """The step taken with the old s, the accumulation after it (s = 0 on the first step: with
    eps = 0 the first step divides by zero)."""
    class StepFirst(cls):
        def step(self, w, grad_fn):
            w = _w(w)
            g = grad_fn(w)
            with np.errstate(all="ignore"):
                w_new = w - self.lr * g / np.sqrt(self.s + self.eps)
            self.s = accumulate(self, g)
            return w_new
    return StepFirst


def _fixed(eps, inside=True):
    return (lambda self, s: np.sqrt(s + eps)) if inside else (lambda self, s: np.sqrt(s) + eps)


HARD_CODED_EPS = (1e-8, 1e-7, 1e-6, 1e-10, 1e-12, 1e-5)  # the values textbooks and blogs use


def _eps_variants(cls, accumulate, inside):
    return tuple({cls.__name__: _scaled(cls, accumulate, _fixed(e, side))}
                 for e in HARD_CODED_EPS for side in (inside, not inside))


# ---- Adam ---------------------------------------------------------------------------------------
class AdamVariant(ref.Adam):
    """Adam with switches for the classic slips."""
    correct = True      # bias correction
    t_shift = 0         # bias correction with t + t_shift
    increment = True    # t <- t + 1
    eps_inside = False
    fixed_eps = None

    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        if self.increment:
            self.t += 1
        self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
        self.s = self.beta2 * self.s + (1.0 - self.beta2) * g * g
        t = self.t + self.t_shift
        with np.errstate(all="ignore"):
            m_hat = self.m / (1.0 - self.beta1 ** t) if self.correct else self.m
            s_hat = self.s / (1.0 - self.beta2 ** t) if self.correct else self.s
            eps = self.eps if self.fixed_eps is None else self.fixed_eps
            den = np.sqrt(s_hat + eps) if self.eps_inside else np.sqrt(s_hat) + eps
            return w - self.lr * m_hat / den


def adam(**switches):
    return {"Adam": type("AdamMistake", (AdamVariant,), switches)}


class AdamHatStored(ref.Adam):
    """The bias-corrected m_hat, s_hat written back into m and s (corrected again next step)."""
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.t += 1
        self.m = (self.beta1 * self.m + (1.0 - self.beta1) * g) / (1.0 - self.beta1 ** self.t)
        self.s = (self.beta2 * self.s + (1.0 - self.beta2) * g * g) / (
            1.0 - self.beta2 ** self.t)
        return w - self.lr * self.m / (np.sqrt(self.s) + self.eps)


class AdamBetasSwapped(ref.Adam):
    def step(self, w, grad_fn):
        self.beta1, self.beta2 = self.beta2, self.beta1
        try:
            return super().step(w, grad_fn)
        finally:
            self.beta1, self.beta2 = self.beta2, self.beta1


# ---- minimize -----------------------------------------------------------------------------------
def minimize_no_w0(optimizer, grad_fn, w0, steps):
    w, path = np.array(w0, dtype=np.float64), []
    for _ in range(steps):
        w = optimizer.step(w, grad_fn)
        path.append(w)
    return np.array(path, dtype=np.float64)


def minimize_one_extra_step(optimizer, grad_fn, w0, steps):
    return ref.minimize(optimizer, grad_fn, w0, steps + 1)


def minimize_one_step_short(optimizer, grad_fn, w0, steps):
    return ref.minimize(optimizer, grad_fn, w0, steps - 1)


def minimize_same_w(optimizer, grad_fn, w0, steps):
    """Every step from w0 instead of from the previous step's result."""
    w0 = np.array(w0, dtype=np.float64)
    return np.array([w0] + [optimizer.step(w0, grad_fn) for _ in range(steps)])


entry = entry_builder(S, E, by_function=False)


ENTRIES = [
    entry("sgd_gradient_ascent", "SGD",
          "w + lr·g로 기울기 방향으로 이동했습니다(경사 상승). 손실을 줄이려면 기울기의 반대 "
          "방향으로 가야 합니다: w ← w − lr·∇J(w).",
          "you moved along the gradient (w + lr·g, gradient ascent); to reduce the loss step "
          "against it: w ← w − lr·∇J(w)",
          [{"SGD": SGDAscent}], "SGD: 부호 반대(경사 상승)", "SGD: gradient ascent (sign)"),
    entry("momentum_grad_at_m", "Momentum",
          "강의 슬라이드의 오타 ∇J(m)을 그대로 써서 기울기를 모멘텀 m에서 계산했습니다. 기울기는 "
          "현재 위치 w에서 계산해야 합니다: m ← βm − η∇J(w), w ← w + m (m이 처음에 0이면 "
          "grad_fn(m)이 행렬 곱에서 오류를 냅니다).",
          "you used the slide's typo ∇J(m) and took the gradient at the momentum m; it is "
          "taken at the weights: m ← βm − η∇J(w), w ← w + m (with m = 0 at first, grad_fn(m) "
          "fails in the matrix product)",
          [{"Momentum": MomentumGradAtM}, {"Momentum": MomentumGradAtMZeros}],
          "모멘텀: ∇J(m) (강의 오타)", "Momentum: ∇J(m) (slide typo)"),
    entry("momentum_plus_gradient", "Momentum",
          "m ← βm + η∇J(w)로 기울기를 더했습니다. 그러면 w ← w + m이 오르막으로 갑니다. "
          "기울기를 빼세요: m ← βm − η∇J(w).",
          "you added the gradient (m ← βm + η∇J(w)), so w ← w + m climbs; subtract it: "
          "m ← βm − η∇J(w)",
          [{"Momentum": MomentumPlus}], "모멘텀: 기울기 부호", "Momentum: gradient sign"),
    entry("momentum_velocity_negated", "Momentum",
          "경로는 맞지만 m의 부호가 반대입니다(m ← βm + η∇J, w ← w − m 형태). 독스트링의 "
          "약속대로 m ← βm − η∇J(w), w ← w + m으로 저장하세요.",
          "the path is right but m has the opposite sign (m ← βm + η∇J, w ← w − m); keep the "
          "docstring's convention m ← βm − η∇J(w), w ← w + m",
          [{"Momentum": MomentumVelocityNegated}], "모멘텀: m 부호 반대",
          "Momentum: m stored negated"),
    entry("momentum_ema_form", "Momentum",
          "m ← βm + (1 − β)∇J, w ← w − η·m (지수평균 형태)로 계산했습니다. 이 과제의 "
          "모멘텀은 m ← βm − η∇J(w), w ← w + m입니다 (1 − β 가중치 없음).",
          "you used the exponential-average form m ← βm + (1 − β)∇J, w ← w − η·m; this "
          "assignment's momentum is m ← βm − η∇J(w), w ← w + m (no 1 − β weight)",
          [{"Momentum": MomentumEMA}], "모멘텀: 지수평균 형태", "Momentum: EMA form"),
    entry("nesterov_lecture_typo", "Nesterov",
          "강의 슬라이드의 마지막 줄 w ← w_temp + m을 그대로 써서 βm을 한 번 더 더했습니다. "
          "w_temp는 기울기를 계산할 점일 뿐이고, 갱신은 w ← w + m입니다.",
          "you followed the slide's last line w ← w_temp + m and added βm once more; w_temp is "
          "only where the gradient is taken, the update is w ← w + m",
          [{"Nesterov": NesterovLectureTypo}], "네스테로프: w_temp + m (강의 오타)",
          "Nesterov: w_temp + m (slide typo)"),
    entry("nesterov_grad_at_w", "Nesterov",
          "기울기를 현재 위치 w에서 계산했습니다. 이것은 일반 모멘텀입니다. 네스테로프는 앞을 "
          "내다본 점 w + βm에서 계산합니다: m ← βm − η∇J(w + βm).",
          "you took the gradient at w, which is plain momentum; Nesterov takes it at the "
          "look-ahead point: m ← βm − η∇J(w + βm)",
          [{"Nesterov": NesterovGradAtW}], "네스테로프: w에서 기울기", "Nesterov: gradient at w"),
    entry("nesterov_lookahead_minus", "Nesterov",
          "앞을 내다본 점을 w − βm으로 잡았습니다. m은 이미 이동 방향이므로 w + βm입니다.",
          "you looked ahead to w − βm; m already points where w moves, so it is w + βm",
          [{"Nesterov": NesterovLookaheadMinus}], "네스테로프: w − βm", "Nesterov: w − βm"),
    entry("adagrad_eps_outside_sqrt", "AdaGrad",
          "ε을 제곱근 밖에 더했습니다 (√s + ε). 독스트링과 강의의 식은 ε을 제곱근 안에 "
          "둡니다: w ← w − η·g / √(s + ε).",
          "you added ε outside the square root (√s + ε); the docstring and the lecture put it "
          "inside: w ← w − η·g / √(s + ε)",
          [{"AdaGrad": _scaled(ref.AdaGrad, _ada_s, _outside)}], "AdaGrad: ε 위치",
          "AdaGrad: ε placement"),
    entry("adagrad_eps_hardcoded", "AdaGrad",
          "ε을 숫자로 직접 써서 생성자의 eps 인자를 무시했습니다. self.eps를 사용하세요.",
          "you wrote ε as a number and ignored the eps argument; use self.eps",
          _eps_variants(ref.AdaGrad, _ada_s, True), "AdaGrad: 고정된 ε", "AdaGrad: hard-coded ε",
          unless=("adagrad_eps_outside_sqrt", "adagrad_eps_added_to_w",
                  "adagrad_textbook_eps_outside_sqrt")),
    entry("adagrad_no_accumulation", "AdaGrad",
          "s ← g²로 매번 새로 덮어썼습니다. AdaGrad는 제곱 기울기를 누적합니다: s ← s + g².",
          "you overwrote s ← g² each step; AdaGrad accumulates the squared gradients: "
          "s ← s + g²",
          [{"AdaGrad": _scaled(ref.AdaGrad, lambda self, g: g * g, _inside)}],
          "AdaGrad: 누적하지 않음", "AdaGrad: no accumulation"),
    entry("adagrad_no_sqrt", "AdaGrad",
          "제곱근 없이 s + ε으로 나눴습니다. 학습률은 누적값의 제곱근으로 나눕니다: "
          "η / √(s + ε).",
          "you divided by s + ε without the square root; the step is divided by its root: "
          "η / √(s + ε)",
          [{"AdaGrad": _scaled(ref.AdaGrad, _ada_s, _no_sqrt)}], "AdaGrad: 제곱근 없음",
          "AdaGrad: no square root"),
    entry("adagrad_step_before_accumulate", "AdaGrad",
          "s에 g²를 더하기 전에 이전 s로 w를 갱신했습니다. 순서가 바뀌면 첫 step은 √ε로 나눠 "
          "아주 크게 움직입니다. 먼저 s ← s + g², 그다음 w ← w − η·g / √(s + ε)입니다.",
          "you updated w with the old s and added g² only afterwards; in that order the first "
          "step divides by √ε and jumps far; first s ← s + g², then w ← w − η·g / √(s + ε)",
          [{"AdaGrad": _step_first(ref.AdaGrad, _ada_s)}], "AdaGrad: 누적 전에 갱신",
          "AdaGrad: step before accumulating"),
    entry("rmsprop_step_before_update", "RMSProp",
          "s를 갱신하기 전에 이전 s로 w를 갱신했습니다. 순서가 바뀌면 첫 step은 √ε로 나눠 "
          "아주 크게 움직입니다. 먼저 s ← ρs + (1 − ρ)g², 그다음 w ← w − η·g / √(s + ε)입니다.",
          "you updated w with the old s and updated s only afterwards; in that order the first "
          "step divides by √ε and jumps far; first s ← ρs + (1 − ρ)g², then "
          "w ← w − η·g / √(s + ε)",
          [{"RMSProp": _step_first(ref.RMSProp, _rms_s)}], "RMSProp: s 갱신 전에 이동",
          "RMSProp: step before updating s"),
    entry("rmsprop_eps_outside_sqrt", "RMSProp",
          "ε을 제곱근 밖에 더했습니다 (√s + ε). 독스트링의 식은 ε을 제곱근 안에 둡니다: "
          "w ← w − η·g / √(s + ε).",
          "you added ε outside the square root (√s + ε); the docstring puts it inside: "
          "w ← w − η·g / √(s + ε)",
          [{"RMSProp": _scaled(ref.RMSProp, _rms_s, _outside)}], "RMSProp: ε 위치",
          "RMSProp: ε placement"),
    entry("rmsprop_eps_hardcoded", "RMSProp",
          "ε을 숫자로 직접 써서 생성자의 eps 인자를 무시했습니다. self.eps를 사용하세요.",
          "you wrote ε as a number and ignored the eps argument; use self.eps",
          _eps_variants(ref.RMSProp, _rms_s, True), "RMSProp: 고정된 ε", "RMSProp: hard-coded ε",
          unless=("rmsprop_eps_outside_sqrt", "rmsprop_eps_added_to_w",
                  "rmsprop_textbook_eps_outside_sqrt")),
    entry("rmsprop_no_decay_weight", "RMSProp",
          "s ← ρs + g²로 새 값에 (1 − ρ)를 곱하지 않았습니다. 줄어든 만큼만 더합니다: "
          "s ← ρs + (1 − ρ)g².",
          "you added g² without the (1 − ρ) weight (s ← ρs + g²); the new value enters with "
          "what decayed: s ← ρs + (1 − ρ)g²",
          [{"RMSProp": _scaled(ref.RMSProp, lambda self, g: self.rho * self.s + g * g,
                               _inside)}], "RMSProp: (1 − ρ) 빠짐", "RMSProp: missing (1 − ρ)"),
    entry("rmsprop_rho_swapped", "RMSProp",
          "ρ와 1 − ρ를 바꿔 썼습니다 (s ← (1 − ρ)s + ρg²). 이전 값이 ρ로 줄어듭니다: "
          "s ← ρs + (1 − ρ)g².",
          "you swapped ρ and 1 − ρ (s ← (1 − ρ)s + ρg²); the old value decays by ρ: "
          "s ← ρs + (1 − ρ)g²",
          [{"RMSProp": _scaled(ref.RMSProp, lambda self, g: (1 - self.rho) * self.s
                               + self.rho * g * g, _inside)}], "RMSProp: ρ 뒤바뀜",
          "RMSProp: ρ swapped"),
    entry("adam_no_bias_correction", "Adam",
          "편향 보정 없이 m, s를 그대로 썼습니다. m과 s는 0에서 시작하므로 처음 몇 step 동안 "
          "0 쪽으로 치우칩니다. m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t)로 보정하세요.",
          "you used m and s without bias correction; both start at 0 and are biased towards 0 "
          "in the first steps: use m̂ = m / (1 − β1^t), ŝ = s / (1 − β2^t)",
          [adam(correct=False)], "Adam: 편향 보정 없음", "Adam: no bias correction"),
    entry("adam_t_off_by_one", "Adam",
          "편향 보정에 한 칸 어긋난 t를 썼습니다 (t를 올리기 전 값이나 두 번 올린 값). 먼저 "
          "t ← t + 1을 하고 그 t로 보정합니다: 첫 step에서 t = 1.",
          "the bias correction used t off by one (before the increment, or incremented twice); "
          "do t ← t + 1 first and correct with that t: t = 1 on the first step",
          [adam(t_shift=-1), adam(t_shift=1)], "Adam: t 하나 어긋남", "Adam: t off by one"),
    entry("adam_t_not_incremented", "Adam",
          "t를 증가시키지 않았습니다. step마다 t ← t + 1을 하고 그 t로 편향을 보정하세요.",
          "t is never incremented; do t ← t + 1 in every step and correct the bias with it",
          [adam(increment=False), adam(increment=False, t_shift=1)], "Adam: t 증가 없음",
          "Adam: t not incremented", unless=("adam_t_off_by_one",)),
    entry("adam_eps_inside_sqrt", "Adam",
          "ε을 제곱근 안에 넣었습니다 (√(ŝ + ε)). Adam의 식은 ε을 제곱근 밖에 둡니다: "
          "w ← w − η·m̂ / (√ŝ + ε).",
          "you put ε inside the square root (√(ŝ + ε)); Adam's formula has it outside: "
          "w ← w − η·m̂ / (√ŝ + ε)",
          [adam(eps_inside=True)], "Adam: ε 위치", "Adam: ε placement"),
    entry("adam_eps_hardcoded", "Adam",
          "ε을 숫자로 직접 써서 생성자의 eps 인자를 무시했습니다. self.eps를 사용하세요.",
          "you wrote ε as a number and ignored the eps argument; use self.eps",
          [adam(fixed_eps=e, eps_inside=side) for e in HARD_CODED_EPS for side in (False, True)],
          "Adam: 고정된 ε", "Adam: hard-coded ε",
          unless=("adam_eps_inside_sqrt", "adam_efficient_form", "adam_eps_added_to_w",
                  "adam_textbook_scratch_form")),
    entry("adam_hat_stored", "Adam",
          "보정한 m̂, ŝ를 m, s에 다시 저장했습니다. 그러면 다음 step에서 한 번 더 보정됩니다. "
          "m, s는 보정 전 값으로 두고 m̂, ŝ는 그 step 안에서만 쓰세요.",
          "you stored the corrected m̂, ŝ back into m and s, so the next step corrects them "
          "again; keep m and s uncorrected and use m̂, ŝ only inside the step",
          [{"Adam": AdamHatStored}], "Adam: m̂, ŝ를 상태로 저장", "Adam: m̂, ŝ stored as state"),
    entry("adam_betas_swapped", "Adam",
          "β1과 β2를 바꿔 썼습니다. m(1차 모멘트)은 β1, s(2차 모멘트)는 β2로 줄어듭니다.",
          "you swapped β1 and β2; m (first moment) decays with β1, s (second moment) with β2",
          [{"Adam": AdamBetasSwapped}], "Adam: β1, β2 뒤바뀜", "Adam: β1, β2 swapped"),
    entry("minimize_no_w0", "minimize",
          "경로에 시작점 w0을 넣지 않았습니다. 0번째 행이 w0이고 step마다 한 행씩, 모두 "
          "steps + 1행입니다.",
          "the path leaves out the start w0; row 0 is w0, then one row per step, steps + 1 rows",
          [{"minimize": minimize_no_w0}], "minimize: w0 빠짐", "minimize: w0 left out"),
    entry("minimize_steps_off_by_one", "minimize",
          "경로의 행 수가 steps + 1이 아닙니다: step을 한 번 더 또는 덜 실행했거나, 각 step "
          "전에 점을 기록해 마지막 점이 빠졌습니다. 경로는 w0과 steps번의 step 각각이 끝난 "
          "뒤의 점, 모두 steps + 1행입니다: 먼저 w0을 넣고, step마다 w를 갱신한 뒤 추가하세요.",
          "the path does not hold steps + 1 rows: one step more or fewer was run, or each "
          "point was recorded before its step, so the last one is missing; the path holds w0 "
          "and the point after each of the steps steps: path = [w0], then append w after each "
          "update",
          [{"minimize": minimize_one_extra_step}, {"minimize": minimize_one_step_short}],
          "minimize: step 수 하나 어긋남", "minimize: steps off by one"),
    entry("minimize_restarts_from_w0", "minimize",
          "매 step을 w0에서 다시 시작했습니다. 직전 step이 돌려준 w에서 이어가세요: "
          "w = optimizer.step(w, grad_fn).",
          "every step started again from w0; continue from the w the previous step returned: "
          "w = optimizer.step(w, grad_fn)",
          [{"minimize": minimize_same_w}], "minimize: 매번 w0에서", "minimize: restarts at w0"),
    *optimizers_extra.ENTRIES,
    *optimizers_adam.ENTRIES,
    *optimizers_textbooks.ENTRIES,
    *optimizers_moments.ENTRIES,
    *float32_entries(("SGD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "minimize")),
]
