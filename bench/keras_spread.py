"""Keras grading margins (issue 21): the float32-vs-replay error of the procedure checks, and the
spread of the outcome checks over repeated seeded runs.

    python bench/keras_spread.py --replay              # keras_replay.REL_TOL's measured margins
    python bench/keras_spread.py --spread 30 [--only 05,07,06,06q]   # outcome spread, 30 TF seeds
    python bench/keras_spread.py --grade-cpu           # CPU s to grade each Keras reference

One process, TensorFlow imported once; the training is the checks' own (the same data, initial
weights and procedure as the probes, without the sandbox). --spread runs, per outcome check, the
reference and an alternative-correct variant under TF seeds 0..N-1 (the shuffle order changes;
op determinism on) from the check's fixed initial weights, and writes the figures to
bench/keras_spread.json (appending as it goes). Costly: run once, niced.
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from autograder.sandbox.limits import TF_ENVIRONMENT  # noqa: E402  (before TensorFlow loads)

os.environ.update(TF_ENVIRONMENT)  # TensorFlow as the sandbox child runs it
OUT = ROOT / "bench" / "keras_spread.json"


def _seed(seed):
    """The probes' own set-up before a training (seeds, op determinism, no Grappler)."""
    from autograder.probes.keras_models import seed_training
    seed_training(seed)


def _dense(widths, acts, optimizer, lr, loss, flatten_shape=None):
    import keras
    head = [keras.Input(flatten_shape), keras.layers.Flatten()] if flatten_shape else \
        [keras.Input((widths[0],))]
    model = keras.Sequential(head + [keras.layers.Dense(u, activation=a)
                                     for u, a in zip(widths[1:], acts)])
    model.compile(optimizer=getattr(keras.optimizers, optimizer)(learning_rate=lr), loss=loss)
    return model


def replay_margins():
    """Distance of Keras' weights to the replay at the expected update count, and to the nearest
    wrong update count, on the checks' own public trials (and 3 drawn hidden ones)."""
    from autograder.checks import keras_replay as kr
    from autograder.checks.public import keras_regression as p05, mnist as p06, \
        tanh_practice as p07
    from autograder.checks import keras_procedure as kp
    rows = []
    cases = [
        ("07 fit_tanh", [1, 6, 4, 1], ("tanh",) * 3, p07.PROCEDURE, None,
         lambda rng: p07.trials(rng)),
        ("05 compile/fit_any_data", [1, 6, 4, 1], ("sigmoid",) * 3,
         kp.Procedure("SGD", 5.0, "mse", 3, ("sigmoid",) * 3), None,
         lambda rng: kp.regression_trials(rng, p05.WIDTHS, *p05.TARGETS)),
        ("06 train_mnist (3 epochs)", [784, 256, 10], ("relu", "softmax"),
         p06.train_procedure(3), (28, 28), lambda rng: kp.mnist_trials(rng, p06.WIDTHS)),
    ]
    for name, widths, acts, proc, shape, make in cases:
        for draw in range(4):
            rng = np.random.default_rng(2100 + draw)
            for trial in make(rng):
                _seed(draw)
                model = _dense(widths, acts, proc.optimizer, proc.learning_rate, proc.loss, shape)
                model.set_weights(trial["init"])
                model.fit(trial["x"].astype(np.float32), trial["y"], epochs=proc.epochs,
                          verbose=0)
                got = model.get_weights()
                want = proc.steps(len(trial["x"]))
                init = [np.asarray(w, np.float64) for w in trial["init"]]
                path = kr.trajectory(init, acts, trial["x"][:1], trial["y"][:1], proc.loss,
                                     proc.optimizer, proc.learning_rate, want + 1)
                rows.append({"case": name, "n": len(trial["x"]), "updates": want,
                             "float32_error": kr.distance(got, path[want], init),
                             "one_update_fewer": kr.distance(got, path[want - 1], init),
                             "one_update_more": kr.distance(got, path[want + 1], init)})
                print(rows[-1], flush=True)
    summary = {}
    for name in {r["case"] for r in rows}:
        mine = [r for r in rows if r["case"] == name]
        summary[name] = {"float32_error_max": max(r["float32_error"] for r in mine),
                         "nearest_wrong_min": min(min(r["one_update_fewer"], r["one_update_more"])
                                                  for r in mine)}
    return {"rows": rows, "summary": summary, "rel_tol": kr.REL_TOL}


