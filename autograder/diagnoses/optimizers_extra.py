"""More misconceptions of 04_optimizers (lecture 4.2): other libraries' conventions (PyTorch's
velocity, cs231n's Nesterov, library defaults), precedence slips and state not carried over
(Adam's partial mistakes: optimizers_adam.py). `autograder/diagnoses/optimizers.py` lists them in
its ENTRIES.

Each replacement class subclasses the reference class and overrides only `step` (or, for the
defaults, `__init__`), so the probe sees the same attributes.
"""
from dataclasses import replace

import numpy as np

import solutions.optimizers as ref
from autograder.diagnosis import entry_builder

S, E = "강의 4.2", "lecture 4.2"


def _w(w):
    return np.asarray(w, dtype=np.float64)


# ---- SGD and the other classes: w written in place -----------------------------------------------
class SGDInPlace(ref.SGD):
    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        w -= self.lr * grad_fn(w)
        return w


class MomentumInPlace(ref.Momentum):
    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        w += self.m
        return w


class NesterovInPlace(ref.Nesterov):
    def step(self, w, grad_fn):
        w = np.asarray(w, dtype=np.float64)
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.beta * self.m)
        w += self.m
        return w


class SGDNoLr(ref.SGD):
    def step(self, w, grad_fn):
        w = _w(w)
        return w - grad_fn(w)


# ---- Momentum -------------------------------------------------------------------------------------
class MomentumPyTorch(ref.Momentum):
    """PyTorch's convention: v <- beta v + g, w <- w - lr v (the same path for a constant lr;
    the state is v = -m / lr)."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m + grad_fn(w)
        return w - self.lr * self.m


class MomentumNotCarried(ref.Momentum):
    """The velocity starts from 0 in every step (m ← −η g, or a local m never stored): SGD."""
    store = True

    def step(self, w, grad_fn):
        w = _w(w)
        m = -self.lr * grad_fn(w)
        if self.store:
            self.m = m
        return w + m


class NesterovNotCarried(ref.Nesterov):
    store = True

    def step(self, w, grad_fn):
        w = _w(w)
        m = -self.lr * grad_fn(w)  # the look-ahead w + β·0 is w itself
        if self.store:
            self.m = m
        return w + m


class MomentumLrTwice(ref.Momentum):
    """m <- beta m - lr g, then w <- w + lr m: the learning rate applied twice."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w + self.lr * self.m


class MomentumNoBeta(ref.Momentum):
    """m <- m - lr g: the old velocity never decays."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.m - self.lr * grad_fn(w)
        return w + self.m


class MomentumStepWithOldM(ref.Momentum):
    """w <- w + m with the old m, m updated afterwards."""
    def step(self, w, grad_fn):
        w = _w(w)
        w_new = w + self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w_new


# ---- Nesterov -------------------------------------------------------------------------------------
class NesterovCs231n(ref.Nesterov):
    """cs231n's reparametrised form: gradient at the current w, then
    w <- w - beta m_prev + (1 + beta) m (w stands for the look-ahead point)."""
    def step(self, w, grad_fn):
        w = _w(w)
        m_prev = self.m
        self.m = self.beta * self.m - self.lr * grad_fn(w)
        return w - self.beta * m_prev + (1.0 + self.beta) * self.m


class NesterovPyTorch(ref.Nesterov):
    """PyTorch's nesterov=True: v <- beta v + g, w <- w - lr (g + beta v), g at the current w."""
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.m = self.beta * self.m + g
        return w - self.lr * (g + self.beta * self.m)


class NesterovLookaheadNoBeta(ref.Nesterov):
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(w + self.m)
        return w + self.m


# ---- AdaGrad / RMSProp / Adam: ε added to w (operator precedence) ---------------------------------
class AdaGradEpsAddedToW(ref.AdaGrad):
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.s = self.s + g * g
        with np.errstate(all="ignore"):
            return w - self.lr * g / np.sqrt(self.s) + self.eps


