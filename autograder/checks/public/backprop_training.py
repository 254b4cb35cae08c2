"""02_backprop: train_xor judged by its procedure, not only by its outcome (parent side).

The docstring fixes the procedure: start from init_mlp(2, hidden, 1, seed); every epoch forward,
record the loss E = mean over samples of 1/2 (Y - T)^2 BEFORE the update, backward, then
p <- p - lr * dp (full batch). The probe returns, raw, the student's own init_mlp(2, hidden, 1,
seed) and the student's train_xor(hidden, lr, epochs, seed); the parent replays the documented
procedure FROM THAT INIT and compares every loss and the final params. So a hard-coded result,
a fabricated loss curve, the loss recorded after the update, per-sample updates or another
start fail, and a correct alternative initialiser (judged by its own init_mlp checks) is not
punished twice.

Gradients of the replay: the public check ships without the reference, so it differentiates
the docstring's loss by the complex-step method (dE/dp = Im E(p + i h e_p) / h, exact to machine
precision, no backward formula revealed); the hidden check uses the reference's mlp_backward
(`autograder/checks/hidden/backprop.py`). Both are compared with the reference train_xor in
tests/checks/test_backprop.py.
"""
import functools

import numpy as np

from autograder.checks.observed import malformed, raised_outcome, records
from autograder.compare import PASS, Outcome, all_of, fail

KEYS = ("U", "b1", "W", "b2")
X_XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
T_XOR = np.array([[0], [1], [1], [0]], dtype=np.float64)

# Tolerance of the trajectory comparison (every loss relative to its value; final params
# relative to max(1, |p|)), and the ranges the hidden check draws from. Where training escapes a
# saddle, ulp-level differences between correct implementations are amplified enormously (seen:
# 7.3e-6 at hidden=8, lr=8, seed=1 around epoch 200; 4.5e-2 for a tanh-sigmoid/Xavier-init
# implementation over 150 draws of lr <= 8 and up to 1000 epochs; 8.2e-11 within 100 epochs at
# lr = 7), so lr and epochs are bounded where no amplification was measured: with lr in
# [0.5, 4] and 100 epochs, or lr in [0.5, 2] and 200 epochs (300 draws each, hidden in [2, 8],
# six correct implementations: loops with math.exp, per-sample accumulation, tanh + einsum +
# Xavier init, N(0, 1) init, DLfS-style layers, the complex-step replay), every loss and param
# agreed within 1.5e-15. 1e-9 leaves a margin > 10^5, while every wrong procedure (loss after
# the update, per-sample updates, another start, lr sign, a sum for the mean) differs by
# >= 8e-5 within the first 20 epochs (150 draws).
TRAJ_RTOL = 1e-9
TRAJ_ATOL = 1e-12
LR_RANGE = (0.5, 4.0)       # drawn as k / 8
EPOCHS_RANGE = (20, 100)
HIDDEN_RANGE = (2, 8)
COMPLEX_STEP = 1e-30


def _sigmoid(z):
    """Stable for real and complex z: exp never sees a positive real part."""
    sign = np.where(np.real(z) >= 0, 1.0, -1.0)
    e = np.exp(-sign * z)
    return np.where(sign > 0, 1.0 / (1.0 + e), e / (1.0 + e))


def loss(params, X=X_XOR, T=T_XOR):
    """The docstring's E = (1/m) sum_samples 1/2 sum_outputs (Y - T)^2 (real)."""
    H = _sigmoid(X @ params["U"] + params["b1"])
    Y = _sigmoid(H @ params["W"] + params["b2"])
    return 0.5 * float(np.sum((Y - T) ** 2)) / X.shape[0]


def complex_step_gradient(params, X=X_XOR, T=T_XOR):
    """(E, {key: dE/dkey}) by the complex-step method, all parameters in one batched pass."""
    sizes = [params[k].size for k in KEYS]
    theta = np.concatenate([params[k].ravel() for k in KEYS])
    batch = theta[None, :] + 1j * COMPLEX_STEP * np.eye(theta.size)
    parts, start = {}, 0
    for k, n in zip(KEYS, sizes):
        parts[k] = batch[:, start:start + n].reshape((theta.size,) + params[k].shape)
        start += n
    H = _sigmoid(np.einsum("mi,pih->pmh", X, parts["U"]) + parts["b1"][:, None, :])
    Y = _sigmoid(np.einsum("pmh,pho->pmo", H, parts["W"]) + parts["b2"][:, None, :])
    E = 0.5 * np.sum((Y - T[None]) ** 2, axis=(1, 2)) / X.shape[0]
    flat = np.imag(E) / COMPLEX_STEP
    grads, start = {}, 0
    for k, n in zip(KEYS, sizes):
        grads[k] = flat[start:start + n].reshape(params[k].shape)
        start += n
    return loss(params, X, T), grads


