"""Probes for 03_activations (stdlib + numpy only; runs where the student's code lives).

Raw observations only: the parent judges every value (values/mutation: `common.observe*`).
"""
import numpy as np

from . import common


def he_normal_calls(ns, calls):
    """he_normal(fan_in, fan_out, np.random.default_rng(seed)) per call {"fan_in", "fan_out",
    "seed"} → one record {"returned", "raised"} each (the grader cannot send a Generator; it
    sends seeds and the generator is built here). Nothing is judged here."""
    out = []
    for call in calls:
        try:
            rng = np.random.default_rng(int(call["seed"]))
            returned, raised = ns["he_normal"](int(call["fan_in"]), int(call["fan_out"]), rng), None
        except Exception as exc:  # reported as data; the parent decides what it is worth
            returned, raised = None, common._exception(exc)
        out.append({"returned": returned, "raised": raised})
    return out
