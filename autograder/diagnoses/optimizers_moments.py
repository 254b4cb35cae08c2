"""04_optimizers: the accumulated moments of the wrong quantity or of the wrong shape (lecture
4.2). One scalar accumulator for the whole vector (the squared norm ‖g‖² or its mean) instead of
one per coordinate, |g| in place of g², Adam's second moment averaging m² instead of g² — each
written for every optimizer that keeps the moment (AdaGrad, RMSProp, Adam's s), since the
student who writes it once writes it in the sibling too; and Nesterov's look-ahead point taken
one gradient step ahead instead of one momentum step; the state made np.zeros(2) for the 2-D
bowl (every other dimension fails); minimize appending one array updated in place (every row
the last point).
`autograder/diagnoses/optimizers.py` lists these entries in its ENTRIES.
"""
import numpy as np

import solutions.optimizers as ref
from autograder.diagnosis import entry_builder

S, E = "강의 4.2", "lecture 4.2"


def _w(w):
    return np.asarray(w, dtype=np.float64)


def _sum_sq(g):
    return float(np.sum(g * g))


def _mean_sq(g):
    return float(np.mean(g * g))


def _moment(cls, of):
    """`cls` (AdaGrad, RMSProp or Adam) accumulating `of(g, self)` in s instead of g²."""
    if cls is ref.Adam:
        class Moment(ref.Adam):
            def step(self, w, grad_fn):
                w = _w(w)
                g = grad_fn(w)
                self.t += 1
                self.m = self.beta1 * self.m + (1.0 - self.beta1) * g
                self.s = self.beta2 * self.s + (1.0 - self.beta2) * of(g, self)
                m_hat = self.m / (1.0 - self.beta1 ** self.t)
                s_hat = self.s / (1.0 - self.beta2 ** self.t)
                return w - self.lr * m_hat / (np.sqrt(s_hat) + self.eps)
    else:
        class Moment(cls):
            def step(self, w, grad_fn):
                w = _w(w)
                g = grad_fn(w)
                x = of(g, self)
                self.s = self.s + x if cls is ref.AdaGrad else \
                    self.rho * self.s + (1.0 - self.rho) * x
                return w - self.lr * g / np.sqrt(self.s + self.eps)
    return {cls.__name__: Moment}


class NesterovGradientLookahead(ref.Nesterov):
    """The look-ahead one gradient step ahead: g at w − η∇J(w), then m ← βm − ηg, w ← w + m."""
    def step(self, w, grad_fn):
        w = _w(w)
        self.m = self.beta * self.m - self.lr * grad_fn(w - self.lr * grad_fn(w))
        return w + self.m


def _two_dims(cls):
    """`cls` whose scalar state becomes np.zeros(2) (the bowl's dimension) at the first step."""
    names = {ref.Adam: ("m", "s"), ref.Momentum: ("m",), ref.Nesterov: ("m",)}.get(cls, ("s",))

    class TwoDims(cls):
        def step(self, w, grad_fn):
            for n in names:
                if np.ndim(getattr(self, n)) == 0:
                    setattr(self, n, np.zeros(2))
            return cls.step(self, w, grad_fn)
    return {cls.__name__: TwoDims}


def _minimize_one_buffer(copy_first):
    """w[:] = step(w) (or w -= …) and the same array appended every step: every row is the
    last point (row 0 too unless w0 was copied into the list first)."""
    def minimize(optimizer, grad_fn, w0, steps):
        w = np.array(w0, dtype=np.float64)
        path = [w.copy() if copy_first else w]
        for _ in range(steps):
            w[:] = optimizer.step(w, grad_fn)
            path.append(w)
        return np.array(path, dtype=np.float64)
    return minimize


def minimize_path_dtype_of_w0(optimizer, grad_fn, w0, steps):
    """The path preallocated with w0's dtype: an integer start truncates every stored row."""
    path = np.zeros((steps + 1, len(w0)), dtype=np.asarray(w0).dtype)
    path[0] = w0
    w = np.array(w0, dtype=np.float64)
    for k in range(steps):
        w = optimizer.step(w, grad_fn)
        path[k + 1] = w
    return path