class RMSPropEpsAddedToW(ref.RMSProp):
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1.0 - self.rho) * g * g
        with np.errstate(all="ignore"):
            return w - self.lr * g / np.sqrt(self.s) + self.eps


class RMSPropAsAdaGrad(ref.RMSProp):
    """s <- s + g^2: AdaGrad's accumulation (e.g. RMSProp(AdaGrad) whose own step method is
    misspelt, so AdaGrad's step runs)."""
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.s = self.s + g * g
        return w - self.lr * g / np.sqrt(self.s + self.eps)


class RMSPropNoSqrt(ref.RMSProp):
    def step(self, w, grad_fn):
        w = _w(w)
        g = grad_fn(w)
        self.s = self.rho * self.s + (1.0 - self.rho) * g * g
        return w - self.lr * g / (self.s + self.eps)


# ---- AdaGrad / RMSProp: the squared gradient mistyped ---------------------------------------------
SQUARE_TYPOS = (lambda g: g * 2, lambda g: g)  # g*2 for g**2; g not squared


def _square_typo(cls, square):
    class Typo(cls):
        def step(self, w, grad_fn):
            w = _w(w)
            g = grad_fn(w)
            decay = getattr(self, "rho", None)
            self.s = (self.s + square(g)) if decay is None else (
                decay * self.s + (1.0 - decay) * square(g))
            with np.errstate(all="ignore"):
                return w - self.lr * g / np.sqrt(self.s + self.eps)
    return {cls.__name__: Typo}


# ---- constructor defaults of other libraries --------------------------------------------------------
def _defaults(cls, **new):
    """`cls` whose constructor defaults are `new` (the rest unchanged)."""
    import inspect
    params = inspect.signature(cls.__init__).parameters

    def __init__(self, lr, *args, **kwargs):
        names = [n for n in params if n not in ("self", "lr")]
        given = dict(zip(names, args), **kwargs)
        cls.__init__(self, lr, **{**{n: new[n] for n in new if n not in given}, **given})
    return {cls.__name__: type(f"{cls.__name__}Defaults", (cls,), {"__init__": __init__})}


# Keras: eps 1e-7 everywhere (and Keras' RMSprop rho 0.9); PyTorch: RMSprop alpha 0.99, Adagrad
# eps 1e-10; 0.99 / 0.95 for the momentum β are also common in blogs
LIBRARY_DEFAULTS = {
    "Momentum": [{"beta": b} for b in (0.99, 0.95, 0.5, 0.0)],
    "Nesterov": [{"beta": b} for b in (0.99, 0.95, 0.5, 0.0)],
    "AdaGrad": [{"eps": e} for e in (1e-7, 1e-10, 1e-6, 1e-5, 1e-12)],
    "RMSProp": [{"rho": r, "eps": e} for r in (0.9, 0.99, 0.95, 0.999) for e in (1e-8, 1e-7, 1e-6)
                if (r, e) != (0.9, 1e-8)],
    "Adam": [{"beta1": b1, "beta2": b2, "eps": e} for b1 in (0.9, 0.99) for b2 in (0.999, 0.99)
             for e in (1e-8, 1e-7, 1e-6) if (b1, b2, e) != (0.9, 0.999, 1e-8)],
}
SPELLED = {"Momentum": "beta=0.9", "Nesterov": "beta=0.9", "AdaGrad": "eps=1e-8",
           "RMSProp": "rho=0.9, eps=1e-8", "Adam": "beta1=0.9, beta2=0.999, eps=1e-8"}


entry = entry_builder(S, E, by_function=False)


