"""Margins of 04_optimizers' value tolerance (autograder/checks/public/optimizers_precision.py).

For every check that runs the optimizers probe (public cases; hidden ones over --seeds seeds),
the normwise deviation of a submission's record from the reference's,

    dev = max(max_i |w_i - w_ref_i| / max_j |w_ref_j - w0|,                 (the path)
              max_i |s_i - s_ref_i| / (|s_ref_i| + max_j |s_ref_j|) per state, for the
              checks that compare states),

which is what the value checks compare with VALUE_TOL (a value passes iff dev <= VALUE_TOL,
up to compare.ATOL). Printed per check: for float32 arithmetic with right formulas the largest
dev over seeds (must stay below VALUE_TOL), for each formula mistake (every broken_/mistake_
fixture of 04) the smallest dev over seeds on each check it is visible on at float64 precision
(a dev of 0 on a check is a mistake that check cannot see, e.g. ε with eps = 0).

    PYTHONPATH=. python bench/float32_margins.py [--seeds 500]
"""
import argparse
import re

import numpy as np

import solutions.optimizers as ref
from autograder.checks import checks_for
from autograder.checks.base import Context
from autograder.checks.public.optimizers_precision import VALUE_TOL
from autograder.probes.optimizers import run
from tests.diagnoses.inprocess import source_of
from tests.fixtures.build import fixture_path, fixtures

AID = "04_optimizers"
FLOAT32 = "mistake_float32_arithmetic"


def namespace(source):
    ns = {"__name__": "submission"}
    exec(compile(source, f"{AID}.py", "exec"), ns)  # trusted fixture code
    return ns


def float32_sources():
    """Everything float32 (the fixture), and hyperparameters as given (only w, the state and lr
    in float32: the commonest form)."""
    text = fixture_path(AID, FLOAT32).read_text(encoding="utf-8")
    given = re.sub(r"np\.float32\((beta|beta1|beta2|rho|eps)\)", r"\1", text)
    given = given.replace("one = np.float32(1.0)", "one = 1.0").replace(
        "(np.float32(1.0) - self.rho)", "(1.0 - self.rho)")
    base = source_of(AID, None)
    return {"float32 everywhere": base + "\n" + text, "float32, hyperparameters as given":
            base + "\n" + given}


def arrays(record, steps):
    if record["raised"] is not None or len(record["returned"]) != steps:
        return None
    out = [np.stack([np.asarray(record["problem"]["w0"], float)]
                    + [np.asarray(r, float) for r in record["returned"]])]
    shape = np.shape(out[0][0])
    for name, values in record["states"].items():
        if any(v is None for v in values):
            return None
        out.append(np.array([float(v) if name == "t" else np.broadcast_to(
            np.asarray(v, float), shape) for v in values]))
    return out


def compares_states(name):
    """The check compares the states too (run_compare's parts), not the path alone."""
    return name.endswith(("_state", "_warm_start")) or (
        name.startswith("hidden_") and not name.startswith(("hidden_eps_", "hidden_sgd")))


def deviation(mine, want, steps, states=True):
    a, e = arrays(mine, steps), arrays(want, steps)
    if a is None or any(x.shape != y.shape for x, y in zip(a, e)):
        return np.inf
    worst = 0.0
    for k, (x, y) in enumerate(zip(a, e) if states else zip(a[:1], e[:1])):
        with np.errstate(all="ignore"):
            d = (np.abs(x - y) / np.max(np.abs(y - y[:1])) if k == 0  # the path
                 else np.abs(x - y) / (np.abs(y) + np.max(np.abs(y))))  # a state
        d = np.where(np.isnan(d) | ~np.isfinite(x), np.inf, d)
        worst = max(worst, float(np.max(d)))
    return worst


def cases(seeds):
    for check in checks_for(AID, True):
        if check.probe != "optimizers.run" or check.name.endswith(("_float64", "_no_mutation")):
            continue  # (float64: judged at float64 precision; no_mutation: no values)
        if check.hidden:
            for seed in range(seeds):
                yield check.name, check.make_args(Context(rng=np.random.default_rng(seed)))
        else:
            yield check.name, check.args


def deviations(ns, seeds):
    """check → (smallest, largest) deviation over the seeds."""
    out = {}
    for name, args in cases(seeds):
        dev = deviation(run(ns, **args), run(vars(ref), **args), int(args["steps"]),
                        compares_states(name))
        low, high = out.get(name, (np.inf, 0.0))
        out[name] = (min(low, dev), max(high, dev))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=500)
    seeds = parser.parse_args().seeds
    print(f"VALUE_TOL = {VALUE_TOL:g}; hidden checks over {seeds} seeds\n")
    for label, source in float32_sources().items():
        dev = deviations(namespace(source), seeds)
        name, (_, high) = max(dev.items(), key=lambda kv: kv[1][1])
        print(f"{label}: largest {high:.2g} ({name}), margin {VALUE_TOL / high:.0f}x")
        for check, (_, h) in dev.items():
            print(f"    {check:28s} {h:.2g}")
    print("\nformula mistakes: smallest deviation over seeds on each check that sees them")
    overall, unseen = (np.inf, ""), []
    for fixture in fixtures(AID, "broken") + fixtures(AID, "mistake"):
        if "float32" in fixture or "nowork" in fixture:
            continue
        dev = deviations(namespace(source_of(AID, fixture)), seeds)
        seen = {c: low for c, (low, high) in dev.items() if high > 1e-9}
        if not seen:
            continue
        cells = ", ".join(f"{c} {v:.2g}" for c, v in seen.items())
        print(f"  {fixture}: {cells}")
        for check, low in seen.items():
            if low < VALUE_TOL:  # within the tolerance on some seed: listed below
                unseen.append(f"{fixture} on {check}")
            else:
                overall = min(overall, (low, f"{fixture} on {check}"))
    print(f"\nsmallest above VALUE_TOL: {overall[0]:.2g} ({overall[1]}), "
          f"{overall[0] / VALUE_TOL:.1f}x")
    print("within VALUE_TOL on some seed (that check passes the mistake there):")
    for item in unseen:
        print(f"    {item}")


if __name__ == "__main__":
    main()