def replay(init, lr, epochs, gradient=complex_step_gradient):
    """The documented procedure from `init`: (final params, losses before each update).

    A pure function of its inputs, and the costliest step of grading 02 (a failing train_xor
    replays the same start once for the student and once per catalog mistake it is compared
    with): replays are remembered by value (the float64 bytes of the start, lr, epochs), and each
    caller gets its own copies."""
    start = tuple((k, np.asarray(init[k], dtype=np.float64)) for k in KEYS)
    frozen = tuple((k, a.shape, a.tobytes()) for k, a in start)
    params, losses = _replay_frozen(frozen, float(lr), int(epochs), gradient)
    return {k: v.copy() for k, v in params.items()}, losses.copy()


@functools.lru_cache(maxsize=128)  # a start is 4 small arrays: the cache stays under ~1 MB
def _replay_frozen(frozen, lr, epochs, gradient):
    params = {k: np.frombuffer(b, dtype=np.float64).reshape(shape).copy()
              for k, shape, b in frozen}
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        losses[epoch], grads = gradient(params)
        params = {k: params[k] - lr * grads[k] for k in KEYS}
    return params, losses


def _params_problem(params, hidden, what):
    """None when `params` is a dict holding U, b1, W, b2 of the 2-hidden-1 shapes as finite real
    arrays (extra keys are the student's business), else the failure."""
    shapes = {"U": (2, hidden), "b1": (hidden,), "W": (hidden, 1), "b2": (1,)}
    if not isinstance(params, dict):
        return fail("value.type", what=what, expected="dict", actual=type(params).__name__)
    for k in KEYS:
        a = params.get(k)
        if type(a) is not np.ndarray or a.dtype.kind not in "biuf":
            return fail("value.type", what=f"{what}[{k!r}]", expected="numpy.ndarray",
                        actual=type(a).__name__)
        if a.shape != shapes[k]:
            return fail("value.shape", what=f"{what}[{k!r}]", actual=a.shape,
                        expected=shapes[k])
        if not np.all(np.isfinite(a)):
            return fail("value.not_finite", what=f"{what}[{k!r}]", index="", actual="inf/nan",
                        expected="finite values")
    return None


def _losses(value, epochs, what):
    """The returned losses as a float64 vector (an array or a list of numbers), or a failure."""
    if isinstance(value, (list, tuple)):
        items = []
        for v in value:
            if type(v) is np.ndarray and v.size == 1 and v.dtype.kind in "biuf":
                v = v.reshape(())[()]
            if isinstance(v, (bool, np.bool_)) or not isinstance(
                    v, (int, float, np.integer, np.floating)):
                return fail("value.type", what=what, expected="float64 array",
                            actual=f"list holding {type(v).__name__}")
            items.append(float(v))
        value = np.array(items, dtype=np.float64)
    if type(value) is not np.ndarray or value.dtype.kind not in "biuf":
        return fail("value.type", what=what, expected="float64 array",
                    actual=type(value).__name__)
    if value.shape != (epochs,):
        return fail("value.shape", what=what, actual=value.shape, expected=(epochs,))
    return value.astype(np.float64)


def _first_difference(actual, expected, rtol, atol):
    close = np.isclose(actual, expected, rtol=rtol, atol=atol)
    return None if close.all() else int(np.argmin(close))


def judge_run(init_raw, train_raw, settings, what, gradient):
    """One run: the student's init record, train_xor record, settings (hidden, lr, epochs, seed)."""
    hidden, lr, epochs, seed = (settings[k] for k in ("hidden", "lr", "epochs", "seed"))
    init_what = f"init_mlp(2, {hidden}, 1, seed={seed}) [→ train_xor]"
    if init_raw.raised is not None:
        return raised_outcome(init_raw, init_what)
    problem = _params_problem(init_raw.returned, hidden, init_what)
    if problem is not None:
        return problem
    if train_raw.raised is not None:
        return raised_outcome(train_raw, what)
    result = train_raw.returned
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        return fail("value.length", what=what, expected=2,
                    actual=len(result) if isinstance(result, (tuple, list)) else 1)
    problem = _params_problem(result[0], hidden, f"{what}[0] (params)")
    if problem is not None:
        return problem
    losses = _losses(result[1], epochs, f"{what}[1] (losses)")
    if isinstance(losses, Outcome):
        return losses
    with np.errstate(all="ignore"):
        params, want = replay(init_raw.returned, lr, epochs, gradient)
    at = _first_difference(losses, want, TRAJ_RTOL, TRAJ_ATOL)
    if at is not None:
        if epochs > 1 and _first_difference(losses[:-1], want[1:], TRAJ_RTOL, TRAJ_ATOL) is None:
            return fail("backprop.loss_after_update", what=what)
        if np.all(losses == losses[0]) or all(
                np.array_equal(result[0][k], init_raw.returned[k]) for k in KEYS):
            return fail("backprop.no_training", what=what)
        return fail("backprop.trajectory", what=what, epoch=at, actual=f"{losses[at]:.10g}",
                    expected=f"{want[at]:.10g}", seed=seed, hidden=hidden, rtol=TRAJ_RTOL)
    for k in KEYS:
        got = result[0][k].astype(np.float64)
        scale = max(1.0, float(np.max(np.abs(params[k]))))
        if not np.allclose(got, params[k], rtol=TRAJ_RTOL, atol=TRAJ_RTOL * scale):
            index = tuple(int(i) for i in np.argwhere(
                ~np.isclose(got, params[k], rtol=TRAJ_RTOL, atol=TRAJ_RTOL * scale))[0])
            return fail("backprop.final_params", what=what, key=k, index=list(index),
                        actual=f"{got[index]:.10g}", expected=f"{params[k][index]:.10g}")
    return PASS


