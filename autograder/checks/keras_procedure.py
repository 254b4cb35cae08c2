"""Verdicts on how a model was trained (05, 06, 07): the weights the child returns against the
documented procedure replayed here in numpy (keras_replay) from the start and data the grader
chose. Nothing the child reports (History, optimizer class, rate or update count) earns or costs a
point; those facts only pick which explanation a failure message gives.

Probe: keras_models.train_trials. The grader sends trials {"x", "y", "init"} (built by
`regression_trials` / `mnist_trials`: one sample repeated n times, n = 40 and 70, or 70 alone
where one trial is enough: ONE_TRIAL) and, for the
outcome checks, data of its own; the probe returns, per trial, the model view after training.
"""
from dataclasses import dataclass

import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_fit as kf
from autograder.checks import keras_replay as kr
from autograder.checks import keras_views as kv
from autograder.compare import PASS, Outcome, all_of, fail

MESSAGES = {
    "keras.diverged": {
        "ko": "{what}: 학습 중 손실이 발산했습니다 (학습률 {lr}에서 손실이 줄지 않고 커지거나 가중치가 "
              "nan/inf가 되었습니다). 학습률과 출력 층의 활성화 함수를 확인하세요.",
        "en": "{what}: the loss diverged at lr {lr} (it grew instead of falling, or the weights "
              "became nan/inf); check the learning rate and the output activation"},
    "keras.procedure.not_trained": {
        "ko": "{what}: 학습 후에도 가중치가 채점기가 준 초기 가중치 그대로입니다. 인자로 받은 모델에 "
              "model.fit(...)을 호출하세요.",
        "en": "{what}: after training the weights are still the grader's initial weights; call "
              "model.fit(...) on the model passed in"},
    "keras.procedure.same_weights": {
        "ko": "{what}: 초기 가중치와 데이터가 다른 두 시도에서 같은 가중치를 돌려받았습니다. 저장된 "
              "가중치를 불러오거나 고정하지 말고 인자로 받은 데이터로 학습하세요.",
        "en": "{what}: two trials with different initial weights and data returned the same "
              "weights; do not load or fix weights, train on the data passed in"},
    "keras.procedure.epochs": {
        "ko": "{what}: 가중치가 {procedure}을(를) {found} 에폭 학습한 결과와 같습니다. {expected} "
              "에폭을 학습하세요 (epochs={expected}).",
        "en": "{what}: the weights are those of {found} epochs of {procedure}; train "
              "{expected} epochs (epochs={expected})"},
    "keras.procedure.batch": {
        "ko": "{what}: 에폭당 갱신 횟수({per})로 보아 batch_size가 {sizes}입니다. 기본값 32로 "
              "학습하세요 (batch_size를 바꾸지 마세요).",
        "en": "{what}: the updates per epoch ({per}) suggest batch_size {sizes}; use the default "
              "32 (do not change batch_size)"},
    "keras.procedure.steps": {
        "ko": "{what}: 가중치가 {procedure}의 {found}번 갱신 결과와 같습니다. 에폭 {epochs} × 에폭당 "
              "{per}번 = {expected}번 갱신이어야 합니다.",
        "en": "{what}: the weights are those of {found} updates of {procedure}; {epochs} epochs "
              "x {per} updates = {expected} were expected"},
    "keras.procedure.as_if": {
        "ko": "{what}: 가중치가 {actual}(으)로 학습한 결과와 같습니다. {expected}(으)로 학습하세요.",
        "en": "{what}: trained as if with {actual}; train with {expected}"},
    "keras.procedure.other_data": {
        "ko": "{what}: 인자로 받은 데이터가 아닌 다른 데이터(예: 테스트 세트)로 학습했습니다: 주어진 "
              "모든 샘플에서 0인 입력 {zeros}개 중 {moved}개의 첫 층 가중치가 바뀌었습니다. 인자로 받은 "
              "x, y로만 학습하세요.",
        "en": "{what}: trained on data it was not given (e.g. the test set): the first-layer "
              "weights of {moved} of the {zeros} inputs that are 0 in every sample given "
              "changed; train only on the x, y passed in"},
    "keras.procedure.other_steps": {
        "ko": "{what}: 학습 후 가중치가 문서의 절차와 다르고, History는 에폭당 {steps} 스텝이라고 "
              "합니다. 주어진 샘플 {n}개로는 어떤 batch_size로도 나올 수 없는 수입니다. 인자로 받은 "
              "데이터로만 학습하세요.",
        "en": "{what}: the trained weights differ from the documented procedure and the History "
              "reports {steps} steps per epoch, which no batch size gives on the {n} samples "
              "given; train only on the data passed in"},
    "keras.procedure.mismatch": {
        "ko": "{what}: 학습 후 가중치가 채점기가 같은 초기 가중치와 데이터로 재현한 {procedure}의 "
              "결과와 다릅니다 (시도 {trial}: 갱신량의 {dist:.3g}배 차이, 허용 {tol:g}). 인자로 받은 "
              "모델을 인자로 받은 데이터로 문서대로 학습하세요.",
        "en": "{what}: the trained weights differ from {procedure} replayed by the grader from "
              "the same initial weights and data (trial {trial}: off by {dist:.3g} of the "
              "update, tolerance {tol:g}); train the model passed in on the data passed in, as "
              "documented"},
}

