"""Known misconceptions of 02_backprop (lecture 3.6-3.7), as what each mistake computes."""
import numpy as np

import solutions.backprop as ref
from autograder.diagnoses import backprop_extra, backprop_more
from autograder.diagnoses import perceptron as p01
from autograder.diagnosis import entry_builder, float32_entries

S, E = "강의 3.6–3.7", "lecture 3.6–3.7"
XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_T = np.array([[0], [1], [1], [0]], dtype=np.float64)


def _f(x):
    return np.asarray(x, dtype=np.float64)


def sd_of_preactivation(x):
    x = _f(x)
    return x * (1.0 - x)


def sd_applied_twice(x):
    y = ref.sigmoid(ref.sigmoid(_f(x)))
    return y * (1.0 - y)


def sd_mixed(x):
    return ref.sigmoid(_f(x)) * (1.0 - _f(x))


def _delta(derivative=lambda y, s: y * (1.0 - y), sign=-1.0, bias=True):
    def delta_rule_step(w, b, x, t, lr):
        w, x = _f(w), _f(x)
        s = w @ x + b
        y = ref.sigmoid(s)
        delta = (y - t) * derivative(y, s)
        return w + sign * lr * delta * x, float(b + sign * lr * delta) if bias else float(b)
    return delta_rule_step


def init_zero_weights(n_in, n_hidden, n_out, seed):
    return {"U": np.zeros((n_in, n_hidden)), "b1": np.zeros(n_hidden),
            "W": np.zeros((n_hidden, n_out)), "b2": np.zeros(n_out)}


def init_ignores_seed(n_in, n_hidden, n_out, seed):
    return ref.init_mlp(n_in, n_hidden, n_out, 0)


def _zero_biases(U, W, n_hidden, n_out):
    return {"U": U, "b1": np.zeros(n_hidden), "W": W, "b2": np.zeros(n_out)}


def init_legacy_uniform(n_in, n_hidden, n_out, seed):
    legacy = np.random.RandomState(seed)  # the stream np.random.seed(seed) sets
    U = legacy.uniform(-1.0, 1.0, size=(n_in, n_hidden))
    return _zero_biases(U, legacy.uniform(-1.0, 1.0, size=(n_hidden, n_out)), n_hidden, n_out)


def init_legacy_randn(n_in, n_hidden, n_out, seed):
    legacy = np.random.RandomState(seed)
    U = legacy.randn(n_in, n_hidden)
    return _zero_biases(U, legacy.randn(n_hidden, n_out), n_hidden, n_out)