def trajectory_calls(settings):
    """The probe's calls for one run: the student's init, then the student's train_xor."""
    return [{"func": "init_mlp", "args": [2, settings["hidden"], 1, settings["seed"]]},
            {"func": "train_xor", "kwargs": dict(settings)}]


def label(settings):
    return "train_xor(hidden={hidden}, lr={lr}, epochs={epochs}, seed={seed})".format(**settings)


def trajectory_compare(runs, gradient=complex_step_gradient):
    """compare for probe common.observe_each over the calls of every run in `runs` (a list of
    settings dicts, or None: read them from the reference's records, hidden checks)."""
    def compare(actual, expected):
        sent = runs if runs is not None else _settings_from(expected, len(expected) // 2)
        if sent is None:
            return malformed("train_xor", "reference records")
        calls = [c for s in sent for c in trajectory_calls(s)]
        recs = records(actual, calls, "train_xor(...)")
        if isinstance(recs, Outcome):
            return recs
        return all_of([judge_run(recs[2 * i], recs[2 * i + 1], s, label(s), gradient)
                       for i, s in enumerate(sent)], len(sent))
    return compare


def _settings_from(expected, n):
    try:
        return [dict(expected[2 * i + 1]["kwargs_after"]) for i in range(n)]
    except (TypeError, KeyError, IndexError):
        return None


MESSAGES = {
    "backprop.trajectory": {
        "ko": "{what}: 반환한 losses[{epoch}] = {actual}인데, 여러분의 init_mlp(2, {hidden}, 1, "
              "seed={seed})에서 시작해 문서의 절차(전체 배치로 순전파 → 갱신 전 손실 기록 → "
              "역전파 → p ← p - lr·dp)를 따르면 {expected}입니다 (허용 상대오차 {rtol}). "
              "train_xor가 init_mlp로 초기화하고 이 순서대로 학습하는지 확인하세요.",
        "en": "{what}: returned losses[{epoch}] = {actual}, but the documented procedure from "
              "your own init_mlp(2, {hidden}, 1, seed={seed}) (full batch: forward, record the "
              "loss before the update, backward, p <- p - lr * dp) gives {expected} (rtol "
              "{rtol}); check that train_xor starts from init_mlp and follows these steps"},
    "backprop.loss_after_update": {
        "ko": "{what}: 손실이 한 epoch씩 밀려 있습니다. 손실을 갱신 뒤에 기록했습니다. 각 epoch의 "
              "손실은 갱신 전(순전파 직후)에 기록하세요.",
        "en": "{what}: the losses are shifted by one epoch: they were recorded after the "
              "update; record each epoch's loss before the update (right after the forward "
              "pass)"},
    "backprop.no_training": {
        "ko": "{what}: 파라미터나 손실이 학습 중에 변하지 않았습니다. 매 epoch마다 "
              "p ← p - lr·dp로 갱신하세요.",
        "en": "{what}: the params or the losses did not change during training; update every "
              "parameter each epoch with p <- p - lr * dp"},
    "backprop.final_params": {
        "ko": "{what}: 손실은 맞지만 반환한 params[{key!r}]{index} = {actual}이(가) 문서의 절차로 "
              "얻는 {expected}와(과) 다릅니다. 마지막 갱신까지 한 params를 반환하세요.",
        "en": "{what}: the losses are right, but the returned params[{key!r}]{index} = {actual} "
              "differs from {expected}, what the documented procedure gives; return the params "
              "after the last update"},
}
