"""Parent side of `probes.common.observe`: strict reading of a raw call record.

The child is hostile: a record may be anything. `records` accepts exactly the structure
`observe`/`observe_many` produce, for exactly the number of calls the check asked for, and
turns anything else into a failed Outcome (never an exception, never a short list that
`zip` would silently truncate). Verdicts — values, mutation, exceptions — are computed here
from the record and from the inputs the parent itself sent.
"""
from dataclasses import dataclass

import numpy as np

from autograder import shape_errors
from autograder.compare import PASS, Outcome, all_of, fail
from autograder.sandbox.codec import Unsupported, clean_text

RECORD_KEYS = {"returned", "raised", "after", "kwargs_after"}


@dataclass(frozen=True)
class Record:
    """One call as the child reported it (already structure-checked)."""
    returned: object          # the function's return value (None when it raised)
    raised: object            # None, or {"types": [class names, most specific first], "message"}
    after: list               # positional arguments after the call
    kwargs_after: dict        # keyword arguments after the call

    @property
    def ok(self):
        return self.raised is None


def malformed(what, why):
    return fail("probe.malformed", what=what, why=why)


def _record(raw, n_args, kw_names, what):
    if not isinstance(raw, dict) or set(raw) != RECORD_KEYS:
        return malformed(what, "record keys")
    raised = raw["raised"]
    if raised is not None:
        if (not isinstance(raised, dict) or set(raised) != {"types", "message"}
                or not isinstance(raised["types"], list) or not raised["types"]
                or not all(isinstance(t, str) for t in raised["types"])
                or not isinstance(raised["message"], str)):
            return malformed(what, "exception record")
    after, kwargs_after = raw["after"], raw["kwargs_after"]
    if not isinstance(after, list) or len(after) != n_args:
        return malformed(what, "argument count")
    if not isinstance(kwargs_after, dict) or set(kwargs_after) != set(kw_names):
        return malformed(what, "keyword arguments")
    return Record(raw["returned"], raised, after, kwargs_after)


def records(raw, cases, what):
    """Validate `observe_many` output against the cases sent → list of Record, or an Outcome.

    `cases`: the list of {"args", "kwargs"} the parent sent (the count and each case's argument
    structure are known here, not taken from the child).
    """
    if not isinstance(raw, list) or len(raw) != len(cases):
        return malformed(what, f"expected {len(cases)} call records")
    out = []
    for item, case in zip(raw, cases):
        rec = _record(item, len(case.get("args", ())), list((case.get("kwargs") or {})), what)
        if isinstance(rec, Outcome):
            return rec
        out.append(rec)
    return out


def record(raw, case, what):
    """`observe` output for one case → Record, or an Outcome."""
    result = records([raw], [case], what)
    return result if isinstance(result, Outcome) else result[0]


def raised_outcome(rec, what):
    """A record whose call raised → the call.error failure (with the advice for the
    'truth value of an array is ambiguous' error of scalar-only code)."""
    types = [clean_text(t, 100) for t in rec.raised["types"]]
    message = clean_text(rec.raised["message"], 300)
    if types[0] == "ValueError" and "truth value of an array" in message:
        return fail("call.not_vectorized", what=what, message=message)
    shape = shape_errors.outcome_fields(types, message, rec.after, rec.kwargs_after, what)
    if shape is not None:  # a NumPy shape error: say what it means, and the shapes passed
        return fail(shape[0], what=what, message=message, **shape[1])
    return fail("call.error", what=what, type=types[0], message=message, where="")


def _same_value(a, b):
    if isinstance(b, np.ndarray):
        return (type(a) is np.ndarray and a.shape == b.shape and a.dtype == b.dtype
                and np.array_equal(a, b, equal_nan=True))
    if isinstance(a, Unsupported) or isinstance(b, Unsupported):
        return False
    return type(a) is type(b) and (a == b or (a != a and b != b))


def mutated(rec, case, names):
    """Names of the array inputs the call changed: the post-call copies the child reported,
    compared here with what the parent sent. `names`: the positional parameters' names."""
    sent_args = case.get("args", ())
    changed = [names[i] if i < len(names) else str(i)
               for i, (sent, after) in enumerate(zip(sent_args, rec.after))
               if isinstance(sent, np.ndarray) and not _same_value(after, sent)]
    changed += [k for k, sent in (case.get("kwargs") or {}).items()
                if isinstance(sent, np.ndarray) and not _same_value(rec.kwargs_after[k], sent)]
    return changed


