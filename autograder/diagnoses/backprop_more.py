"""Misconceptions of 02_backprop about state and shapes (lecture 3.6-3.7): the caller's arrays
written in place (w -= …, err = Y; err -= T), the loss (y − t)² differentiated without its 1/2,
the forward cache holding the pre-activation or another hidden activation, a generator
re-seeded for every matrix or drawn in PyTorch's layout, 1/m in one layer only.
`autograder/diagnoses/backprop.py` lists them in its ENTRIES.
"""
from dataclasses import replace

import numpy as np

import solutions.backprop as ref
from autograder.diagnoses.scalar_code import removed_alias_entries
from autograder.diagnosis import entry_builder

S, E = "강의 3.6–3.7", "lecture 3.6–3.7"


def _f(x):
    return np.asarray(x, dtype=np.float64)


# ---- delta_rule_step ---------------------------------------------------------------------------
def _delta_rule(factor=1.0):
    def delta_rule_step(w, b, x, t, lr):
        w, x = _f(w), _f(x)
        y = ref.sigmoid(w @ x + b)
        delta = factor * (y - t) * y * (1.0 - y)
        return w - lr * delta * x, float(b - lr * delta)
    return delta_rule_step


# ---- init_mlp ----------------------------------------------------------------------------------
def init_reseeded(n_in, n_hidden, n_out, seed):
    """A fresh default_rng(seed) per matrix: W repeats U's first draws."""
    return {"U": np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n_in, n_hidden)),
            "b1": np.zeros(n_hidden),
            "W": np.random.default_rng(seed).uniform(-1.0, 1.0, size=(n_hidden, n_out)),
            "b2": np.zeros(n_out)}


def init_transposed_draws(n_in, n_hidden, n_out, seed):
    """PyTorch's (out, in) layout drawn from the right generator, then transposed."""
    rng = np.random.default_rng(seed)
    U = rng.uniform(-1.0, 1.0, size=(n_hidden, n_in)).T
    W = rng.uniform(-1.0, 1.0, size=(n_out, n_hidden)).T
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


# ---- mlp_forward -------------------------------------------------------------------------------
def _forward_hidden(phi):
    def mlp_forward(X, params):
        X = _f(X)
        H = phi(X @ params["U"] + params["b1"])
        Y = ref.sigmoid(H @ params["W"] + params["b2"])
        return Y, {"X": X, "H": H, "Y": Y}
    return mlp_forward


# ---- sigmoid_derivative, mlp_backward, train_xor (blind4's neighbours) ---------------------------
def sigmoid_derivative_squared(x):
    """φ(x)·φ(x): the identity 1 − φ(x) = φ(−x) used without the minus sign."""
    y = ref.sigmoid(_f(x))
    return y * y


def sigmoid_derivative_one_minus_squared(x):
    """(1 − φ(x))²: φ(−x)·φ(−x), the minus sign on both factors."""
    y = ref.sigmoid(_f(x))
    return (1.0 - y) * (1.0 - y)


def backward_hidden_output_derivative(X, T, params, cache):
    """δ_hid = (δ_out Wᵀ)·Y(1 − Y): the output layer's derivative (broadcast) in the hidden
    layer."""
    X, T = _f(X), _f(T)
    H, Y = cache["H"], cache["Y"]
    delta_out = (Y - T) * Y * (1.0 - Y) / X.shape[0]
    delta_hid = (delta_out @ params["W"].T) * Y * (1.0 - Y)
    return {"U": X.T @ delta_hid, "b1": delta_hid.sum(axis=0), "W": H.T @ delta_out,
            "b2": delta_out.sum(axis=0)}


def train_extra_final_loss(hidden=3, lr=1.0, epochs=5000, seed=0):
    """The docstring's losses and then the loss after the last update: epochs + 1 entries."""
    params, losses = ref.train_xor(hidden, lr, epochs, seed)
    Y, _ = ref.mlp_forward(ref_xor()[0], params)
    final = 0.5 * np.sum((Y - ref_xor()[1]) ** 2) / 4
    return params, np.append(losses, final)


