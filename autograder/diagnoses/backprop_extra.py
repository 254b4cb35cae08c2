"""More misconceptions of 02_backprop (lecture 3.6-3.7): derivative forms borrowed from tanh,
missing factors in the hidden layer, averaging twice, shape slips (`*` for `@`, flat targets),
a linear neuron's rule and the order of updates in a hand-written training loop.
`autograder/diagnoses/backprop.py` lists them in its ENTRIES.
"""
import numpy as np

import solutions.backprop as ref
from autograder.diagnoses.scalar_code import scalar_entries
from autograder.diagnosis import entry_builder

S, E = "강의 3.6–3.7", "lecture 3.6–3.7"
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def _f(x):
    return np.asarray(x, dtype=np.float64)


# ---- sigmoid_derivative ------------------------------------------------------------------------
def sd_tanh_form(x):
    """1 − φ(x)²: tanh′'s form written for the sigmoid."""
    return 1.0 - ref.sigmoid(_f(x)) ** 2


def sd_exp_formula(x):
    """e^−x / (1 + e^−x)²: inf / inf = nan for large negative x."""
    z = np.exp(-_f(x))
    return z / (1.0 + z) ** 2


def sd_returns_sigmoid(x):
    return ref.sigmoid(_f(x))


# ---- delta_rule_step ---------------------------------------------------------------------------
def delta_linear_neuron(w, b, x, t, lr):
    """The linear neuron's (Adaline / LMS) rule: y = s, δ = y − t."""
    w, x = _f(w), _f(x)
    delta = (w @ x + b) - t
    return w - lr * delta * x, float(b - lr * delta)


def delta_no_bias_in_forward(w, b, x, t, lr):
    w, x = _f(w), _f(x)
    y = ref.sigmoid(w @ x)
    delta = (y - t) * y * (1.0 - y)
    return w - lr * delta * x, float(b - lr * delta)


def delta_no_lr(w, b, x, t, lr):
    return ref.delta_rule_step(w, b, x, t, 1.0)


# ---- init_mlp ----------------------------------------------------------------------------------
def _scaled_init(draw):
    """U, then W, from draw(rng, fan_in, fan_out), zero biases."""
    def init_mlp(n_in, n_hidden, n_out, seed):
        rng = np.random.default_rng(seed)
        U = draw(rng, n_in, n_hidden)
        return {"U": U, "b1": np.zeros(n_hidden), "W": draw(rng, n_hidden, n_out),
                "b2": np.zeros(n_out)}
    return init_mlp


SCALED_DRAWS = [
    *(lambda rng, i, o, c=c: c * rng.standard_normal((i, o)) for c in (0.01, 0.1, 0.5)),
    lambda rng, i, o: rng.standard_normal((i, o)) * np.sqrt(1.0 / i),        # LeCun
    lambda rng, i, o: rng.standard_normal((i, o)) * np.sqrt(2.0 / i),        # He
    lambda rng, i, o: rng.standard_normal((i, o)) * np.sqrt(2.0 / (i + o)),  # Glorot normal
    lambda rng, i, o: rng.uniform(-np.sqrt(6.0 / (i + o)), np.sqrt(6.0 / (i + o)),
                                  size=(i, o)),                              # Glorot uniform
    lambda rng, i, o: rng.uniform(-1.0 / np.sqrt(i), 1.0 / np.sqrt(i), size=(i, o)),
]


def _init(order=("U", "W"), transposed=False):
    """One rng, the parameters in `order` drawn from U(−1, 1) (the rest zero); `transposed`:
    the weights drawn as (out, in) matrices and returned so."""
    def init_mlp(n_in, n_hidden, n_out, seed):
        rng = np.random.default_rng(seed)
        shapes = {"U": (n_in, n_hidden), "b1": (n_hidden,), "W": (n_hidden, n_out),
                  "b2": (n_out,)}
        if transposed:
            shapes.update(U=(n_hidden, n_in), W=(n_out, n_hidden))
        p = {k: np.zeros(v) for k, v in shapes.items()}
        for k in order:
            p[k] = rng.uniform(-1.0, 1.0, size=shapes[k])
        return p
    return init_mlp


