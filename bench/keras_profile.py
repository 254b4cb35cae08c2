"""Where one student's Keras grading CPU goes (issue 21 §2): each Keras check's probe call, run
in one process as the shared sandbox child runs it (TensorFlow imported once), timed in CPU
seconds of the process (all threads), and the parent's compare (numpy replays, accuracies).

    NNLAB_MNIST=/work/shared/data/mnist.npz python bench/keras_profile.py [--only 05,06,07]
        [--split]

--split also times the 05 / 07 fits' parts: one tf.function trace (a 1-epoch fit of a fresh
model) and the per-epoch cost (100 epochs − 1 epoch) / 99. Prints one line per call; writes
nothing. The probes run on the reference solutions (solutions/*), without the sandbox: the
sandbox adds its start and TensorFlow import once per student (bench/keras_floor.py).
"""
import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from autograder.sandbox.limits import TF_ENVIRONMENT  # noqa: E402  (before TensorFlow loads)

os.environ.update(TF_ENVIRONMENT)  # TensorFlow as the sandbox child runs it


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def timed(label, fn, *args, **kwargs):
    c0, w0 = cpu(), time.monotonic()
    out = fn(*args, **kwargs)
    print(f"{label:58s} {cpu() - c0:6.2f} CPU s {time.monotonic() - w0:6.2f} wall s", flush=True)
    return out


def run_checks(aid, module_pub, module_hid, ns, seed=7):
    """Every Keras check of one assignment whose probe trains: args → probe → compare. As in a
    grading with hidden checks: every check is in ctx.graded, and a call whose (probe, args,
    timeout) an earlier check already made is not made again (autograder/probe_share.py)."""
    from autograder.checks.base import Context
    from autograder.probe_share import key_of
    from autograder.probes import keras_models as km
    checks = module_pub.CHECKS + module_hid.CHECKS
    ctx = Context(rng=np.random.default_rng(seed), mnist_path=os.environ.get("NNLAB_MNIST"),
                  graded=frozenset(c.name for c in checks))
    replies = {}
    for check in checks:
        probe = check.probe.split(".")[1]
        args = check.make_args(ctx)  # every check draws, in order, as the grading does
        if probe not in ("train_trials", "fit", "mnist_train"):
            continue
        key = key_of(check.probe, args, check.timeout)
        if key in replies:
            raw = replies[key]
            print(f"{aid} {check.name}: child {probe}: the call of {raw[1]} (shared)", flush=True)
            raw = raw[0]
        else:
            raw = timed(f"{aid} {check.name}: child {probe}", getattr(km, probe), ns, **args)
            replies[key] = (raw, check.name)
        expected = check.expected(args) if callable(check.expected) else check.expected
        out = timed(f"{aid} {check.name}: parent compare", check.compare, raw, expected)
        print(f"    -> {out}", flush=True)


def split_fit(aid):
    """One trace and the per-epoch cost of the 05 / 07 fits (reference network)."""
    import solutions.keras_regression as r05
    import solutions.tanh_practice as r07
    from autograder.checks import keras_views as kv
    from autograder.checks.public import keras_regression as p05, tanh_practice as p07
    if aid == "05":
        X, y = kv.read_xy(p05.DATA)
        build, kw = r05.build_nonlinear_model, {"shuffle": False}
    else:
        X, y = kv.read_xy(p07.DATA)
        build, kw = r07.build_tanh_model, {}
    for epochs in (1, 1, 10, 100):
        model = build()
        timed(f"{aid} fresh model fit, {len(X)} points, {epochs} epochs", model.fit, X, y,
              epochs=epochs, verbose=0, **kw)
    model = build()
    model.fit(X, y, epochs=1, verbose=0, **kw)
    timed(f"{aid} same model fit again, 100 epochs (no retrace)", model.fit, X, y, epochs=100,
          verbose=0, **kw)
    for n in (40, 70):
        model = build()
        timed(f"{aid} fresh model fit, {n} points, 100 epochs", model.fit, X[:n], y[:n],
              epochs=100, verbose=0, **kw)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="05,06,07")
    parser.add_argument("--split", action="store_true")
    args = parser.parse_args()
    timed("import tensorflow + keras", __import__, "keras")
    import keras  # noqa: F401
    import solutions.keras_regression as r05
    import solutions.mnist as r06
    import solutions.tanh_practice as r07
    from autograder.checks.hidden import keras_regression as h05, mnist as h06, \
        tanh_practice as h07
    from autograder.checks.public import keras_regression as p05, mnist as p06, \
        tanh_practice as p07
    only = args.only.split(",")
    total = cpu()
    for aid, pub, hid, ref in (("05", p05, h05, r05), ("06", p06, h06, r06),
                               ("07", p07, h07, r07)):
        if aid in only:
            run_checks(aid, pub, hid, vars(ref))
    print(f"checks total {cpu() - total:.2f} CPU s, load {os.getloadavg()}", flush=True)
    if args.split:
        for aid in ("05", "07"):
            if aid in only:
                split_fit(aid)


if __name__ == "__main__":
    main()