def minimize_in_place_dtype_of_w0(optimizer, grad_fn, w0, steps):
    """np.array(w0) (w0's dtype) updated in place: an integer start truncates w itself."""
    w = np.array(w0)
    rows = [w.copy()]
    for _ in range(steps):
        w[:] = optimizer.step(w, grad_fn)
        rows.append(w.copy())
    return np.array(rows)


e = entry_builder(S, E, by_function=False)
KEEPS = {"AdaGrad": (ref.AdaGrad, "s ← s + g ⊙ g"),
         "RMSProp": (ref.RMSProp, "s ← ρs + (1 − ρ) g ⊙ g"),
         "Adam": (ref.Adam, "s ← β2·s + (1 − β2) g ⊙ g")}


def _scalar_entry(name):
    cls, rule = KEEPS[name]
    return e(f"{name.lower()}_scalar_accumulator", name,
             "s를 숫자 하나로 두고 기울기 전체의 제곱합(np.sum(g**2), g @ g) 또는 제곱평균을 "
             "더했습니다. 그러면 모든 좌표가 같은 학습률로 나뉘어 좌표마다 걸음을 맞추는 이 "
             "방법의 핵심이 사라집니다. s는 w와 같은 모양의 배열이고 원소별로 누적합니다: "
             f"{rule} (g * g, 합 없음).",
             "s is one number accumulating the squared norm of the whole gradient "
             "(np.sum(g**2), g @ g) or its mean, so every coordinate is divided by the same "
             "value and the per-coordinate step sizes, the point of the method, are lost; s has "
             f"the shape of w and accumulates elementwise: {rule} (g * g, no sum)",
             [_moment(cls, lambda g, _: _sum_sq(g)), _moment(cls, lambda g, _: _mean_sq(g))],
             f"{name}: 스칼라 누적값", f"{name}: one scalar accumulator")


def _abs_entry(name):
    cls, rule = KEEPS[name]
    return e(f"{name.lower()}_abs_not_square", name,
             "제곱 기울기 g² 대신 기울기의 절댓값 |g|을 누적했습니다. 그러면 √s가 기울기의 "
             "크기(RMS)가 아니라 √|g|의 단위가 되어 걸음이 달라집니다. 누적하는 것은 원소별 "
             f"제곱입니다: {rule}.",
             "the absolute gradient |g| is accumulated instead of the squared gradient g², so "
             "√s is not the gradient's root mean square but has the units of √|g|, and the "
             f"steps differ; the accumulated quantity is the elementwise square: {rule}",
             [_moment(cls, lambda g, _: np.abs(g))],
             f"{name}: g² 대신 |g|", f"{name}: |g| instead of g²")


def _m_squared(hat):
    def of(g, self):
        m = self.m / (1.0 - self.beta1 ** self.t) if hat else self.m
        return m * m
    return of