TRIAL_SIZES = (40, 70)  # 2 and 3 updates per epoch at the default batch 32, 1 and 1 at 128
# One trial of 70 where the grader calls fit itself (the compile checks: the epochs and the batch
# size are the grader's) or the contract fixes the epochs (07's fit_tanh_model: 100). It catches
# every wrong epoch count and every batch size the two trials catch: batch sizes 24-34 give 3
# updates on 70 samples (undetectable), and every size 40 alone would catch (not 20-39) 70 catches
# too. The second trial only told apart a wrong epoch count combined with a wrong batch size that
# together give 300 updates (e.g. 150 epochs at batch 48). Each trial is a fit call of its own
# (a new model: a new trace; 07: 100 Keras epochs, ~2 CPU s).
ONE_TRIAL = (70,)
MAX_SEARCH = 3          # update counts searched for a diagnosis: up to 3x the expected


@dataclass(frozen=True)
class Procedure:
    optimizer: str          # "SGD" or "Adam"
    learning_rate: float
    loss: str               # "mse", "mae" or "sparse_categorical_crossentropy"
    epochs: int
    acts: tuple = None      # activations per Dense layer; None: the trained model's own
    batch_size: int = 32

    def show(self):
        return f"{self.optimizer}(learning_rate={self.learning_rate:g}) + {self.loss}"

    def steps(self, n):
        return self.epochs * kr.updates_per_epoch(n, self.batch_size)


# -- the grader's trials ---------------------------------------------------------------------------
def regression_trials(rng, widths, center, beyond, sizes=TRIAL_SIZES):
    """One trial per size: x uniform in [0, 1]; y = center ± uniform(*beyond), above in the first
    trial and below in the second, outside the output activation's range so that training never
    converges and every update shows; init Glorot (drawn seed)."""
    if len(sizes) > 2:
        raise ValueError(f"sizes: at most two trials (one above, one below), got {sizes}")
    out = []
    for sign, n in zip((1.0, -1.0), sizes):
        y = center + sign * float(rng.uniform(*beyond))
        x, y = kr.repeated(np.array([round(float(rng.uniform(0.0, 1.0)), 6)]), round(y, 6), n)
        out.append({"x": x, "y": y, "init": kv.glorot_init(widths, int(rng.integers(2**31)))})
    return out


def mnist_trials(rng, widths, sizes=TRIAL_SIZES):
    """One trial per size on a drawn 28x28 image (pixels uniform in [0, 1] on a drawn fifth of
    the pixels, zero elsewhere, float32: data no MNIST split contains) and a drawn label."""
    out = []
    for n in sizes:
        image = rng.uniform(0.0, 1.0, (28, 28)) * (rng.uniform(0.0, 1.0, (28, 28)) < 0.2)
        xs, ys = kr.repeated(image.astype(np.float32), int(rng.integers(10)), n)
        out.append({"x": xs, "y": ys.astype(np.uint8),
                    "init": kv.glorot_init(widths, int(rng.integers(2**31)))})
    return out