def ref_xor():
    return (np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64),
            np.array([[0], [1], [1], [0]], dtype=np.float64))


# ---- mlp_forward (seen by mlp_backward, which reads the cache) -----------------------------------
def forward_preactivation_cache(X, params):
    X = _f(X)
    Z1 = X @ params["U"] + params["b1"]
    H = ref.sigmoid(Z1)
    Y = ref.sigmoid(H @ params["W"] + params["b2"])
    return Y, {"X": X, "H": Z1, "Y": Y}


# ---- mlp_backward ------------------------------------------------------------------------------
def _mutated(argument):
    """The no-mutation check found `argument` (or a key of it) changed by the call."""
    def match(check, args, value, expected):
        found = check.compare(value, expected)
        where = str(found.fields.get("arg", ""))
        return found.key == "value.input_mutated" and (
            where == argument or where.startswith(argument + "["))
    return match


def backward_mse_factor_two(X, T, params, cache):
    """δ_out from the derivative of (Y − T)² without the ½: 2 (Y − T) Y (1 − Y) / m."""
    X, T = _f(X), _f(T)
    H, Y = cache["H"], cache["Y"]
    d_out = 2.0 * (Y - T) * Y * (1.0 - Y) / X.shape[0]
    d_hid = (d_out @ params["W"].T) * H * (1.0 - H)
    return {"U": X.T @ d_hid, "b1": d_hid.sum(axis=0), "W": H.T @ d_out,
            "b2": d_out.sum(axis=0)}


def _averaged_once(layer):
    """The 1/m of the mean loss applied to one layer's gradients only (`layer` "out": dW, db2;
    "hidden": dU, db1), as when dW /= m is written after each product instead of in δ."""
    def mlp_backward(X, T, params, cache):
        X, T = _f(X), _f(T)
        H, Y = cache["H"], cache["Y"]
        m = X.shape[0]
        d_out = (Y - T) * Y * (1.0 - Y)
        d_hid = (d_out @ params["W"].T) * H * (1.0 - H)
        k_out, k_hid = (1.0 / m, 1.0) if layer == "out" else (1.0, 1.0 / m)
        return {"U": X.T @ d_hid * k_hid, "b1": d_hid.sum(axis=0) * k_hid,
                "W": H.T @ d_out * k_out, "b2": d_out.sum(axis=0) * k_out}
    return mlp_backward


e = entry_builder(S, E)