# ---- mlp_forward -------------------------------------------------------------------------------
def _forward_one_bias(keep):
    def mlp_forward(X, params):
        X = _f(X)
        H = ref.sigmoid(X @ params["U"] + (params["b1"] if keep == "b1" else 0.0))
        Y = ref.sigmoid(H @ params["W"] + (params["b2"] if keep == "b2" else 0.0))
        return Y, {"X": X, "H": H, "Y": Y}
    return mlp_forward


def forward_linear_hidden(X, params):
    X = _f(X)
    H = X @ params["U"] + params["b1"]
    Y = ref.sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": H, "Y": Y}


# ---- mlp_backward ------------------------------------------------------------------------------
def _backward(hid_slope=True, b_mean=("b1", "b2"), m_twice=False, elementwise=None,
              transposed=(), no_transpose=None, b_axis=None, keepdims=False):
    """The reference backward pass with one thing changed. `elementwise`: which of its three
    matrix products ("hid", "U", "W") is written as `*`, and in which operand order;
    `no_transpose`: which one leaves out its transpose (δ_out @ W, X @ δ_hid, H @ δ_out)."""
    def times(which, a, b):
        if which == no_transpose:  # δ_out @ W, X @ δ_hid, H @ δ_out
            a, b = (a, b.T) if which == "hid" else (a.T, b)
        if elementwise is None or elementwise[0] != which:
            return a @ b
        return a * b if elementwise[1] else b * a

    def mlp_backward(X, T, params, cache):
        X, T = _f(X), _f(T)
        H, Y = cache["H"], cache["Y"]
        m = X.shape[0]
        d_out = (Y - T) * Y * (1.0 - Y) / m
        d_hid = times("hid", d_out, params["W"].T) * (H * (1.0 - H) if hid_slope else 1.0)
        grads = {"U": times("U", X.T, d_hid), "b1": d_hid.sum(axis=0),
                 "W": times("W", H.T, d_out), "b2": d_out.sum(axis=0)}
        for k, d in (("b1", d_hid), ("b2", d_out)):
            if k in b_mean:
                grads[k] = d.mean(axis=0)
            if b_axis is not None and k in b_axis[0]:
                grads[k] = d.sum() if b_axis[1] is None else d.sum(axis=b_axis[1])
            if keepdims:
                grads[k] = d.sum(axis=0, keepdims=True)
        grads.update({k: grads[k].T for k in transposed})
        return {k: v / m for k, v in grads.items()} if m_twice else grads
    return mlp_backward


# ---- train_xor ---------------------------------------------------------------------------------
def _train_loop(w_first=False, flat_targets=False, half=True):
    """A hand-written epoch (forward, loss, deltas, updates) with one thing changed."""
    def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
        p = ref.init_mlp(2, hidden, 1, seed)
        U, b1, W, b2 = p["U"], p["b1"], p["W"], p["b2"]
        T = XOR_T.ravel() if flat_targets else XOR_T
        losses = np.zeros(epochs)
        m = XOR_X.shape[0]
        for k in range(epochs):
            H = ref.sigmoid(XOR_X @ U + b1)
            Y = ref.sigmoid(H @ W + b2)
            losses[k] = (0.5 if half else 1.0) * np.sum((Y - T) ** 2) / m
            d_out = (Y - T) * Y * (1.0 - Y) / m
            if w_first:
                W = W - lr * H.T @ d_out
                b2 = b2 - lr * d_out.sum(axis=0)
                d_hid = (d_out @ W.T) * H * (1.0 - H)
            else:
                d_hid = (d_out @ W.T) * H * (1.0 - H)
                W = W - lr * H.T @ d_out
                b2 = b2 - lr * d_out.sum(axis=0)
            U = U - lr * XOR_X.T @ d_hid
            b1 = b1 - lr * d_hid.sum(axis=0)
        return {"U": U, "b1": b1, "W": W, "b2": b2}, losses
    return train_xor


def _train_modular(flat_targets=False, fixed_seed=None):
    """train_xor through mlp_forward / mlp_backward, with the targets flat (shape (4,)) or the
    init's seed fixed."""
    def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
        T = XOR_T.ravel() if flat_targets else XOR_T
        params = ref.init_mlp(2, hidden, 1, seed if fixed_seed is None else fixed_seed)
        losses = np.zeros(epochs)
        for k in range(epochs):
            Y, cache = ref.mlp_forward(XOR_X, params)
            losses[k] = 0.5 * np.sum((Y - T) ** 2) / 4
            grads = ref.mlp_backward(XOR_X, T, params, cache)
            params = {n: params[n] - lr * grads[n] for n in params}
        return params, losses
    return train_xor