# -- reading the probe's record --------------------------------------------------------------------
def read_trials(raw, what, count, shape=None):
    """train_trials output → (before Model, [(init_applied, after Model, History or None)]) or an
    Outcome (not a model, not built, malformed). A History that does not read is None: it only
    shapes messages."""
    if type(raw) is not dict or set(raw) != {"before", "trials"} or type(raw["trials"]) is not list:
        return kv.malformed(what, "training record")
    before = kv.read_model(raw["before"], what)
    if isinstance(before, Outcome):
        return before
    if not before.built:
        return fail("keras.not_built", what=what, shape=shape)
    if not raw["trials"] and before.compile is None:
        return fail("keras.not_compiled", what=what)
    if len(raw["trials"]) != count:
        return kv.malformed(what, "training record")
    out = []
    for item in raw["trials"]:
        if type(item) is not dict or set(item) != {"init_applied", "start", "after", "history"} \
                or type(item["init_applied"]) is not bool or not _arrays(item["start"]):
            return kv.malformed(what, "training record")
        after = kv.read_model(item["after"], what)
        if isinstance(after, Outcome):
            return after
        history = kv.read_history(item["history"], what)
        out.append(Trial(item["init_applied"], tuple(item["start"]), after,
                         None if isinstance(history, Outcome) else history))
    return before, out


@dataclass(frozen=True)
class Trial:
    applied: bool       # the grader's initial weights were set (the model has their shapes)
    start: tuple        # the weights before the call, as reported (used only when not applied)
    after: object       # kv.Model after training
    history: object     # kv.History or None: shapes messages only


def _arrays(value):
    return type(value) is list and len(value) <= 2 * kv.MAX_LAYERS and all(
        type(w) is np.ndarray and w.dtype.kind == "f" and w.size <= kv.MAX_PARAMS for w in value)


def reported_rate(model, default):
    opt = model.compile["optimizer"] if model.compile else None
    rate = opt["learning_rate"] if opt else None
    return f"{rate:g}" if rate is not None else f"{default:g}"


def _dense_acts(plan):
    """Activations per Dense layer of a layer plan (a separate activation layer folded into the
    linear Dense before it); None when the plan has no bias somewhere or a stray activation."""
    acts = []
    for step in plan[1:]:
        if step[0] == "dense":
            if not isinstance(step[2], np.ndarray):
                return None
            acts.append(step[3] or "linear")
        elif step[0] == "act":
            if not acts or acts[-1] != "linear":
                return None
            acts[-1] = step[1]
    return tuple(acts)


def _finite(model):
    return all(np.all(np.isfinite(w)) for w in model.weights)


# -- the verdict -----------------------------------------------------------------------------------
def replay_outcome(trials, sent, proc, what, other_data=None):
    """Every trial's returned weights are the documented procedure's from the grader's start
    (kr.REL_TOL); otherwise the failure says what differs when the weights tell (epochs, batch
    size, as if another optimizer/rate/loss, no training, the same weights everywhere, other
    data), else a plain mismatch."""
    read = _prepared(trials, sent, proc, what)
    if isinstance(read, Outcome):
        return read
    acts, runs = read
    if _worst(runs)[1] <= kr.REL_TOL:
        return PASS
    return _diagnose(trials, sent, proc, acts, runs, what, other_data)


def _worst(runs):
    """(trial number, distance) of the trial furthest from the documented procedure."""
    worst = (1, 0.0)
    for i, (got, init, path, want) in enumerate(runs):
        dist = kr.distance(got, path[want], init)
        if dist > worst[1]:
            worst = (i + 1, dist)
    return worst


