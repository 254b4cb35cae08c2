"""Parent side of `probes.optimizers.run`: strict reading of a raw run record.

The child is hostile: a record may be anything. `read_run` accepts exactly the structure `run`
produces for the number of steps and the state names the parent asked for, and turns anything
else into a failed Outcome. Path, states, mutation and look-ahead points are then computed here
from the record and from what the parent sent (w0; later steps get the float64 copy of the
previous return, which the parent rebuilds from the record itself). Known mistakes (where ε
sits, a hard-coded ε, …) are named by autograder/diagnoses/optimizers.py.
"""
from dataclasses import dataclass

import numpy as np

from autograder import shape_errors
from autograder.compare import Outcome, fail, same_array
from autograder.sandbox.codec import Unsupported

RUN_KEYS = {"returned", "given_after", "evals", "state0", "states", "raised", "problem"}
MAX_EVALS = 1000


@dataclass(frozen=True)
class Run:
    path: np.ndarray      # (steps + 1, dim): w0, then what each step returned (float64)
    states: dict          # name → (steps, dim) float64 (t: (steps,)), None when missing
    state0: dict          # name → (dim,) float64 / t: int; None when missing
    evals: list           # per step: (calls, dim) array of the points grad_fn saw
    mutated: list         # per step: bool, step changed the array it was given


def malformed(what, why):
    return fail("probe.malformed", what=what, why=why)


def _raised(raised, what):
    if (not isinstance(raised, dict) or set(raised) != {"types", "message"}
            or not isinstance(raised["types"], list) or not raised["types"]
            or not all(isinstance(t, str) for t in raised["types"])
            or not isinstance(raised["message"], str)):
        return malformed(what, "exception record")
    types, message = raised["types"], raised["message"]
    if types[0] == "ValueError" and "truth value of an array" in message:
        return fail("call.not_vectorized", what=what, message=message)
    shape = shape_errors.outcome_fields(types, message, (), {}, what)
    if shape is not None:  # a NumPy shape error inside the student's step: say what it means
        return fail(shape[0], what=what, message=message, **shape[1])
    return fail("call.error", what=what, type=types[0], message=message, where="")


def _weights(value, dim, what):
    """A step's return value → (dim,) float64, or an Outcome."""
    if isinstance(value, Unsupported):
        return fail("value.unsupported", what=what, type=value.what)
    if isinstance(value, (list, tuple)) and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        value = np.array(value, dtype=np.float64)
    if type(value) is not np.ndarray or value.dtype.kind not in "biuf":
        return fail("value.type", what=what, expected="numpy.ndarray",
                    actual="ndarray" if type(value) is np.ndarray else type(value).__name__)
    if value.shape != (dim,):
        return fail("value.shape", what=what, actual=value.shape, expected=(dim,))
    return value.astype(np.float64)


def _state(value, name, dim):
    """A state attribute → (dim,) float64 (scalars broadcast: the initial 0 equals zeros), an
    int for t; None when missing, an Outcome-free "bad" marker (str) when unreadable."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)) or isinstance(value, Unsupported):
        return "bad"
    if isinstance(value, (int, float, np.integer, np.floating)):
        value = np.array(value, dtype=np.float64)
    if type(value) is not np.ndarray or value.dtype.kind not in "biuf":
        return "bad"
    value = value.astype(np.float64)
    if name == "t":
        return value if value.shape == () else "bad"
    if value.shape == ():
        return np.full(dim, float(value))
    return value if value.shape == (dim,) else "bad"


def read_pair(actual, expected, state, what):
    """A student's `run` record and the reference's, for the problem the reference's record
    states (the parent produced it) → (run, want), or the student's record's failed Outcome."""
    problem = expected["problem"]
    steps = int(problem["steps"])
    want = read_run(expected, problem["w0"], steps, state, what)
    if isinstance(want, Outcome):
        raise ValueError(f"reference record unreadable: {want.fields}")
    run = read_run(actual, problem["w0"], steps, state, what)
    return run if isinstance(run, Outcome) else (run, want)


def read_run(raw, w0, steps, state, what):
    """Validate one `run` record for (w0, steps, state names) → Run, or a failed Outcome."""
    w0 = np.asarray(w0, dtype=np.float64)
    dim = w0.shape[0]
    if not isinstance(raw, dict) or set(raw) != RUN_KEYS:
        return malformed(what, "run record keys")
    if raw["raised"] is not None:
        return _raised(raw["raised"], what)
    returned, given, evals = raw["returned"], raw["given_after"], raw["evals"]
    if not all(isinstance(x, list) for x in (returned, given, evals)) or not (
            len(returned) == len(given) == len(evals) <= steps):
        return malformed(what, "per-step lists")
    path = [w0]
    for k, value in enumerate(returned, start=1):
        w = _weights(value, dim, f"{what}: step {k} returned")
        if isinstance(w, Outcome):
            return w
        path.append(w)
    if len(returned) != steps:
        return malformed(what, f"expected {steps} steps, got {len(returned)}")
    mutated = [not (type(after) is np.ndarray and after.shape == sent.shape
                    and np.array_equal(after, sent, equal_nan=True))
               for after, sent in zip(given, path)]
    points = []
    for k, calls in enumerate(evals):
        if not isinstance(calls, list) or len(calls) > MAX_EVALS or not all(
                type(p) is np.ndarray and p.shape == (dim,) for p in calls):
            return malformed(what, f"grad_fn points of step {k + 1}")
        points.append(np.array(calls, dtype=np.float64).reshape(len(calls), dim))
    state0, states = raw["state0"], raw["states"]
    if not isinstance(state0, dict) or not isinstance(states, dict) or set(state0) != set(
            state) or set(states) != set(state):
        return malformed(what, "state names")
    read0, read = {}, {}
    for name in state:
        if not isinstance(states[name], list) or len(states[name]) != steps:
            return malformed(what, f"states of {name}")
        read0[name] = _state(state0[name], name, dim)
        values = [_state(v, name, dim) for v in states[name]]
        read[name] = None if any(v is None for v in values) else (
            "bad" if any(isinstance(v, str) for v in values) else np.stack(values))
    return Run(np.stack(path), read, read0, points, mutated)