e = entry_builder(S, E)


ENTRIES = [
    e("sigmoid_derivative_tanh_form", "sigmoid_derivative",
      "1 − φ(x)²를 계산했습니다. 이것은 tanh의 미분 1 − tanh²(x)의 모양입니다. 시그모이드의 "
      "미분은 φ′(x) = φ(x)(1 − φ(x))입니다.",
      "you computed 1 − φ(x)², the shape of tanh's derivative 1 − tanh²(x); the sigmoid's "
      "derivative is φ′(x) = φ(x)(1 − φ(x))",
      [sd_tanh_form], "σ′: tanh 미분 모양 1 − φ²", "σ′: tanh's form 1 − φ²"),
    e("sigmoid_derivative_exp_formula", "sigmoid_derivative",
      "φ′(x) = e^−x / (1 + e^−x)²를 그대로 계산해 큰 음수 x에서 inf / inf = nan이 됩니다. "
      "안정한 φ(x)를 먼저 구해 φ(x)(1 − φ(x))로 계산하세요.",
      "φ′(x) = e^−x / (1 + e^−x)² computed as written gives inf / inf = nan for large "
      "negative x; compute the stable φ(x) first and return φ(x)(1 − φ(x))",
      [sd_exp_formula], "σ′: exp 식 오버플로", "σ′: exp formula overflows"),
    e("sigmoid_derivative_returns_sigmoid", "sigmoid_derivative",
      "미분 대신 시그모이드 φ(x) 자체를 돌려주었습니다. φ′(x) = φ(x)(1 − φ(x))입니다.",
      "you returned the sigmoid φ(x) itself, not its derivative; φ′(x) = φ(x)(1 − φ(x))",
      [sd_returns_sigmoid], "σ′: φ 자체를 돌려줌", "σ′: returns φ itself"),
    e("delta_linear_neuron", "delta_rule_step",
      "출력을 y = w·x + b(선형 뉴런, LMS 규칙)로 두어 시그모이드를 빠뜨렸습니다. 이 "
      "함수의 뉴런은 y = φ(w·x + b)이고 δ = (y − t)·y(1 − y)입니다.",
      "you took the output as y = w·x + b (a linear neuron: the Adaline / LMS rule), without "
      "the sigmoid; this neuron outputs y = φ(w·x + b) and δ = (y − t)·y(1 − y)",
      [delta_linear_neuron], "델타 규칙: 선형 뉴런", "delta rule: linear neuron"),
    e("delta_no_bias_in_forward", "delta_rule_step",
      "출력을 y = φ(w·x)로 계산해 편향 b를 빠뜨렸습니다. y = φ(w·x + b)입니다.",
      "the output was computed as y = φ(w·x), without the bias b; y = φ(w·x + b)",
      [delta_no_bias_in_forward], "델타 규칙: 출력에 b 없음", "delta rule: no b in the output"),
    e("delta_no_lr", "delta_rule_step",
      "학습률 lr을 곱하지 않았습니다 (η = 1로 계산). w ← w − η·δ·x, b ← b − η·δ입니다.",
      "the learning rate lr is not applied (computed as η = 1); w ← w − η·δ·x, b ← b − η·δ",
      [delta_no_lr], "델타 규칙: lr 빠짐", "delta rule: lr missing"),
    e("init_random_biases", "init_mlp",
      "편향 b1, b2도 무작위로 뽑았습니다. 같은 rng에서 더 뽑으면 뒤따르는 W의 값도 "
      "달라집니다. 독스트링대로 U, 그다음 W만 뽑고 편향은 0으로 두세요: np.zeros(n_hidden), "
      "np.zeros(n_out).",
      "you drew the biases b1, b2 at random too; extra draws from the one rng also change "
      "the W that follows; as the docstring says, draw only U, then W, and set the biases to "
      "zero: np.zeros(n_hidden), np.zeros(n_out)",
      [_init(order) for order in (("U", "b1", "W", "b2"), ("U", "W", "b1", "b2"))],
      "초기화: 편향도 무작위", "init: random biases"),
    e("init_scaled_draws", "init_mlp",
      "가중치를 다른 분포나 크기로 뽑았습니다 (작은 정규분포 0.01·N(0, 1), 또는 Xavier/"
      "Glorot·He·LeCun 방식의 크기 조정). 좋은 방법이지만 이 과제의 독스트링은 U(−1, 1)에서 "
      "뽑습니다: rng.uniform(-1, 1, size), U 다음 W.",
      "the weights were drawn from another distribution or scale (a small normal "
      "0.01·N(0, 1), or Xavier/Glorot, He or LeCun scaling); good practice, but this "
      "assignment's docstring draws from U(−1, 1): rng.uniform(-1, 1, size), U then W",
      [_scaled_init(d) for d in SCALED_DRAWS], "초기화: 다른 크기의 분포",
      "init: another scale or distribution"),
    e("init_transposed", "init_mlp",
      "가중치 행렬을 (출력 수, 입력 수) 모양으로 만들었습니다 (PyTorch의 배치). 이 과제는 "
      "X @ U, H @ W로 곱하므로 U는 (n_in, n_hidden), W는 (n_hidden, n_out)입니다.",
      "the weight matrices are shaped (outputs, inputs), PyTorch's layout; this assignment "
      "multiplies X @ U and H @ W, so U is (n_in, n_hidden) and W is (n_hidden, n_out)",
      [_init(transposed=True)], "초기화: 전치된 모양", "init: transposed shapes"),
    e("forward_one_bias_missing", "mlp_forward",
      "두 층 중 한 층에서 편향을 더하지 않았습니다 (b1 또는 b2). H = φ(XU + b1), "
      "Y = φ(HW + b2)로 두 층 모두 편향을 더합니다.",
      "one of the two layers does not add its bias (b1 or b2); both do: H = φ(XU + b1), "
      "Y = φ(HW + b2)",
      [_forward_one_bias("b1"), _forward_one_bias("b2")], "순전파: 한 층의 편향 없음",
      "forward: one bias missing"),
    e("forward_linear_hidden", "mlp_forward",
      "은닉층에 시그모이드를 적용하지 않았습니다 (H = XU + b1). 그러면 두 층이 하나의 선형 "
      "변환처럼 되어 XOR을 풀 수 없습니다. H = φ(XU + b1)입니다.",
      "the hidden layer has no sigmoid (H = XU + b1), so the two layers act as one linear "
      "map and cannot learn XOR; H = φ(XU + b1)",
      [forward_linear_hidden], "순전파: 은닉층 선형", "forward: linear hidden layer"),
    e("backward_hidden_no_derivative", "mlp_backward",
      "은닉층 델타에 은닉층의 미분 H(1 − H)를 곱하지 않았습니다 (δ_hid = δ_out Wᵀ). 오차가 "
      "은닉층의 시그모이드를 거꾸로 지날 때도 그 미분을 곱합니다: "
      "δ_hid = (δ_out Wᵀ)·H(1 − H).",
      "the hidden delta leaves out the hidden layer's derivative H(1 − H) (δ_hid = δ_out Wᵀ); "
      "the error passes back through the hidden sigmoid too: δ_hid = (δ_out Wᵀ)·H(1 − H)",
      [_backward(hid_slope=False, b_mean=())], "역전파: 은닉층 φ′ 빠짐",
      "backprop: hidden φ′ missing"),
    e("backward_bias_averaged_twice", "mlp_backward",
      "편향 기울기를 δ의 평균(mean)으로 계산했습니다. δ_out에 이미 1/m이 들어 있어 m으로 두 "
      "번 나눈 셈입니다. 편향의 기울기는 행의 합입니다: db2 = δ_out.sum(axis=0), "
      "db1 = δ_hid.sum(axis=0).",
      "the bias gradients were taken as the mean of δ; δ_out already holds the 1/m, so this "
      "divides by m twice; a bias gradient is the row sum: db2 = δ_out.sum(axis=0), "
      "db1 = δ_hid.sum(axis=0)",
      [_backward(b_mean=b) for b in (("b1", "b2"), ("b1",), ("b2",))],
      "역전파: 편향 기울기 두 번 평균", "backprop: bias gradients averaged twice"),
    e("backward_mean_twice", "mlp_backward",
      "모든 기울기를 m으로 두 번 나눴습니다 (δ_out에서 한 번, 기울기에서 또 한 번). 1/m은 "
      "δ_out = (Y − T)·Y(1 − Y) / m에서 한 번만 곱합니다.",
      "every gradient was divided by m twice (once in δ_out, once more in the gradients); "
      "the 1/m is applied once, in δ_out = (Y − T)·Y(1 − Y) / m",
      [_backward(b_mean=(), m_twice=True)], "역전파: m으로 두 번 나눔",
      "backprop: divided by m twice"),
    e("backward_elementwise_not_matmul", "mlp_backward",
      "역전파의 행렬 곱 하나를 원소별 곱 *로 썼습니다 (예: δ_out * Wᵀ, Xᵀ * δ_hid). "
      "δ_out * Wᵀ는 출력이 하나일 때만 행렬 곱과 같고, 그 밖에는 모양이 맞지 않아 "
      "브로드캐스트 오류가 납니다. 각 값은 샘플이나 뉴런에 대한 가중합이므로 @를 씁니다: "
      "δ_hid = (δ_out @ Wᵀ)·H(1 − H), dW = Hᵀ @ δ_out, dU = Xᵀ @ δ_hid.",
      "one matrix product of the backward pass is written as the elementwise * (e.g. "
      "δ_out * Wᵀ, Xᵀ * δ_hid); δ_out * Wᵀ equals the product only with one output, and "
      "otherwise the shapes do not broadcast; each of these is a weighted sum over samples "
      "or neurons, so use @: δ_hid = (δ_out @ Wᵀ)·H(1 − H), dW = Hᵀ @ δ_out, "
      "dU = Xᵀ @ δ_hid",
      [_backward(b_mean=(), elementwise=(which, order)) for which in ("hid", "U", "W")
       for order in (True, False)], "역전파: @ 대신 *",
      "backprop: * instead of @"),
    e("backward_bias_wrong_axis", "mlp_backward",
      "편향 기울기를 다른 축으로 더했습니다 (axis=1 또는 전체 합). 편향 하나는 모든 샘플에 "
      "더해지므로 샘플 축(axis=0)으로 더합니다: db2 = δ_out.sum(axis=0), "
      "db1 = δ_hid.sum(axis=0), 모양은 b2, b1과 같습니다.",
      "the bias gradients were summed along another axis (axis=1, or everything); a bias is "
      "added to every sample, so sum over the samples (axis=0): db2 = δ_out.sum(axis=0), "
      "db1 = δ_hid.sum(axis=0), shaped like b2, b1",
      [_backward(b_mean=(), b_axis=(keys, ax)) for keys in (("b1", "b2"), ("b1",), ("b2",))
       for ax in (1, None)], "역전파: 편향 기울기 축", "backprop: bias gradient axis"),
    e("backward_bias_keepdims", "mlp_backward",
      "편향 기울기를 keepdims=True로 더해 모양이 (1, n)입니다. 기울기는 파라미터와 같은 모양 "
      "(b1: (n_hidden,), b2: (n_out,))이어야 하므로 keepdims=True 없이 더하세요: "
      "δ.sum(axis=0).",
      "the bias gradients were summed with keepdims=True, shape (1, n); a gradient has its "
      "parameter's shape (b1: (n_hidden,), b2: (n_out,)), so sum without keepdims: "
      "δ.sum(axis=0)",
      [_backward(b_mean=(), keepdims=True)], "역전파: 편향 기울기 (1, n) 모양",
      "backprop: bias gradients shaped (1, n)"),
    e("backward_gradients_transposed", "mlp_backward",
      "가중치 기울기가 전치되어 있습니다 (예: dW = δ_outᵀ @ H). 기울기는 파라미터와 같은 "
      "모양이어야 합니다: dW = Hᵀ @ δ_out은 W처럼 (n_hidden, n_out), dU = Xᵀ @ δ_hid는 U처럼 "
      "(n_in, n_hidden)입니다.",
      "the weight gradients are transposed (e.g. dW = δ_outᵀ @ H); a gradient has its "
      "parameter's shape: dW = Hᵀ @ δ_out is (n_hidden, n_out) like W, dU = Xᵀ @ δ_hid is "
      "(n_in, n_hidden) like U",
      [_backward(b_mean=(), transposed=t) for t in (("U", "W"), ("W",), ("U",))],
      "역전파: 기울기 전치", "backprop: gradients transposed"),
    e("backward_missing_transpose", "mlp_backward",
      "역전파의 행렬 곱에서 전치(.T)를 빠뜨렸습니다 (예: δ_out @ W, X @ δ_hid). 모양이 맞지 "
      "않아 오류가 나거나, 정사각 행렬이면 틀린 값이 나옵니다. 오차는 가중치를 거꾸로 "
      "지나가므로 δ_hid = (δ_out @ Wᵀ)·H(1 − H), 기울기는 dW = Hᵀ @ δ_out, dU = Xᵀ @ δ_hid "
      "입니다.",
      "a matrix product of the backward pass leaves out its transpose (.T) (e.g. δ_out @ W, "
      "X @ δ_hid): the shapes do not fit, or with square matrices the values are wrong; the "
      "error goes back through the weights, so δ_hid = (δ_out @ Wᵀ)·H(1 − H), and the "
      "gradients are dW = Hᵀ @ δ_out, dU = Xᵀ @ δ_hid",
      [_backward(b_mean=(), no_transpose=w) for w in ("hid", "U", "W")],
      "역전파: 전치 빠짐", "backprop: transpose missing"),
    e("train_ignores_seed", "train_xor",
      "seed 인자를 쓰지 않고 고정된 시드로 초기화했습니다. 받은 seed를 init_mlp의 마지막 "
      "인자로 넘기세요.",
      "the init ignores the seed argument (a fixed seed); pass it on: "
      "init_mlp(2, hidden, 1, seed)",
      [_train_modular(fixed_seed=s) for s in (0, 42)], "학습: seed 무시",
      "training: seed ignored"),
    e("train_w_updated_before_hidden_delta", "train_xor",
      "W를 먼저 갱신한 뒤 그 새 W로 은닉층 델타 δ_hid = (δ_out Wᵀ)·H(1 − H)를 계산했습니다. "
      "기울기는 모두 갱신 전의 같은 파라미터에서 구해야 합니다. 먼저 모든 기울기(δ_out, "
      "δ_hid)를 계산하고, 그다음에 모든 파라미터를 갱신하세요.",
      "you updated W first and then computed the hidden delta δ_hid = (δ_out Wᵀ)·H(1 − H) "
      "with the new W; every gradient must come from the same parameters, before any update: "
      "compute all gradients (δ_out, δ_hid) first, then update every parameter",
      [_train_loop(w_first=True)], "학습: δ_hid 전에 W 갱신", "training: W updated before δ_hid"),
    e("train_targets_flat", "train_xor",
      "목표 T를 모양 (4,)로 만들었습니다. Y는 (4, 1)이라 Y − T가 (4, 4)로 브로드캐스트되어 "
      "기울기의 모양이 틀어집니다. T = np.array([[0], [1], [1], [0]])처럼 (4, 1)로 만드세요.",
      "you made the targets T of shape (4,); Y is (4, 1), so Y − T broadcasts to (4, 4) and "
      "the gradients get the wrong shapes; make T of shape (4, 1): "
      "np.array([[0], [1], [1], [0]])",
      [_train_loop(flat_targets=True), _train_modular(flat_targets=True)],
      "학습: T 모양 (4,)", "training: targets of shape (4,)"),
    e("train_loss_without_half", "train_xor",
      "손실에 ½을 빼고 (Y − T)²의 평균을 기록했습니다. 이 과제의 손실은 "
      "E = (1/m)·Σ ½(Y − T)²입니다.",
      "the loss was recorded as the mean of (Y − T)² without the ½; this assignment's loss "
      "is E = (1/m)·Σ ½(Y − T)²",
      [_train_loop(half=False)], "손실: ½ 빠짐", "loss: ½ missing"),
    *scalar_entries(ref, (), "backprop", math_functions=("sigmoid_derivative",)),
]