def _prepared(trials, sent, proc, what):
    """(activations, [(weights, init, trajectory, expected steps)]) or an Outcome."""
    runs, acts = [], proc.acts
    for tr, trial in zip(trials, sent):
        after = tr.after
        if not _finite(after):
            return fail("keras.diverged", what=what, lr=reported_rate(after, proc.learning_rate))
        if acts is None:
            plan, why = kv.layer_plan(after)
            if plan is None:
                return fail(f"keras.cannot_evaluate.{why[0]}", what=what, detail=why[1])
            acts = _dense_acts(plan)
            if acts is None or any(a not in ("linear", "sigmoid", "tanh", "relu", "softmax")
                                   for a in acts):
                return fail("keras.cannot_evaluate.layer", what=what, detail="Dense")
        # The grader's start; a model of other shapes (a compile check of a network with a
        # wrong layer) is replayed from the start it reports: matching that replay still takes
        # the documented training.
        start = trial["init"] if tr.applied else tr.start
        init = [np.asarray(w, dtype=np.float64) for w in start]
        got = after.weights
        if [w.shape for w in got] != [w.shape for w in init] or proc.acts is not None \
                and not tr.applied:
            return fail("keras.cannot_evaluate.weights", what=what, detail="Dense")
        want = proc.steps(len(trial["x"]))
        path = kr.trajectory(init, acts, trial["x"][:1], np.asarray(trial["y"][:1]), proc.loss,
                             proc.optimizer, proc.learning_rate, MAX_SEARCH * want)
        if _diverging(path[0], path[want], acts, trial, proc.loss):
            return fail("keras.diverged", what=what, lr=f"{proc.learning_rate:g}")
        runs.append((got, init, path, want))
    return acts, runs


def _diverging(start, end, acts, trial, loss):
    """The documented procedure, replayed on this network, makes the loss grow: the trajectory is
    unstable, float32 rounding grows with it, and the weights cannot be compared; the fit
    diverges (a network whose output layer does not suit the rate, e.g. linear at lr 5)."""
    if loss not in ("mse", "mae"):
        return False
    x, y = trial["x"][:1], np.asarray(trial["y"][:1], dtype=np.float64).reshape(-1, 1)

    def value(w):
        out = kr._forward(w, acts, x)[-1]
        return float(np.mean((out - y) ** 2))

    final = value(end)
    return not np.isfinite(final) or final > value(start)


def _all_same(trials):
    """Two or more trials (different data, different starts) that ended on the same weights."""
    first = trials[0].after.weights
    return len(trials) > 1 and all(
        len(t.after.weights) == len(first)
        and all(np.array_equal(a, b) for a, b in zip(t.after.weights, first)) for t in trials[1:])


def _diagnose(trials, sent, proc, acts, runs, what, other_data):
    if all(kr.distance(got, init, init) == 0.0 or kr.distance(got, path[0], init) <= kr.REL_TOL
           for got, init, path, _ in runs):
        return fail("keras.procedure.not_trained", what=what)
    if _all_same(trials):
        return fail("keras.procedure.same_weights", what=what)
    if other_data is not None:
        fields = other_data(trials, sent)
        if fields:
            return fail("keras.procedure.other_data", what=what, **fields)
    found = [kr.closest_step(got, path, init) for got, init, path, _ in runs]
    if all(d <= kr.REL_TOL for _, d in found):
        return _steps_message(proc, [s for s, _ in found], [len(t["x"]) for t in sent], what)
    as_if = _as_if(trials, sent, proc, acts, runs)
    if as_if:
        return fail("keras.procedure.as_if", what=what, actual=as_if, expected=proc.show())
    fields = _history_hint(trials, sent)
    if fields:
        return fail("keras.procedure.other_steps", what=what, **fields)
    worst = _worst(runs)
    return fail("keras.procedure.mismatch", what=what, procedure=proc.show(), trial=worst[0],
                dist=worst[1], tol=kr.REL_TOL)