# -- outcome spread --------------------------------------------------------------------------------
def _fit_05(seed, variant):
    from autograder.checks import keras_views as kv
    from autograder.checks.public import keras_regression as p05
    import solutions.keras_regression as ref
    X, y = kv.read_xy(p05.DATA)
    _seed(seed)
    model = ref.build_nonlinear_model() if variant == "reference" else _lecture_05()
    model.set_weights(kv.glorot_init(p05.WIDTHS, p05.FIT_SEED))
    # the check's fit (probes.keras_models.fit with `passes`): one epoch, the data FIT_PASSES
    # times over in order; the TF seed cannot change it (no shuffle), which the spread shows
    model.fit(np.concatenate([X] * p05.FIT_PASSES), np.concatenate([y] * p05.FIT_PASSES),
              epochs=1, shuffle=False, verbose=0)
    plan, _ = kv.layer_plan(_view(model, (1,)))
    return kv.mse(plan, X, y)


def _lecture_05():
    """The lecture's own code: Sequential without an Input, built by fit."""
    import keras
    model = keras.Sequential([keras.layers.Dense(6, activation="sigmoid"),
                              keras.layers.Dense(4, activation="sigmoid"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="mse")
    model.build((None, 1))
    return model


def _fit_07(seed, variant):
    from autograder.checks import keras_views as kv
    from autograder.checks.public import tanh_practice as p07
    X, y = kv.read_xy(p07.DATA)
    _seed(seed)
    model = _dense([1, 6, 4, 1], ["tanh"] * 3, "SGD", 0.1, "mse")
    model.set_weights(kv.glorot_init(p07.WIDTHS, p07.FIT_SEED))
    if variant == "reference":
        model.fit(X, y, epochs=100, verbose=0)
    else:  # alt_fit_options: shuffle=False, explicit batch 32, a callback
        import keras
        model.fit(X, y, epochs=100, batch_size=32, shuffle=False, verbose=0,
                  callbacks=[keras.callbacks.TerminateOnNaN()])
    plan, _ = kv.layer_plan(_view(model, (1,)))
    return kv.mse(plan, X, y)


def _fit_06(seed, variant, rows=None):
    """One seeded train_mnist from the check's initial weights → test accuracy and training
    accuracy (on the rows trained on), and the first kernel's correlation with the initial one
    (keras_fit.MIN_INIT_CORR). rows: the training rows the grader hands over (quick
    mode's subset), None = all 60,000. Variants: the reference, `alternative` (shuffle=False),
    `fit_options` (tests/corpus/06_mnist/tf_keras_functional_fit_options.py), `cheat_test_set`
    (the given rows with the test set appended, as cheat_captured_path_test_set.py trains)."""
    from autograder.checks import keras_views as kv
    from autograder.checks.public import mnist as p06
    import solutions.mnist as ref
    (xtr, ytr), (xte, yte) = kv.mnist_arrays(os.environ["NNLAB_MNIST"])
    if rows is not None:
        xtr, ytr = xtr[rows], ytr[rows]
    x = (xtr / np.float32(255.0)).astype(np.float32)
    _seed(seed)
    module = _corpus("06_mnist", "tf_keras_functional_fit_options") \
        if variant == "fit_options" else ref
    model = module.build_mnist_model()
    model.set_weights(kv.glorot_init(p06.WIDTHS, p06.TRAIN_SEED))
    if variant in ("reference", "fit_options"):
        module.train_mnist(model, x, ytr, epochs=1)
    elif variant == "cheat_test_set":
        xt = (xte / np.float32(255.0)).astype(np.float32)
        ref.train_mnist(model, np.concatenate([x, xt]), np.concatenate([ytr, yte]), epochs=1)
    else:
        model.fit(x, ytr, epochs=1, batch_size=32, shuffle=False, verbose=0)
    plan, _ = kv.layer_plan(_view(model, (28, 28)))
    init = kv.glorot_init(p06.WIDTHS, p06.TRAIN_SEED)[0].astype(np.float64).ravel()
    corr = np.corrcoef(model.get_weights()[0].astype(np.float64).ravel(), init)[0, 1]
    return {"test": kv.accuracy(plan, xte, yte), "train": kv.accuracy(plan, xtr, ytr),
            "init_corr": round(float(corr), 4)}


def _corpus(aid, name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        f"corpus_{name}", ROOT / "tests" / "corpus" / aid / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fit_06_quick(seed, variant):
    """_fit_06 on the rows quick mode hands over (autograder.checks.public.mnist.QUICK_ROWS)."""
    from autograder.checks.public import mnist as p06
    return _fit_06(seed, variant, p06.quick_rows())


def _view(model, shape):
    from autograder.checks import keras_views as kv
    from autograder.probes.keras_models import model_view
    return kv.read_model(model_view(model, shape), "bench")


OUTCOMES = {"05": _fit_05, "07": _fit_07, "06": _fit_06, "06q": _fit_06_quick}
VARIANTS = {"06q": ("reference", "fit_options", "alternative", "cheat_test_set")}


def spread(runs, only, cheat_runs=10):
    import resource
    results = json.loads(OUT.read_text()) if OUT.exists() else {}
    for aid in only:
        for variant in VARIANTS.get(aid, ("reference", "alternative")):
            key = f"{aid} {variant}"
            values = results.get(key, {}).get("values", [])
            for seed in range(len(values), cheat_runs if variant.startswith("cheat") else runs):
                started = resource.getrusage(resource.RUSAGE_SELF)
                value = OUTCOMES[aid](seed, variant)
                used = resource.getrusage(resource.RUSAGE_SELF)
                values.append({"seed": seed, "value": value,
                               "cpu_s": round(used.ru_utime + used.ru_stime
                                              - started.ru_utime - started.ru_stime, 2)})
                results[key] = {"values": values, "load": os.getloadavg()[0]}
                OUT.write_text(json.dumps(results, indent=1))
                print(key, values[-1], flush=True)
    return results


def grade_cpu(only=("05", "06", "07")):
    """CPU seconds (grader + sandbox children) to grade each Keras reference, quick mode, hidden
    checks included: what one student's 05 / 06 / 07 cost."""
    import resource
    import tempfile
    from autograder.grade import grade_file
    from autograder.loader import SubmissionFile
    from autograder.options import GradeOptions
    from tests.fixtures.build import make_submission

    out = {}
    for aid in ("05_keras_regression", "06_mnist", "07_tanh_practice"):
        if aid[:2] not in only:
            continue
        with tempfile.TemporaryDirectory() as folder:
            path = make_submission(aid, None, folder)
            before = [resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN)]
            wall = time.monotonic()
            result = grade_file(SubmissionFile(aid, path), GradeOptions(
                seed=1, include_hidden=True, mnist_path=os.environ.get("NNLAB_MNIST")))
            wall = time.monotonic() - wall
            after = [resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                     resource.RUSAGE_CHILDREN)]
        cpu = [a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before)]
        out[aid] = {"score": result.score, "grader_cpu_s": round(cpu[0], 1),
                    "children_cpu_s": round(cpu[1], 1), "wall_s": round(wall, 1),
                    "load": [round(x, 1) for x in os.getloadavg()]}
        print(aid, out[aid], flush=True)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replay", action="store_true")
    parser.add_argument("--spread", type=int, default=0)
    parser.add_argument("--only", default="05,07,06")
    parser.add_argument("--grade-cpu", action="store_true")
    args = parser.parse_args()
    if args.grade_cpu:  # the grader never imports TensorFlow: not here either
        results = json.loads(OUT.read_text()) if OUT.exists() else {}
        results.setdefault("grade_cpu", {}).setdefault(str(ROOT), {}).update(
            grade_cpu(args.only.split(",")))
        OUT.write_text(json.dumps(results, indent=1))
        return
    import tensorflow as tf
    tf.config.experimental.enable_op_determinism()
    started = time.monotonic()
    if args.replay:
        out = replay_margins()
        print(json.dumps(out["summary"], indent=1))
        results = json.loads(OUT.read_text()) if OUT.exists() else {}
        results["replay"] = out
        OUT.write_text(json.dumps(results, indent=1))
    if args.spread:
        spread(args.spread, args.only.split(","))
    print(f"{time.monotonic() - started:.0f} s wall, load {os.getloadavg()}")


if __name__ == "__main__":
    main()
