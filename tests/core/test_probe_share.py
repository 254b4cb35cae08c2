"""probe_share: equal probe calls in one Keras grading run once; the checks that share a call
(05 model_compile + fit_nonlinear_any_data, 07 fit_tanh + fit_tanh_any_data) send equal args only
when both are graded, and public-only grading keeps the fixed trials."""
import numpy as np

from autograder.checks import checks_for
from autograder.checks.base import Context
from autograder.probe_share import OneCallPerArgs, key_of
from autograder.sandbox.protocol import ProbeReply


class _Counting:
    report = "the report"

    def __init__(self):
        self.calls = 0

    def probe(self, name, args, timeout=None):
        self.calls += 1
        return ProbeReply("ok", value={"n": self.calls, "w": [np.zeros(2)]})


def test_equal_calls_run_once_and_each_gets_its_own_copy():
    session = OneCallPerArgs(_Counting())
    args = {"trials": [{"x": np.ones((3, 1)), "y": np.zeros(3)}], "seed": 7}
    first = session.probe("m.f", args, 10)
    again = session.probe("m.f", {"seed": 7, "trials": [{"y": np.zeros(3),
                                                         "x": np.ones((3, 1))}]}, 10)
    assert session.calls == 1 and again.value["n"] == 1 and session.report == "the report"
    again.value["w"][0][0] = 5.0
    assert first.value["w"][0][0] == 0.0  # a compare that mutates its value harms no other
    session.probe("m.f", args, 20)                   # another timeout
    session.probe("m.g", args, 10)                   # another probe
    session.probe("m.f", {**args, "seed": 8}, 10)    # other args
    session.probe("m.f", {"x": np.ones((3, 1), np.float32)}, 10)
    session.probe("m.f", {"x": np.ones((3, 1), np.float64)}, 10)  # dtype is part of the key
    assert session.calls == 6


def test_args_that_are_not_plain_data_are_never_shared():
    assert key_of("m.f", {"f": object()}, 1) is None
    assert key_of("m.f", {"a": np.array([None])}, 1) is None
    session = OneCallPerArgs(_Counting())
    for _ in range(2):
        session.probe("m.f", {"f": len}, 1)
    assert session.calls == 2
    assert key_of("m.f", {"a": 1}, 1) != key_of("m.f", {"a": 1.0}, 1) != key_of("m.f", {"a": True}, 1)


def _args(aid, names, seed):
    checks = {c.name: c for c in checks_for(aid, True)}
    ctx = Context(rng=np.random.default_rng(seed), graded=frozenset(names or checks))
    return {n: checks[n].make_args(ctx) for n in (names or checks)}


def test_public_and_hidden_twins_send_the_same_call_only_together():
    for aid, public, hidden in (("05_keras_regression", "model_compile", "fit_nonlinear_any_data"),
                                ("07_tanh_practice", "fit_tanh", "fit_tanh_any_data")):
        together = _args(aid, None, 3)
        assert key_of("p", together[public], 1) == key_of("p", together[hidden], 1), aid
        alone = _args(aid, [public], 3)[public]
        other_seed = _args(aid, None, 4)[public]
        assert key_of("p", alone, 1) == key_of("p", _args(aid, [public], 9)[public], 1), aid
        assert key_of("p", alone, 1) != key_of("p", together[public], 1), aid
        assert key_of("p", other_seed, 1) != key_of("p", together[public], 1), aid  # drawn
        # the same seed draws the same inputs on every run
        assert key_of("p", _args(aid, None, 3)[hidden], 1) == key_of("p", together[hidden], 1)


def test_07_hidden_check_judges_the_drawn_trial_of_the_shared_call():
    together = _args("07_tanh_practice", None, 3)
    checks = {c.name: c for c in checks_for("07_tanh_practice", True)}
    judged = checks["fit_tanh_any_data"].expected(together["fit_tanh_any_data"])
    shared = together["fit_tanh"]["trials"]
    assert judged["count"] == 2 and judged["trials"][0] is shared[0]  # drawn trial, dataset2
    alone = _args("07_tanh_practice", ["fit_tanh_any_data"], 3)["fit_tanh_any_data"]
    judged = checks["fit_tanh_any_data"].expected(alone)
    assert judged["count"] == 1 and judged["at"] == 0