ENTRIES = [
    e("delta_mse_factor_two", "delta_rule_step",
      "(y − t)²를 미분해 δ = 2(y − t)·y(1 − y)로 2배가 되었습니다. 강의의 손실은 "
      "E = ½(y − t)²이고, ½이 미분의 2를 없애므로 δ = (y − t)·y(1 − y)입니다.",
      "you differentiated (y − t)² and got δ = 2(y − t)·y(1 − y), twice too large; the "
      "lecture's loss is E = ½(y − t)², whose ½ cancels the 2: δ = (y − t)·y(1 − y)",
      [_delta_rule(factor=2.0)], "델타 규칙: ½ 없는 손실(2배)", "delta rule: loss without ½ (2×)"),
    e("delta_updates_w_in_place", "delta_rule_step",
      "w -= …로 호출한 쪽의 배열 w를 제자리에서 바꿨습니다 (np.asarray는 float64 배열을 "
      "복사하지 않습니다). 새 배열을 돌려주세요: return w − η·δ·x, b − η·δ.",
      "w -= … changed the caller's array w in place (np.asarray does not copy a float64 "
      "array); return a new array: return w − η·δ·x, b − η·δ",
      [], "델타 규칙: w를 제자리에서 바꿈", "delta rule: w updated in place",
      match=_mutated("w"), checks=("delta_rule_step_no_mutation",)),
    e("init_drawn_transposed", "init_mlp",
      "PyTorch의 배치(출력, 입력)로 뽑은 뒤 전치했습니다. 모양은 맞지만 난수가 다른 자리에 "
      "들어갑니다. 독스트링대로 처음부터 (n_in, n_hidden), (n_hidden, n_out) 모양으로 "
      "뽑으세요: rng.uniform(−1, 1, (n_in, n_hidden)).",
      "you drew in PyTorch's (out, in) layout and transposed; the shape is right but the draws "
      "land elsewhere; as the docstring says, draw the shapes (n_in, n_hidden) and "
      "(n_hidden, n_out) directly: rng.uniform(−1, 1, (n_in, n_hidden))",
      [init_transposed_draws], "초기화: 전치된 뽑기", "init: drawn transposed"),
    e("forward_hidden_not_sigmoid", "mlp_forward",
      "은닉층에 시그모이드가 아닌 활성화(ReLU 또는 tanh)를 썼습니다. 이 과제의 MLP는 두 층 "
      "모두 시그모이드입니다: H = φ(X·U + b1), Y = φ(H·W + b2), φ = sigmoid.",
      "the hidden layer uses another activation than the sigmoid (ReLU or tanh); this "
      "assignment's MLP uses the sigmoid in both layers: H = φ(X·U + b1), Y = φ(H·W + b2), "
      "φ = sigmoid",
      [_forward_hidden(lambda s: np.maximum(s, 0.0)), _forward_hidden(np.tanh)],
      "순전파: 은닉층이 시그모이드가 아님", "forward: hidden activation not the sigmoid"),
    e("backward_mse_factor_two", "mlp_backward",
      "(Y − T)²를 미분해 δ_out에 2가 붙었습니다 (모든 기울기가 2배). 이 과제의 손실은 "
      "E = (1/m)·Σ ½(Y − T)²이고 ½이 2를 없애므로 δ_out = (Y − T)·Y(1 − Y) / m입니다.",
      "you differentiated (Y − T)² and δ_out carries a 2 (every gradient is doubled); this "
      "assignment's loss is E = (1/m)·Σ ½(Y − T)², whose ½ cancels the 2: "
      "δ_out = (Y − T)·Y(1 − Y) / m",
      [backward_mse_factor_two], "역전파: ½ 없는 손실(2배)", "backward: loss without ½ (2×)"),
    e("backward_one_layer_averaged", "mlp_backward",
      "평균 손실의 1/m을 한 층의 기울기에만 적용했습니다 (예: dW /= m만 쓰고 dU는 나누지 "
      "않음). δ_out에 1/m을 넣으면 네 기울기 모두에 한 번씩 들어갑니다: "
      "δ_out = (Y − T)·Y(1 − Y) / m.",
      "the 1/m of the mean loss is applied to one layer's gradients only (e.g. dW /= m but dU "
      "not divided); put it into δ_out and all four gradients get it once: "
      "δ_out = (Y − T)·Y(1 − Y) / m",
      [_averaged_once("out"), _averaged_once("hidden")], "역전파: 한 층만 1/m",
      "backward: 1/m in one layer only"),
    e("init_reseeds_rng_per_matrix", "init_mlp",
      "행렬마다 np.random.default_rng(seed)를 새로 만들어 W가 U와 같은 난수로 다시 "
      "시작합니다. 생성기는 하나만 만들고 이어서 뽑으세요: rng = np.random.default_rng(seed), "
      "U = rng.uniform(−1, 1, (n_in, n_hidden)), 그다음 W = rng.uniform(−1, 1, "
      "(n_hidden, n_out)).",
      "a new np.random.default_rng(seed) is made for every matrix, so W restarts from U's "
      "draws; make one generator and keep drawing from it: rng = np.random.default_rng(seed), "
      "U = rng.uniform(−1, 1, (n_in, n_hidden)), then W = rng.uniform(−1, 1, (n_hidden, n_out))",
      [init_reseeded], "초기화: 행렬마다 생성기를 새로 만듦", "init: a new generator per matrix"),
    # mlp_forward's mistake, seen where mlp_backward reads the cache
    replace(e("forward_cache_holds_preactivation", "mlp_backward",
      "mlp_forward의 cache['H']에 활성화 전의 값 X·U + b1을 넣었습니다. mlp_backward는 "
      "cache['H']를 은닉층의 출력 H = φ(X·U + b1)로 쓰므로 (dW = Hᵀ·δ, H(1 − H)) 기울기가 "
      "틀립니다. 독스트링대로 cache = {'X': X, 'H': φ(X·U + b1), 'Y': Y}로 두세요.",
      "mlp_forward's cache['H'] holds the pre-activation X·U + b1; mlp_backward uses "
      "cache['H'] as the hidden output H = φ(X·U + b1) (dW = Hᵀ·δ, H(1 − H)), so the gradients "
      "are wrong; as the docstring says, cache = {'X': X, 'H': φ(X·U + b1), 'Y': Y}",
      [], "순전파: cache에 활성화 전 값", "forward: pre-activation in the cache"),
            impl=({"mlp_forward": forward_preactivation_cache},)),
    e("backward_modifies_cache_in_place", "mlp_backward",
      "cache의 배열을 제자리에서 바꿨습니다: err = Y 다음 err -= T (또는 *=)는 복사가 아니라 "
      "같은 배열이므로 cache['Y'] (또는 cache['H'])가 바뀝니다. 새 배열을 만드세요: "
      "err = Y − T.",
      "the cache's arrays were changed in place: err = Y followed by err -= T (or *=) is not a "
      "copy but the same array, so cache['Y'] (or cache['H']) changes; make a new array: "
      "err = Y − T",
      [], "역전파: cache를 제자리에서 바꿈", "backward: cache changed in place",
      match=_mutated("cache"), checks=("mlp_backward_no_mutation",)),
    e("sigmoid_derivative_squared", "sigmoid_derivative",
      "φ(x)·φ(x)(또는 (1 − φ(x))²)를 계산했습니다. 1 − φ(x) = φ(−x)라는 항등식에서 −를 빠뜨린 "
      "것입니다. 미분은 φ(x)(1 − φ(x)) = φ(x)·φ(−x)입니다.",
      "you computed φ(x)·φ(x) (or (1 − φ(x))²): the identity 1 − φ(x) = φ(−x) used without "
      "its minus sign; the derivative is φ(x)(1 − φ(x)) = φ(x)·φ(−x)",
      [sigmoid_derivative_squared, sigmoid_derivative_one_minus_squared],
      "시그모이드 미분: φ(x)²", "sigmoid derivative: φ(x)²"),
    e("backward_hidden_uses_output_derivative", "mlp_backward",
      "은닉층의 델타에 출력층의 미분 Y(1 − Y)를 곱했습니다 (출력이 하나라 모양이 맞춰져 오류가 "
      "나지 않습니다). 각 층은 자기 출력의 미분을 씁니다: δ_hid = (δ_out Wᵀ)·H(1 − H).",
      "the hidden delta is multiplied by the output layer's derivative Y(1 − Y) (with one "
      "output it broadcasts without an error); each layer uses its own output's derivative: "
      "δ_hid = (δ_out Wᵀ)·H(1 − H)",
      [backward_hidden_output_derivative], "역전파: 은닉층에 출력층의 미분",
      "backprop: the output's derivative in the hidden layer"),
    e("train_losses_extra_final_entry", "train_xor",
      "마지막 갱신 뒤의 손실까지 기록해 `losses`가 epochs + 1개입니다. 독스트링대로 에포크마다 "
      "갱신 전의 손실 하나씩, 모양 (epochs,)입니다: `losses[0]`은 처음 매개변수의 손실입니다.",
      "the loss after the last update is recorded too, so losses has epochs + 1 entries; as "
      "the docstring says, one loss per epoch, before its update, shape (epochs,): losses[0] "
      "is the initial parameters' loss",
      [train_extra_final_loss], "학습: 손실 하나 더 기록", "training: one loss too many"),
    *removed_alias_entries(("sigmoid_derivative", "delta_rule_step", "init_mlp",
                            "mlp_forward", "mlp_backward", "train_xor"),
                           "backprop"),
]