def no_mutation(rec, case, names, what):
    changed = mutated(rec, case, names)
    return fail("value.input_mutated", what=what, arg=changed[0]) if changed else PASS


# --- generic readers built on the above (added for 01/02; usable by any assignment) -----------

def cases_from(expected):
    """The cases a hidden check sent, read back from the REFERENCE's records (run in the parent,
    trusted; the reference does not mutate its inputs, so its post-call copies are the inputs).
    Public checks know their cases as module constants and do not need this."""
    return [{"args": list(e["after"]), "kwargs": dict(e["kwargs_after"])} for e in expected]


def judge_calls(labels, compare_one, cases=None):
    """compare(actual, expected) for an `observe_many`/`observe_each` check, one sub-score per call.

    `labels[i]` names call i in messages (or `labels(cases)` gives the list, for labels that
    show drawn values); `compare_one(returned, expected_returned, label, case)`
    judges what call i returned (`expected_returned` is the reference record's "returned", or
    None when the check has no expected value). `cases`: the cases sent (public checks); None →
    read them from the reference records (hidden checks, `cases_from`). The count is the number
    of cases, so a short or long reply fails; a raising call costs only its own share.
    """
    def compare(actual, expected):
        sent = cases if cases is not None else cases_from(expected)
        names = labels(sent) if callable(labels) else labels
        return _judge(actual, expected, sent, names, compare_one)
    return compare


def _judge(actual, expected, sent, labels, compare_one):
    if len(sent) != len(labels):
        return malformed(labels[0] if labels else "", "labels and cases differ")
    recs = records(actual, sent, labels[0] if labels else "")
    if isinstance(recs, Outcome):
        return recs
    outcomes = []
    for i, (rec, label, case) in enumerate(zip(recs, labels, sent)):
        want = None if expected is None else expected[i]["returned"]
        outcomes.append(raised_outcome(rec, label) if not rec.ok
                        else compare_one(rec.returned, want, label, case))
    return all_of(outcomes, len(sent))


def changed_paths(sent, after):
    """Paths of the arrays inside `sent` (walking dicts, lists and tuples) that `after` does not
    reproduce exactly: [] when nothing changed, e.g. ["['U']"] for a params dict changed in
    place. Anything of another structure than `sent` counts as changed ("")."""
    if isinstance(sent, np.ndarray):
        return [] if _same_value(after, sent) else [""]
    if isinstance(sent, dict):
        if not isinstance(after, dict) or set(after) != set(sent):
            return [""]
        return [f"[{k!r}]{p}" for k in sent for p in changed_paths(sent[k], after[k])]
    if isinstance(sent, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(after) != len(sent):
            return [""]
        return [f"[{i}]{p}" for i, (s, a) in enumerate(zip(sent, after))
                for p in changed_paths(s, a)]
    return []


def no_mutation_deep(rec, case, names, what):
    """`no_mutation` that also looks inside dict/list arguments (params dicts): the message names
    the argument and the key, e.g. `params['U']`."""
    sent_args = list(case.get("args", ()))
    for i, (sent, after) in enumerate(zip(sent_args, rec.after)):
        paths = changed_paths(sent, after)
        if paths:
            name = names[i] if i < len(names) else str(i)
            return fail("value.input_mutated", what=what, arg=name + paths[0])
    for k, sent in (case.get("kwargs") or {}).items():
        paths = changed_paths(sent, rec.kwargs_after[k])
        if paths:
            return fail("value.input_mutated", what=what, arg=k + paths[0])
    return PASS


def no_mutation_check(case, names, what):
    """compare(actual, expected=None) for one `observe` record: the call must return (a raise
    costs this check) and leave every input as sent (dicts walked)."""
    def compare(actual, expected=None):
        rec = record(actual, case, what)
        if isinstance(rec, Outcome):
            return rec
        if not rec.ok:
            return raised_outcome(rec, what)
        return no_mutation_deep(rec, case, names, what)
    return compare