def _steps_message(proc, steps, sizes, what):
    """Which epochs / batch size explain the update counts found in the trials."""
    fits = [(e, b) for b in range(1, max(sizes) + 2) for e in range(1, max(steps) + 1)
            if all(s == e * kr.updates_per_epoch(n, b) for s, n in zip(steps, sizes))]
    epochs = sorted({e for e, b in fits if b == proc.batch_size})
    if epochs:
        return fail("keras.procedure.epochs", what=what, procedure=proc.show(), found=epochs[0],
                    expected=proc.epochs)
    sizes_ok = sorted(b for e, b in fits if e == proc.epochs)
    if sizes_ok:
        per = "/".join(str(s // proc.epochs) for s in steps)
        shown = f"{sizes_ok[0]}" if len(sizes_ok) == 1 else f"{sizes_ok[0]}-{sizes_ok[-1]}"
        if sizes_ok[-1] == max(sizes) + 1:
            shown = f">= {sizes_ok[0]}"
        return fail("keras.procedure.batch", what=what, per=per, sizes=shown)
    return fail("keras.procedure.steps", what=what, procedure=proc.show(),
                found="/".join(map(str, steps)), epochs=proc.epochs,
                per="/".join(str(kr.updates_per_epoch(n, proc.batch_size)) for n in sizes),
                expected="/".join(str(proc.steps(n)) for n in sizes))


def replay_loss(spec):
    """A compile view's loss → a replay loss name, or None (unsupported or from_logits)."""
    if not isinstance(spec, dict) or spec.get("from_logits"):
        return None
    return {"mean_squared_error": "mse", "mean_absolute_error": "mae",
            "sparse_categorical_crossentropy": "sparse_categorical_crossentropy"}.get(
        kc.loss_name(spec))


def candidate(model, proc):
    """The procedure the child reports its model was compiled with (its optimizer class and rate,
    its loss), when the replay supports it: a suspect to test, never a fact."""
    if model.compile is None:
        return None
    opt, loss = model.compile["optimizer"], replay_loss(model.compile["loss"])
    name = {"sgd": "SGD", "adam": "Adam"}.get(opt["class"].lower())
    if name is None or opt["learning_rate"] is None or opt["momentum"] or loss is None:
        return None
    return Procedure(name, opt["learning_rate"], loss, proc.epochs, proc.acts, proc.batch_size)


def matches_procedure(other, trials, sent, acts, runs):
    if other is None:
        return False
    for (got, init, _, _), trial in zip(runs, sent):
        want = other.steps(len(trial["x"]))
        try:
            path = kr.trajectory(init, acts, trial["x"][:1], np.asarray(trial["y"][:1]),
                                 other.loss, other.optimizer, other.learning_rate, want)
        except ValueError:
            return False
        if kr.distance(got, path[want], init) > kr.REL_TOL:
            return False
    return True


def _as_if(trials, sent, proc, acts, runs):
    other = candidate(trials[0].after, proc)
    if other is None or other == proc or not matches_procedure(other, trials, sent, acts, runs):
        return None
    return other.show()


def _history_hint(trials, sent):
    """A History reporting a number of updates per epoch that no batch size gives on the data
    given (child-reported: only a hint, after the weights failed)."""
    for tr, trial in zip(trials, sent):
        steps = tr.history.params.get("steps") if tr.history else None
        n = len(trial["x"])
        if type(steps) is int and steps not in {kr.updates_per_epoch(n, b)
                                                for b in range(1, n + 1)}:
            return {"steps": steps, "n": n}
    return None


# -- compile settings judged by what they train ----------------------------------------------------
def compile_outcome(raw, sent, proc, what, metric=None):
    """The student's compiled model trained by the grader's own model.fit on the trials: the
    optimizer part and the loss part each earn their share when the weights are the replay's with
    that part as documented (the other part taken as reported); `metric` (an Outcome) is a third
    share. Reported settings only choose which replays to try."""
    sent = sent["trials"]
    read = read_trials(raw, what, len(sent), tuple(np.shape(sent[0]["x"])[1:]))
    if isinstance(read, Outcome):
        return read
    _, trials = read
    parts = 3 if metric is not None else 2
    extra = [metric] if metric is not None else []
    prepared = _prepared(trials, sent, proc, what)
    if isinstance(prepared, Outcome):
        return all_of([prepared, prepared] + extra, parts)
    acts, runs = prepared
    if matches_procedure(proc, trials, sent, acts, runs):
        return all_of([PASS, PASS] + extra, parts)
    other = candidate(trials[0].after, proc)
    if other is not None:
        opt_ok = Procedure(proc.optimizer, proc.learning_rate, other.loss, proc.epochs, acts)
        loss_ok = Procedure(other.optimizer, other.learning_rate, proc.loss, proc.epochs, acts)
        wrong_opt = fail("keras.optimizer", what=what, actual=f"{other.optimizer}(learning_rate="
                         f"{other.learning_rate:g})", expected=f"{proc.optimizer}(learning_rate="
                         f"{proc.learning_rate:g})")
        wrong_loss = fail("keras.loss", what=what, actual=other.loss, expected=proc.loss)
        if other.loss != proc.loss and matches_procedure(opt_ok, trials, sent, acts, runs):
            return all_of([PASS, wrong_loss] + extra, parts)
        if (other.optimizer, other.learning_rate) != (proc.optimizer, proc.learning_rate) \
                and matches_procedure(loss_ok, trials, sent, acts, runs):
            return all_of([wrong_opt, PASS] + extra, parts)
    failed = _diagnose(trials, sent, proc, acts, runs, what, None)
    return all_of([failed, failed] + extra, parts)


def trial_mse(tr, X, y, max_mse, seed, what):
    """An outcome trial (the grader's own data, e.g. dataset2.csv): the MSE of the returned
    weights, computed here, is at most max_mse."""
    if not _finite(tr.after):
        return kf.diverged(tr.after, what)
    plan, why = kv.layer_plan(tr.after)
    computed = kv.mse(plan, X, y) if plan is not None else None
    if computed is None:
        return kf.cannot_evaluate(why or ("output", "1"), what)
    if computed > max_mse:
        return fail("keras.mse_high", what=what, actual=computed, target=max_mse, seed=seed)
    return PASS


def fit_outcome(raw, sent, proc, what, outcome=None, other_data=None):
    """A fit function's check: the replay trials (sent["trials"]) match the documented procedure,
    then, with `outcome` {"X", "y", "max_mse", "seed"}, the extra last trial on the grader's data
    reaches the stated MSE. other_data(trials, sent) → a description when the returned weights
    show training on data other than the trials' (e.g. `untouched_inputs`: message fields),
    else None."""
    trials = sent["trials"]
    read = read_trials(raw, what, len(trials) + (outcome is not None),
                       tuple(np.shape(trials[0]["x"])[1:]))
    if isinstance(read, Outcome):
        return read
    _, got = read
    if outcome is not None and _all_same(got):  # one set of weights for different data
        return fail("keras.procedure.same_weights", what=what)
    result = replay_outcome(got[:len(trials)], trials, proc, what, other_data)
    if not result.ok or outcome is None:
        return result
    return trial_mse(got[-1], outcome["X"], outcome["y"], outcome["max_mse"], outcome["seed"],
                     what)


def untouched_inputs(trials, sent):
    """Inputs that are zero in a trial's sample get no gradient in the first Dense layer: their
    kernel rows keep the grader's initial values under any honest training on that sample. Moved
    rows mean the function fitted data it was not given ({"moved", "zeros"}), else None."""
    for tr, trial in zip(trials, sent):
        zero = np.asarray(trial["x"][0], dtype=np.float64).reshape(-1) == 0.0
        init = np.asarray(trial["init"][0])
        got = tr.after.weights[0] if tr.after.weights else None
        if not tr.applied or got is None or got.shape != init.shape or len(got) != zero.size:
            continue
        moved = int(np.sum(np.any(got[zero] != init[zero], axis=1)))
        if moved:
            return {"moved": moved, "zeros": int(zero.sum())}
    return None
