"""Matchers shared by the Keras catalogs (05, 06, 07), computed from the raw views the parent
already receives: nothing new runs in the child and no TensorFlow runs here.

* layer mistakes: the student's layer stack (keras_compare.layer_stack of the describe view)
  is the contract's with one thing changed;
* training mistakes: the trained weights of the grader's replay trials are the numpy replay
  (keras_procedure / keras_replay) of the documented procedure with one thing changed (another
  optimizer, rate, loss, epoch count or batch size), and not the documented procedure's. The
  settings the child reports are never read: a candidate is named only when its replay matches
  the weights within the replay's own tolerance.
"""
import dataclasses

import numpy as np

from autograder.checks import keras_compare as kc
from autograder.checks import keras_procedure as kp
from autograder.checks import keras_views as kv
from autograder.compare import Outcome


def stack_of(value):
    """[(class, units, activation)] of a describe view, or None (not a built model)."""
    model = kv.read_model(value, "")
    if isinstance(model, Outcome) or not model.built:
        return None
    return kc.layer_stack(model)


def with_acts(layers, acts):
    """The contract's layers with the Dense activations replaced (None keeps one)."""
    out, dense = [], iter(acts)
    for cls, units, act in layers:
        if cls == "Dense":
            new = next(dense)
            out.append((cls, units, act if new is None else new))
        else:
            out.append((cls, units, act))
    return out


def stack_is(*variants):
    """match: the student's stack is one of `variants` (lists of (class, units, activation))."""
    wanted = [[tuple(layer) for layer in v] for v in variants]

    def match(check, args, value, expected):
        stack = stack_of(value)
        return stack is not None and stack in wanted
    return match


def stack_where(predicate):
    """match: predicate(stack) on the student's stack (a built model only)."""
    def match(check, args, value, expected):
        stack = stack_of(value)
        return stack is not None and bool(predicate(stack))
    return match


def _trained(value, expected, proc):
    """(trials, sent, acts, runs) of a train_trials record judged against `proc`, or None."""
    sent = expected["trials"]
    raw = value.get("trials") if type(value) is dict else None
    if type(raw) is not list or len(raw) not in (len(sent), len(sent) + 1):
        return None
    read = kp.read_trials(value, "", len(raw), tuple(np.shape(sent[0]["x"])[1:]))
    if isinstance(read, Outcome):
        return None
    trials = read[1][:len(sent)]
    prepared = kp._prepared(trials, sent, proc, "")
    if isinstance(prepared, Outcome):
        return None
    return trials, sent, prepared[0], prepared[1]


def replays_as(procedure, *changes):
    """match: the weights are the replay of procedure(args, expected) with one of `changes`
    (dicts of Procedure fields), and not the documented procedure's."""
    def match(check, args, value, expected):
        proc = procedure(args, expected)
        got = _trained(value, expected, proc)
        if got is None:
            return False
        trials, sent, acts, runs = got
        if kp.matches_procedure(proc, trials, sent, acts, runs):
            return False
        for change in changes:
            other = dataclasses.replace(proc, **change)
            if other != proc and kp.matches_procedure(other, trials, sent, acts, runs):
                return True
        return False
    return match


def fixed(proc):
    return lambda args, expected: proc


# batch sizes a student writes (64, 128, 256, 1, 16, full batch): on the trials (one sample
# repeated 70, or 40 and 70, times) they differ from 32 only in the update count
OTHER_BATCHES = tuple({"batch_size": b} for b in (1, 8, 16, 64, 128, 256, 1000))


def other_epochs(expected_epochs, candidates=(1, 2, 3, 5, 10, 20, 50, 200)):
    return tuple({"epochs": e} for e in candidates if e != expected_epochs)