def init_w_before_u(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    W = rng.uniform(-1.0, 1.0, size=(n_hidden, n_out))
    return _zero_biases(rng.uniform(-1.0, 1.0, size=(n_in, n_hidden)), W, n_hidden, n_out)


def init_normal_weights(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.standard_normal((n_in, n_hidden))
    return _zero_biases(U, rng.standard_normal((n_hidden, n_out)), n_hidden, n_out)


def init_unit_interval(n_in, n_hidden, n_out, seed):
    rng = np.random.default_rng(seed)
    U = rng.random((n_in, n_hidden))
    return _zero_biases(U, rng.random((n_hidden, n_out)), n_hidden, n_out)


def forward_no_bias(X, params):
    X = _f(X)
    H = ref.sigmoid(X @ params["U"])
    Y = ref.sigmoid(H @ params["W"])
    return Y, {"X": X, "H": H, "Y": Y}


def forward_linear_output(X, params):
    X = _f(X)
    H = ref.sigmoid(X @ params["U"] + params["b1"])
    Y = H @ params["W"] + params["b2"]
    return Y, {"X": X, "H": H, "Y": Y}


def _backward(scale=True, out_derivative=lambda Y: Y * (1.0 - Y),
              hid_derivative=lambda H: H * (1.0 - H), b1=True):
    def mlp_backward(X, T, params, cache):
        X, T = _f(X), _f(T)
        H, Y = cache["H"], cache["Y"]
        delta_out = (Y - T) * out_derivative(Y) / (X.shape[0] if scale else 1.0)
        delta_hid = (delta_out @ params["W"].T) * hid_derivative(H)
        return {"U": X.T @ delta_hid,
                "b1": delta_hid.sum(axis=0) if b1 else np.zeros_like(params["b1"]),
                "W": H.T @ delta_out, "b2": delta_out.sum(axis=0)}
    return mlp_backward


def backward_negated(X, T, params, cache):
    grads = ref.mlp_backward(X, T, params, cache)
    return {k: -v for k, v in grads.items()}


def _twice(A):
    y = ref.sigmoid(A)
    return y * (1.0 - y)


def _train(update=("U", "b1", "W", "b2"), loss_after=False, loss_sum=False, sign=-1.0,
           backward=ref.mlp_backward):
    def train_xor(hidden=3, lr=1.0, epochs=5000, seed=0):
        params = ref.init_mlp(2, hidden, 1, seed)
        losses = np.zeros(epochs)
        for epoch in range(epochs):
            Y, cache = ref.mlp_forward(XOR_X, params)
            grads = backward(XOR_X, XOR_T, params, cache)
            params = {k: params[k] + sign * lr * grads[k] if k in update else params[k]
                      for k in params}
            if loss_after:
                Y, _ = ref.mlp_forward(XOR_X, params)
            losses[epoch] = 0.5 * np.sum((Y - XOR_T) ** 2) / (1 if loss_sum else 4)
        return params, losses
    return train_xor


def train_per_sample(hidden=3, lr=1.0, epochs=5000, seed=0):
    params = ref.init_mlp(2, hidden, 1, seed)
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        Y, _ = ref.mlp_forward(XOR_X, params)
        losses[epoch] = 0.5 * np.sum((Y - XOR_T) ** 2) / 4
        for i in range(4):
            x, t = XOR_X[i:i + 1], XOR_T[i:i + 1]
            _, cache = ref.mlp_forward(x, params)
            grads = ref.mlp_backward(x, t, params, cache)
            params = {k: params[k] - lr * grads[k] for k in params}
    return params, losses


e = entry_builder(S, E)


SIGMOID_01 = [x for x in p01.ENTRIES if x.function == "sigmoid" and not x.id.startswith("float")]

ENTRIES = [
    *SIGMOID_01,
    e("sigmoid_derivative_of_preactivation", "sigmoid_derivative",
      "x(1 − x)를 계산했습니다. 이 식은 x가 이미 시그모이드 출력일 때만 맞습니다. 이 함수는 "
      "입력 전(pre-activation) 값 x를 받으므로 y = φ(x)를 먼저 구해 y(1 − y)를 돌려주세요.",
      "you computed x(1 − x), which holds only when x is already the sigmoid's output; this "
      "function takes the pre-activation x, so compute y = φ(x) first and return y(1 − y)",
      [sd_of_preactivation], "σ′: 입력에 x(1 − x)", "σ′: x(1 − x) of the pre-activation"),
    e("sigmoid_derivative_applied_twice", "sigmoid_derivative",
      "시그모이드를 두 번 적용했습니다 (φ(φ(x))(1 − φ(φ(x)))). φ′(x) = φ(x)(1 − φ(x))이며 "
      "φ는 한 번만 적용합니다.",
      "you applied the sigmoid twice (φ(φ(x))(1 − φ(φ(x)))); φ′(x) = φ(x)(1 − φ(x)) "
      "applies φ once",
      [sd_applied_twice], "σ′: 시그모이드 두 번", "σ′: sigmoid applied twice"),
    e("sigmoid_derivative_mixed", "sigmoid_derivative",
      "φ(x)(1 − x)로 두 인자 중 하나에만 φ를 적용했습니다. φ′(x) = φ(x)(1 − φ(x))입니다.",
      "φ(x)(1 − x) applies φ to one factor only; φ′(x) = φ(x)(1 − φ(x))",
      [sd_mixed], "σ′: φ(x)(1 − x)", "σ′: φ(x)(1 − x)"),
    e("delta_no_derivative", "delta_rule_step",
      "δ = y − t로 활성화 함수의 미분 φ′(s) = y(1 − y)를 빠뜨렸습니다. "
      "δ = (y − t)·y(1 − y)입니다.",
      "δ = y − t leaves out the activation's derivative φ′(s) = y(1 − y); "
      "δ = (y − t)·y(1 − y)",
      [_delta(derivative=lambda y, s: 1.0)], "델타 규칙: φ′ 빠짐", "delta rule: φ′ missing"),
    e("delta_derivative_of_preactivation", "delta_rule_step",
      "미분을 s(1 − s)로 입력 전 값에 적용했습니다. 출력 y = φ(s)로 y(1 − y)를 쓰세요.",
      "the derivative was applied to the pre-activation, s(1 − s); use the output y = φ(s): "
      "y(1 − y)",
      [_delta(derivative=lambda y, s: s * (1.0 - s))], "델타 규칙: s(1 − s)",
      "delta rule: s(1 − s)"),
    e("delta_sign", "delta_rule_step",
      "갱신이 오차가 커지는 쪽으로 갔습니다: δ를 (t − y)로 계산하고 빼거나, (y − t)로 "
      "계산하고 더하면 부호가 한 번만 바뀝니다. δ = (y − t)·y(1 − y)이고 "
      "w ← w − η·δ·x, b ← b − η·δ입니다.",
      "the update moves uphill: δ computed from (t − y) and subtracted, or from (y − t) and "
      "added, flips the sign once; δ = (y − t)·y(1 − y), w ← w − η·δ·x, b ← b − η·δ",
      [_delta(sign=1.0)], "델타 규칙: 부호", "delta rule: sign"),
    e("delta_no_bias_update", "delta_rule_step",
      "편향 b를 갱신하지 않았습니다. b ← b − η·δ도 하세요.",
      "the bias b is not updated; also do b ← b − η·δ",
      [_delta(bias=False)], "델타 규칙: 편향 갱신 없음", "delta rule: bias not updated"),
    e("init_zero_weights", "init_mlp",
      "가중치를 모두 0으로 두었습니다. 그러면 은닉 뉴런들이 모두 같은 값을 내고 같은 기울기를 "
      "받아 끝까지 똑같이 움직입니다(대칭). U, W는 U(−1, 1)에서 무작위로 뽑고 편향만 0으로 "
      "둡니다.",
      "all weights are zero, so every hidden neuron computes the same value, gets the same "
      "gradient and stays identical (symmetry); draw U and W from U(−1, 1) and set only the "
      "biases to zero",
      [init_zero_weights], "초기화: 가중치 0", "init: zero weights"),
    e("init_ignores_seed", "init_mlp",
      "seed 인자를 무시하고 고정된 시드를 썼습니다. np.random.default_rng(seed)로 인자를 "
      "사용하세요.",
      "you ignored the seed argument and used a fixed one; use np.random.default_rng(seed)",
      [init_ignores_seed], "초기화: seed 무시", "init: seed ignored"),
    e("init_legacy_global_seed", "init_mlp",
      "np.random.seed(seed)와 np.random.uniform / np.random.randn (예전 전역 난수 API)로 "
      "뽑았습니다. 같은 seed라도 이 생성기는 np.random.default_rng(seed)와 다른 수열을 "
      "내므로 값이 독스트링의 난수와 다릅니다. rng = np.random.default_rng(seed)를 만들고 "
      "rng.uniform(-1, 1, size)로 U, 그다음 W를 뽑으세요.",
      "you drew with np.random.seed(seed) and np.random.uniform / np.random.randn (the legacy "
      "global generator); for the same seed it gives another stream than "
      "np.random.default_rng(seed), so the values differ from the docstring's draws; create "
      "rng = np.random.default_rng(seed) and draw U, then W, with rng.uniform(-1, 1, size)",
      [init_legacy_uniform, init_legacy_randn], "초기화: 예전 전역 난수 API",
      "init: legacy global np.random"),
    e("init_w_before_u", "init_mlp",
      "W를 U보다 먼저 뽑았습니다. 같은 rng에서 뽑는 순서가 바뀌면 두 행렬의 값이 모두 "
      "달라집니다. 독스트링대로 U를 먼저, 그다음 W를 뽑으세요.",
      "you drew W before U; from one rng the order decides which numbers each matrix gets; "
      "draw U first, then W, as the docstring says",
      [init_w_before_u], "초기화: W를 먼저 뽑음", "init: W drawn before U"),
    e("init_normal_weights", "init_mlp",
      "가중치를 정규분포 N(0, 1)에서 뽑았습니다. 독스트링의 초기화는 균등분포 U(−1, 1)입니다: "
      "rng.uniform(-1, 1, size).",
      "you drew the weights from a normal N(0, 1); the docstring's initialization is uniform "
      "on [−1, 1): rng.uniform(-1, 1, size)",
      [init_normal_weights], "초기화: 정규분포", "init: normal instead of uniform"),
    e("init_unit_interval", "init_mlp",
      "rng.random()으로 [0, 1) 구간에서 뽑아 가중치가 모두 양수입니다. 독스트링의 구간은 "
      "[−1, 1)입니다: rng.uniform(-1, 1, size) 또는 2·rng.random(size) − 1.",
      "rng.random() draws from [0, 1), so every weight is positive; the docstring's interval "
      "is [−1, 1): rng.uniform(-1, 1, size) or 2·rng.random(size) − 1",
      [init_unit_interval], "초기화: [0, 1) 구간", "init: [0, 1) instead of [−1, 1)"),
    e("forward_no_bias", "mlp_forward",
      "편향 b1, b2를 더하지 않았습니다. H = φ(XU + b1), Y = φ(HW + b2)입니다.",
      "the biases b1, b2 are not added; H = φ(XU + b1), Y = φ(HW + b2)",
      [forward_no_bias], "순전파: 편향 없음", "forward: no bias"),
    e("forward_linear_output", "mlp_forward",
      "출력층에 시그모이드를 적용하지 않았습니다. Y = φ(HW + b2)입니다.",
      "the output layer has no sigmoid; Y = φ(HW + b2)",
      [forward_linear_output], "순전파: 출력층 선형", "forward: linear output"),
    e("backward_sum_not_mean", "mlp_backward",
      "기울기를 샘플에 대해 더하기만 하고 m으로 나누지 않았습니다. 손실이 평균이므로 "
      "δ_out = (Y − T)·Y(1 − Y) / m입니다.",
      "the gradients are summed over the samples, not averaged; the loss is a mean, so "
      "δ_out = (Y − T)·Y(1 − Y) / m",
      [_backward(scale=False)], "역전파: 평균 대신 합", "backprop: sum instead of mean"),
    e("backward_derivative_applied_twice", "mlp_backward",
      "이미 시그모이드 출력인 Y, H에 sigmoid_derivative를 적용해 φ를 두 번 적용했습니다. "
      "출력에서는 Y(1 − Y), H(1 − H)를 그대로 쓰세요.",
      "you applied sigmoid_derivative to Y and H, which are already sigmoid outputs, so φ "
      "was applied twice; from outputs use Y(1 − Y) and H(1 − H) directly",
      [_backward(out_derivative=_twice, hid_derivative=_twice)], "역전파: σ′ 두 번 적용",
      "backprop: σ′ applied to outputs"),
    e("backward_derivative_of_h", "mlp_backward",
      "은닉층에서 sigmoid_derivative(H)를 곱했습니다. H는 이미 시그모이드 출력 φ(XU + b1)이라 "
      "φ′(H) = φ(H)(1 − φ(H))는 φ를 두 번 적용한 값입니다. 출력 H에서는 H(1 − H)를 그대로 "
      "쓰세요: δ_hid = (δ_out Wᵀ)·H(1 − H).",
      "you multiplied by sigmoid_derivative(H) in the hidden layer; H is already the sigmoid "
      "output φ(XU + b1), so φ′(H) = φ(H)(1 − φ(H)) applies φ twice; from the output H use "
      "H(1 − H) directly: δ_hid = (δ_out Wᵀ)·H(1 − H)",
      [_backward(hid_derivative=_twice)], "역전파: 은닉층 σ′(H)",
      "backprop: σ′(H) in the hidden layer"),
    e("backward_no_derivative", "mlp_backward",
      "δ_out = Y − T로 출력층의 미분 Y(1 − Y)를 빠뜨렸습니다.",
      "δ_out = Y − T leaves out the output layer's derivative Y(1 − Y)",
      [_backward(out_derivative=lambda Y: 1.0)], "역전파: 출력층 φ′ 빠짐",
      "backprop: output φ′ missing"),
    e("backward_gradient_sign", "mlp_backward",
      "모든 기울기의 부호가 반대입니다 (오차를 T − Y로 계산). dE/dp는 Y − T에서 시작합니다: "
      "δ_out = (Y − T)·Y(1 − Y) / m. 갱신은 p ← p − η·dp입니다.",
      "every gradient has the opposite sign (the error taken as T − Y); dE/dp starts from "
      "Y − T: δ_out = (Y − T)·Y(1 − Y) / m, and the update is p ← p − η·dp",
      [backward_negated], "역전파: 기울기 부호", "backprop: gradient sign"),
    e("backward_no_b1", "mlp_backward",
      "은닉층 편향의 기울기 db1을 0으로 두었습니다. db1 = δ_hid의 행 합입니다.",
      "the hidden bias gradient db1 is left at zero; db1 = the row sum of δ_hid",
      [_backward(b1=False)], "역전파: db1 없음", "backprop: db1 missing"),
    e("train_output_layer_only", "train_xor",
      "출력층(W, b2)만 학습했습니다. 은닉층(U, b1)도 역전파한 기울기로 갱신해야 XOR을 "
      "풀 수 있습니다: 모든 p에 대해 p ← p − η·dp.",
      "only the output layer (W, b2) was trained; the hidden layer (U, b1) must be updated "
      "with its backpropagated gradients too, or XOR cannot be learned: p ← p − η·dp for "
      "every p",
      [_train(update=("W", "b2"))], "출력층만 학습", "output layer only trained"),
    e("train_loss_after_update", "train_xor",
      "손실을 갱신한 뒤에 기록했습니다. 독스트링대로 갱신 전의 손실을 기록하세요.",
      "the loss was recorded after the update; record it before, as the docstring says",
      [_train(loss_after=True)], "갱신 후 손실 기록", "loss recorded after the update"),
    e("train_loss_sum_not_mean", "train_xor",
      "손실을 샘플 평균이 아니라 합으로 기록했습니다. E = (1/m)·Σ ½(Y − T)²입니다.",
      "the loss was recorded as a sum over samples, not a mean; E = (1/m)·Σ ½(Y − T)²",
      [_train(loss_sum=True)], "손실: 평균 대신 합", "loss: sum instead of mean"),
    e("train_per_sample_updates", "train_xor",
      "샘플마다 갱신했습니다(확률적 경사 하강). 독스트링의 절차는 네 샘플 전체의 기울기로 "
      "에포크마다 한 번 갱신합니다.",
      "you updated after every sample (stochastic); the docstring's procedure makes one "
      "full-batch update per epoch",
      [train_per_sample], "샘플별 갱신", "per-sample updates"),
    e("train_gradient_ascent", "train_xor",
      "p ← p + η·dp로 기울기 방향으로 갔습니다. p ← p − η·dp입니다.",
      "p ← p + η·dp moves along the gradient; the update is p ← p − η·dp",
      [_train(sign=1.0)], "학습: 부호 반대", "training: gradient ascent"),
    *backprop_extra.ENTRIES,
    *backprop_more.ENTRIES,
    *float32_entries(("sigmoid", "sigmoid_derivative", "delta_rule_step", "mlp_forward", "mlp_backward",
                      "train_xor"), prefix="bp_"),
]