def _in_place_entry(cls, impl):
    return entry(
        f"{cls.lower()}_updates_w_in_place", cls,
        f"{cls}.step이 호출한 쪽의 배열 w를 제자리에서 바꿨습니다 (w -= … 또는 w += …). "
        "np.asarray는 float64 배열을 복사하지 않으므로 그 배열이 그대로 바뀝니다. 새 배열을 "
        "돌려주세요: return w − η·g (또는 w = np.array(w, dtype=np.float64)로 먼저 복사).",
        f"{cls}.step changed the caller's array w in place (w -= … or w += …); np.asarray does "
        "not copy a float64 array, so that very array changes; return a new array: "
        "return w − η·g (or copy first with w = np.array(w, dtype=np.float64))",
        [{cls: impl}], f"{cls}: w를 제자리에서 바꿈", f"{cls}: w updated in place",
        checks=(f"{cls.lower()}_no_mutation",))


def _defaults_entry(cls):
    return entry(
        f"{cls.lower()}_library_defaults", cls,
        f"생성자의 기본값이 독스트링과 다릅니다 (Keras·PyTorch 같은 다른 라이브러리의 기본값일 "
        f"것입니다). 이 과제의 기본값은 {SPELLED[cls]}입니다.",
        f"the constructor's defaults differ from the docstring's (probably another library's, "
        f"such as Keras' or PyTorch's); this assignment's defaults are {SPELLED[cls]}",
        [_defaults(getattr(ref, cls), **d) for d in LIBRARY_DEFAULTS[cls]],
        f"{cls}: 다른 기본값", f"{cls}: other defaults", checks=(f"{cls.lower()}_defaults",))


def _not_stored(cls, names):
    """`cls` computing its step from the stored state but never storing the new `names` (a
    local s = … instead of self.s = …): every step starts from the initial state."""
    class NotStored(cls):
        def step(self, w, grad_fn):
            kept = {n: getattr(self, n) for n in names}
            out = cls.step(self, w, grad_fn)
            for n, v in kept.items():
                setattr(self, n, v)
            return out
    return {cls.__name__: NotStored}