ENTRIES = [
    *(_scalar_entry(n) for n in KEEPS),
    *(_abs_entry(n) for n in KEEPS),
    e("adam_second_moment_of_m", "Adam",
      "두 번째 모멘트 s에 기울기의 제곱 g² 대신 첫 번째 모멘트의 제곱 m²(또는 m̂²)을 "
      "평균했습니다. s는 기울기 자체의 제곱을 따로 평균해 좌표마다 걸음의 크기를 맞춥니다: "
      "s ← β2·s + (1 − β2) g ⊙ g (m과 독립).",
      "the second moment s averages the squared first moment m² (or m̂²) instead of the squared "
      "gradient g²; s averages the gradient's own square, separately from m, to scale each "
      "coordinate's step: s ← β2·s + (1 − β2) g ⊙ g (independent of m)",
      [_moment(ref.Adam, _m_squared(False)), _moment(ref.Adam, _m_squared(True))],
      "Adam: s에 m²을 평균", "Adam: s averages m²"),
    e("nesterov_lookahead_gradient_step", "Nesterov",
      "앞을 내다보는 점을 기울기 한 걸음 앞 w − η∇J(w)로 잡았습니다. Nesterov의 예측점은 "
      "모멘텀이 데려갈 곳, 즉 모멘텀 한 걸음 앞입니다: m ← βm − η∇J(w + βm), w ← w + m.",
      "the look-ahead point is one gradient step ahead, w − η∇J(w); Nesterov looks where the "
      "momentum is taking w, one momentum step ahead: m ← βm − η∇J(w + βm), w ← w + m",
      [{"Nesterov": NesterovGradientLookahead}], "Nesterov: 기울기 한 걸음 앞을 내다봄",
      "Nesterov: look-ahead one gradient step ahead"),
    *(e(f"{name.lower()}_state_fixed_two_dims", name,
        "상태를 np.zeros(2)로 만들어 2차원 그릇 함수에서만 맞습니다. 다른 차원의 w에서는 모양이 "
        "맞지 않아 오류가 나거나 값이 틀립니다. 상태는 w의 모양을 따르게 하세요: 생성자에서 "
        "0.0으로 두면 첫 step에서 g와 더해지며 모양이 정해지고, 또는 np.zeros_like(w).",
        "the state is made np.zeros(2), right for the 2-D bowl only; for a w of another "
        "dimension the shapes do not match (an error or wrong values); let the state follow "
        "w's shape: 0.0 in the constructor takes g's shape at the first step, or "
        "np.zeros_like(w)",
        # (s += g² raises another message for other sizes; a second variant is no help: the
        # first's differing exception makes the check's compare raise, which drops the entry)
        [_two_dims(getattr(ref, name))],
        f"{name}: 상태를 2차원으로 고정",
        f"{name}: state fixed to two dimensions")
      for name in ("Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam")),
    e("minimize_rows_share_one_array", "minimize",
      "w를 제자리에서 갱신하고 (w[:] = …, w -= …) 같은 배열을 매번 path에 넣었습니다. 목록에는 "
      "같은 객체가 여러 번 들어가므로 모든 행이 마지막 점이 됩니다. 매 걸음 새 배열을 넣으세요: "
      "w = optimizer.step(w, grad_fn) (step은 새 배열을 돌려줍니다), 또는 path.append(w.copy()).",
      "w is updated in place (w[:] = …, w -= …) and the same array is appended each step; the "
      "list holds one object many times, so every row is the final point; append a new array "
      "each step: w = optimizer.step(w, grad_fn) (step returns a new array), or "
      "path.append(w.copy())",
      [{"minimize": _minimize_one_buffer(False)}, {"minimize": _minimize_one_buffer(True)}],
      "minimize: 모든 행이 같은 배열", "minimize: every row one array"),
    e("minimize_path_dtype_of_w0", "minimize",
      "경로 배열의 자료형을 w0에서 가져왔습니다 (np.zeros(…, dtype=w0.dtype), np.array(w0)에 "
      "제자리 갱신). 정수 시작점이면 저장되는 모든 점이 정수로 잘립니다. 독스트링은 w0와 "
      "상관없이 float64 경로를 돌려줍니다: w = np.array(w0, dtype=np.float64), "
      "np.zeros(…, dtype=np.float64).",
      "the path array takes its dtype from w0 (np.zeros(…, dtype=w0.dtype), or np.array(w0) "
      "updated in place), so an integer start point truncates every stored point; the "
      "docstring returns a float64 path whatever w0 is: w = np.array(w0, dtype=np.float64), "
      "np.zeros(…, dtype=np.float64)",
      [{"minimize": minimize_path_dtype_of_w0}, {"minimize": minimize_in_place_dtype_of_w0}],
      "minimize: 경로 자료형이 w0를 따름",
      "minimize: path dtype from w0", checks=("minimize_int_start",)),
]