ENTRIES = [
    *(_in_place_entry(c, i) for c, i in (("SGD", SGDInPlace), ("Momentum", MomentumInPlace),
                                         ("Nesterov", NesterovInPlace))),
    *(_defaults_entry(c) for c in LIBRARY_DEFAULTS),
    entry("sgd_no_lr", "SGD",
          "학습률을 곱하지 않았습니다 (w ← w − ∇J(w)). w ← w − η·∇J(w), η = self.lr입니다.",
          "the learning rate is not applied (w ← w − ∇J(w)); w ← w − η·∇J(w), with η = self.lr",
          [{"SGD": SGDNoLr}], "SGD: lr 빠짐", "SGD: lr missing"),
    *(entry(f"{c.lower()}_square_typo", c,
            "기울기의 제곱 자리에 g * 2(2배) 또는 g를 넣었습니다. 그러면 s가 음수가 될 수 있어 "
            "√s가 nan이 됩니다. 제곱은 g ** 2 또는 g * g입니다.",
            "the squared gradient was written as g * 2 (which doubles) or as g; s can then "
            "turn negative and √s becomes nan; a square is g ** 2 or g * g",
            [_square_typo(getattr(ref, c), sq) for sq in SQUARE_TYPOS],
            f"{c}: g² 자리에 2g 또는 g", f"{c}: 2g or g for g²")
      for c in ("AdaGrad", "RMSProp")),
    entry("momentum_pytorch_velocity", "Momentum",
          "PyTorch 방식 v ← βv + g, w ← w − η·v로 계산했습니다. 경로는 같지만 저장한 m이 "
          "−m/η로 다릅니다. 이 과제는 학습률을 m에 넣습니다: m ← βm − η∇J(w), w ← w + m.",
          "you used PyTorch's convention v ← βv + g, w ← w − η·v; the path is the same, but "
          "the stored m is −m/η; this assignment puts the learning rate inside m: "
          "m ← βm − η∇J(w), w ← w + m",
          [{"Momentum": MomentumPyTorch}], "모멘텀: PyTorch 방식 속도",
          "Momentum: PyTorch velocity"),
    entry("momentum_lr_applied_twice", "Momentum",
          "m ← βm − η∇J(w) 다음에 w ← w + η·m으로 학습률을 두 번 곱했습니다. m에 이미 η가 "
          "들어 있으므로 w ← w + m입니다.",
          "after m ← βm − η∇J(w) you stepped w ← w + η·m, applying the learning rate twice; "
          "m already holds η, so w ← w + m",
          [{"Momentum": MomentumLrTwice}], "모멘텀: 학습률 두 번", "Momentum: lr applied twice"),
    # exact: the state checks fail at the same first field for the slide's ∇J(m) (m stays 0)
    *(replace(entry(f"{c.lower()}_state_not_carried", c,
            "속도 m이 step마다 0에서 다시 시작합니다 (m ← −η∇J만 저장하거나, 지역 변수 m을 "
            "self.m에 저장하지 않음). 그러면 경로가 SGD와 같습니다. 이전 step의 self.m을 "
            "이어서 쓰세요: self.m = β·self.m − η∇J(...), w ← w + self.m.",
            "the velocity m starts from 0 in every step (only m ← −η∇J is stored, or a local "
            "m is never stored in self.m), so the path is SGD's; carry the previous step's "
            "self.m on: self.m = β·self.m − η∇J(...), w ← w + self.m",
            [{c: type(f"{c}NotCarriedMistake", (cls,), {"store": store})}
             for store in (True, False)],
            f"{c}: m이 이어지지 않음", f"{c}: m not carried over"), exact=True)
      for c, cls in (("Momentum", MomentumNotCarried), ("Nesterov", NesterovNotCarried))),
    entry("momentum_no_beta", "Momentum",
          "m ← m − η∇J(w)로 이전 m에 β를 곱하지 않았습니다. 모멘텀은 지난 속도를 β만큼 "
          "줄여서 이어갑니다: m ← βm − η∇J(w).",
          "m ← m − η∇J(w) keeps the old m without the factor β; momentum carries the old "
          "velocity decayed by β: m ← βm − η∇J(w)",
          [{"Momentum": MomentumNoBeta}], "모멘텀: β 빠짐", "Momentum: β missing"),
    entry("momentum_step_with_old_m", "Momentum",
          "w를 이전 m으로 먼저 옮기고 m을 나중에 갱신했습니다. 순서는 m ← βm − η∇J(w) 다음에 "
          "새 m으로 w ← w + m입니다.",
          "you moved w with the old m and updated m afterwards; first m ← βm − η∇J(w), then "
          "w ← w + m with the new m",
          [{"Momentum": MomentumStepWithOldM}], "모멘텀: 이전 m으로 이동",
          "Momentum: step with the old m"),
    entry("nesterov_reparametrised", "Nesterov",
          "cs231n이나 PyTorch의 재매개화된 네스테로프(기울기를 현재 w에서 구하고 "
          "w ← w − βm_prev + (1 + β)m 또는 w ← w − η(g + βv))를 썼습니다. 그 형태에서 w는 "
          "앞을 내다본 점을 뜻합니다. 이 과제의 w는 실제 가중치이므로 기울기를 w + βm에서 "
          "구하고 m ← βm − η∇J(w + βm), w ← w + m입니다.",
          "you used the reparametrised Nesterov of cs231n or PyTorch (gradient at the current "
          "w, then w ← w − βm_prev + (1 + β)m, or w ← w − η(g + βv)), where w stands for the "
          "look-ahead point; here w is the actual weights: take the gradient at w + βm, "
          "m ← βm − η∇J(w + βm), w ← w + m",
          [{"Nesterov": NesterovCs231n}, {"Nesterov": NesterovPyTorch}],
          "네스테로프: 재매개화 형태", "Nesterov: reparametrised form"),
    entry("nesterov_lookahead_no_beta", "Nesterov",
          "앞을 내다본 점을 w + m으로 잡아 β를 빠뜨렸습니다. 기울기를 구하는 점은 w + βm입니다.",
          "you looked ahead to w + m, without β; the gradient is taken at w + βm",
          [{"Nesterov": NesterovLookaheadNoBeta}], "네스테로프: w + m에서 기울기",
          "Nesterov: look-ahead w + m"),
    entry("adagrad_eps_added_to_w", "AdaGrad",
          "w − η·g / √s + ε로 계산해 ε이 분모가 아니라 w에 더해졌습니다 (연산자 우선순위). "
          "괄호로 ε을 분모 안에 두세요: w − η·g / np.sqrt(s + ε).",
          "w − η·g / √s + ε adds ε to w, not to the denominator (operator precedence); "
          "parenthesise it into the denominator: w − η·g / np.sqrt(s + ε)",
          [{"AdaGrad": AdaGradEpsAddedToW}], "AdaGrad: ε이 w에 더해짐", "AdaGrad: ε added to w"),
    entry("rmsprop_eps_added_to_w", "RMSProp",
          "w − η·g / √s + ε로 계산해 ε이 분모가 아니라 w에 더해졌습니다 (연산자 우선순위). "
          "괄호로 ε을 분모 안에 두세요: w − η·g / np.sqrt(s + ε).",
          "w − η·g / √s + ε adds ε to w, not to the denominator (operator precedence); "
          "parenthesise it into the denominator: w − η·g / np.sqrt(s + ε)",
          [{"RMSProp": RMSPropEpsAddedToW}], "RMSProp: ε이 w에 더해짐", "RMSProp: ε added to w"),
    entry("rmsprop_accumulates_like_adagrad", "RMSProp",
          "s를 줄이지 않고 s ← s + g²로 누적했습니다. 이것은 AdaGrad의 규칙입니다 (AdaGrad를 "
          "상속했다면 step 메서드 이름의 오타로 AdaGrad의 step이 실행되었을 수 있습니다). "
          "RMSProp은 s ← ρs + (1 − ρ)g²입니다.",
          "s accumulates as s ← s + g² without decay, which is AdaGrad's rule (if your class "
          "inherits from AdaGrad, a misspelt step method name runs AdaGrad's step); RMSProp "
          "is s ← ρs + (1 − ρ)g²",
          [{"RMSProp": RMSPropAsAdaGrad}], "RMSProp: AdaGrad처럼 누적",
          "RMSProp: accumulates like AdaGrad"),
    entry("rmsprop_no_sqrt", "RMSProp",
          "제곱근 없이 s + ε으로 나눴습니다. 학습률은 s의 제곱근으로 나눕니다: η / √(s + ε).",
          "you divided by s + ε without the square root; the step is divided by its root: "
          "η / √(s + ε)",
          [{"RMSProp": RMSPropNoSqrt}], "RMSProp: 제곱근 없음", "RMSProp: no square root"),    # (AdaGrad's local s is s = g² every step: adagrad_no_accumulation's path, named there)
    *(entry(f"{c.lower()}_state_not_stored", c,
            "새 상태를 지역 변수에만 계산하고 self에 저장하지 않아 (예: s = self.s + g² 뒤에 "
            "self.s = s가 없음) step마다 처음 상태에서 다시 시작합니다. 다음 step이 이어받도록 "
            f"저장하세요: {spelled}.",
            "the new state is computed into a local variable and never stored in self (e.g. "
            "s = self.s + g² without self.s = s), so every step starts again from the initial "
            f"state; store it for the next step: {spelled}",
            [_not_stored(getattr(ref, c), names) for names in variants],
            f"{c}: 상태를 저장하지 않음", f"{c}: state not stored", unless=unless)
      for c, variants, spelled, unless in (
          ("RMSProp", [("s",)], "self.s = rho * self.s + (1 − rho) * g * g", ()),
          ("Adam", [("m", "s"), ("m", "s", "t")], "self.m = …, self.s = …, self.t += 1", ()))),
]
