"""A catalog of known misconceptions per contract function, matched in the parent.

Each `Entry` is one mistake students make, written as what the mistake computes: a replacement
for the contract function (or class) that runs the mistaken formula (`impl`, one or more
variants), or, for checks judged by statistics or replays rather than by a reference value, a
`match(check, args, value)` predicate computed here from the student's raw reply. When a check
fails, `diagnose` (one call in `grade.run_check`) evaluates the entries of that check's function
on the same args, in this process, on the reference namespace with the function replaced —
nothing new runs in the student's child — and when the student's value agrees with an entry's
value under the check's own comparison (every element, the check's tolerance) while the entry's
value differs from the reference, the message names the misconception first. Two matches: both.
No match: the message is unchanged. A diagnosis never changes points.

One module per assignment holds the entries (`autograder/diagnoses/<module>.py`, `ENTRIES`,
instructor side: the student wheel leaves the folder out, since entries spell formulas out, and
this core then finds no catalog); their messages are registered as `diagnosis.<id>` keys (fully Korean / fully English: what the
student computed, why it is wrong, the fix, the lecture section).
"""
import collections
import functools
import importlib
import importlib.util
import json
import threading
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from autograder import messages
from autograder.assignments import ASSIGNMENT_IDS, module_of
from autograder.compare import Outcome, same
from autograder.sandbox import codec

# notes a named misconception makes redundant (generic hints that only guess at a cause)
SUPERSEDED = {"note.constant_factor"}


@dataclass(frozen=True)
class Entry:
    """One known mistake.

    id        e.g. "adam_no_bias_correction" (message key "diagnosis.<id>", fixture
              tests/fixtures/submissions/<aid>/mistake_<id>.py)
    function  the contract function (or class) it is a mistake in
    ko, en    the message: what the student computed, why it is wrong, the fix, the section
    impl      variants of the mistake: each a dict name → replacement, evaluated with the
              check's probe on the reference namespace updated with it
    match     (check, args, value, expected) → bool, for checks without a reference value and
              for mistakes that are not one formula (float32 arithmetic)
    checks    names of the checks it applies to; () = every check of `function`
    title     short label for the class report {"ko": ..., "en": ...} (default: the id)
    """
    id: str
    function: str
    ko: str
    en: str
    impl: tuple = ()
    match: Optional[Callable] = None
    checks: tuple = ()
    title_ko: str = ""
    title_en: str = ""
    unless: tuple = ()  # ids of entries that, when they match too, explain it better
    exact: bool = False  # match the mistake's values only (checks judging by statistics would
    #                      accept several mistakes alike)

    def applies_to(self, check):
        return check.function == self.function and (not self.checks or check.name in self.checks)


@functools.lru_cache(maxsize=None)
def catalog(assignment):
    """The entries of one assignment (empty when it has no catalog module)."""
    name = f"autograder.diagnoses.{module_of(assignment)}"
    if importlib.util.find_spec("autograder.diagnoses") is None or \
            importlib.util.find_spec(name) is None:
        return ()
    module = importlib.import_module(name)
    entries = tuple(module.ENTRIES)
    register(entries)
    return entries


def register(entries):
    messages.register({f"diagnosis.{e.id}": {"ko": e.ko, "en": e.en} for e in entries})


def all_entries():
    return {e.id: e for aid in ASSIGNMENT_IDS for e in catalog(aid)}


def title(entry_id, lang="ko"):
    entry = all_entries().get(entry_id)
    if entry is None:
        return entry_id
    return (entry.title_ko if lang == "ko" else entry.title_en) or entry_id


@functools.lru_cache(maxsize=None)
def _reference_namespace(assignment):
    module = importlib.import_module(f"solutions.{module_of(assignment)}")
    return vars(module)


def _raised(value):
    """(type, message) of every exception record inside a reply, in order."""
    out = []
    if isinstance(value, dict):
        if value.get("raised") is not None and isinstance(value["raised"], dict):
            raised = value["raised"]
            out.append((tuple(raised.get("types", ()))[:1], str(raised.get("message", ""))))
        for v in value.values():
            if v is not value.get("raised"):
                out.extend(_raised(v))
    elif isinstance(value, (list, tuple)):
        for v in value:
            out.extend(_raised(v))
    return out


def _agrees(check, value, wrong, exact=False):
    """The student's reply is what the mistake computes: the check's own comparison, with the
    mistake's reply as the expected value, judges it exactly as it judges the mistake's reply
    itself (fully right, or — for checks with parts that need no expected value, like where
    Nesterov takes its gradient — the same share with the same message); or both raised the
    same exceptions (a mistake that crashes, e.g. grad J(m) with m = 0)."""
    raised = _raised(value)
    if raised and raised == _raised(wrong):  # (a crashed record is no expected value to compare)
        return True
    if exact:
        return same(value, wrong, "", rtol=1e-9, atol=1e-12).ok
    got = check.compare(value, wrong)
    if got.ok:
        return True
    own = check.compare(wrong, wrong)
    if own.fraction > 0 and got.fraction == own.fraction and got.key == own.key and \
            _same_fields(got.fields, own.fields):
        return True
    return same(value, wrong, "", rtol=1e-9, atol=1e-12).ok  # checks that judge by replay


def _same_fields(a, b):
    """The two failures report the same values (where, what was found): parts judged against a
    fixed criterion (a truth table, a target) fail alike only when the values under them agree."""
    if set(a) != set(b):
        return False
    for k in a:
        x, y = a[k], b[k]
        if isinstance(x, str) or isinstance(y, str):
            if x != y:
                return False
        elif not same(x, y, "", rtol=1e-9, atol=1e-12).ok:
            return False
    return True


class _Mistake:
    """Mistake variant `index` of `entry` run with the check's probe on `args`: its reply and
    the check's verdict on it. Trusted code on the grader's inputs, so both are the same for
    every student graded with the same args (the same seed): remembered by value, which spares a
    class batch — and 02's training checks above all — re-running and re-judging every mistake
    (tests/checks/test_backprop.py, 02's 32 proof fixtures: 36.6 -> 17.9 CPU s with the replay
    cache of checks/public/backprop_training.py)."""

    def __init__(self, assignment, entry, index, check, args):
        self.check = check
        try:
            key = json.dumps(codec.encode(args))  # the probe's own encoding, in its own order
        except (TypeError, ValueError):  # args the codec cannot carry: nothing remembered
            key = None
        if key is None or not any(e is entry for e in catalog(assignment)):
            reply = _probe_mistake(assignment, entry.impl[index], check.probe, args)
            self.key, self.status = None, reply.status
            self._value = reply.value
            return
        self.key = (assignment, entry.id, index, check.probe, key)
        self.status, self._json = _cached_reply(self.key, entry.impl[index])

    def value(self):
        if self.key is None:
            return self._value
        return codec.decode(json.loads(self._json))

    def verdict(self, expected):
        """check.compare(mistake's value, expected); `expected` is the reference's reply to
        the same args (or None), so it is remembered with the reply."""
        if self.key is None:
            return self.check.compare(self._value, expected)
        key = (self.key, self.check.name)
        with _REPLIES_LOCK:
            if key in _VERDICTS:
                return _VERDICTS[key]
        found = self.check.compare(self.value(), expected)
        _remember(_VERDICTS, {key: found})
        return found


# ~5-15 KB a reply with its key (measured on 02 and 04): ~15 MB at most
_REPLIES_CACHED = 1024
# (assignment, entry id, variant index, probe, args as JSON) → (status, value as JSON), least
# recently used first: plain data, the same in every process that loads the same catalog;
# _VERDICTS: (that key, check name) → the check's Outcome on that value
_REPLIES = collections.OrderedDict()
_VERDICTS = collections.OrderedDict()
_REPLIES_LOCK = threading.Lock()


def _cached_reply(key, variant):
    with _REPLIES_LOCK:
        if key in _REPLIES:
            _REPLIES.move_to_end(key)
            return _REPLIES[key]
    assignment, _, _, probe, args = key
    reply = _probe_mistake(assignment, variant, probe, codec.decode(json.loads(args)))
    found = (reply.status, json.dumps(codec.encode(reply.value)) if reply.status == "ok" else "")
    _remember(_REPLIES, {key: found})
    return found


def remembered(since=((), ())):
    """The mistakes' replies and verdicts computed so far (plain data), less the keys in
    `since` (an earlier `remembered()`): a process that forks one child per submission
    (tests/diagnoses/inprocess.py) hands the new ones back to the parent."""
    with _REPLIES_LOCK:
        return ({k: v for k, v in _REPLIES.items() if k not in since[0]},
                {k: v for k, v in _VERDICTS.items() if k not in since[1]})


def remember(found):
    replies, verdicts = found
    _remember(_REPLIES, replies)
    _remember(_VERDICTS, verdicts)


def _remember(cache, items):
    with _REPLIES_LOCK:
        cache.update(items)
        while len(cache) > (_REPLIES_CACHED if cache is _REPLIES else 4 * _REPLIES_CACHED):
            cache.popitem(last=False)


def _probe_mistake(assignment, variant, probe, args):
    from autograder.inprocess import InProcessSession
    ns = dict(_reference_namespace(assignment))
    ns.update(variant)
    return InProcessSession(ns).probe(probe, args)


def _impl_matches(entry, check, assignment, args, value, expected, student):
    """`student()`: the check's verdict on the student's value (computed once per diagnosis)."""
    for index in range(len(entry.impl)):
        mistake = _Mistake(assignment, entry, index, check, args)
        if mistake.status != "ok":
            continue
        if check.expected is None:  # the check holds its own criterion (statistics, replays):
            if mistake.verdict(None).ok:  # the mistake passes it, so it is not the cause
                continue
            wrong = mistake.value()
            if same(value, wrong, "", rtol=1e-9, atol=1e-12).ok or (  # the mistake's values
                    _raised(value) and _raised(value) == _raised(wrong)):
                return True
            continue
        judged = mistake.verdict(expected)
        if judged.ok:
            continue  # the mistake is invisible on these inputs: it cannot be what went wrong
        if (student().fraction, student().key) != (judged.fraction, judged.key):
            continue  # the check tells them apart (parts judged by a fixed criterion)
        if _agrees(check, value, mistake.value(), entry.exact):
            return True
    return False


def matches(entry, check, assignment, args, value, expected, student=None):
    if entry.match is not None:
        return bool(entry.match(check, args, value, expected))
    if not entry.impl:
        return False
    if student is None:
        student = functools.lru_cache(maxsize=1)(lambda: check.compare(value, expected))
    return _impl_matches(entry, check, assignment, args, value, expected, student)


def diagnose(check, assignment, args, value, expected, outcome):
    """(outcome, ids): a failed outcome with the matching misconceptions named first (field
    `diagnoses`, rendered before the message), and their ids. Points are never changed."""
    if outcome.ok:
        return outcome, []
    found = []
    student = functools.lru_cache(maxsize=1)(lambda: check.compare(value, expected))
    try:
        entries = catalog(assignment)
    except Exception:  # noqa: BLE001 - a broken catalog loses the hints, never a check
        return outcome, []
    for entry in entries:
        if not entry.applies_to(check):
            continue
        try:
            with np.errstate(all="ignore"):  # a mistake's own overflow is not the grader's output
                if matches(entry, check, assignment, args, value, expected, student):
                    found.append(entry.id)
        except Exception:  # noqa: BLE001 - a catalog entry's own failure only loses the hint
            continue
    by_id = {e.id: e for e in entries}
    found = [i for i in found if not set(by_id[i].unless) & set(found)]
    if not found:
        return outcome, []
    fields = dict(outcome.fields)
    notes = [n for n in fields.get("notes", ()) if n[0] not in SUPERSEDED]
    if notes:
        fields["notes"] = notes
    else:
        fields.pop("notes", None)
    fields["diagnoses"] = [[f"diagnosis.{i}", {}] for i in found]
    return Outcome(outcome.fraction, outcome.key, fields), found


# ---- helpers shared by the catalog modules -------------------------------------------------
def snap_float32(value, expected):
    """`value` with every float32 array that equals its counterpart in `expected` to float32
    precision replaced by that counterpart, and whether any was (None when none was float32 or
    one differs by more than float32 rounding). Walks the reply and the expected value in
    parallel (same structure: the probe's record)."""
    import numpy as np
    snapped = [False]

    def walk(v, e):
        if isinstance(v, np.ndarray) and v.dtype == np.float32:
            if not (isinstance(e, np.ndarray) and e.shape == v.shape and e.dtype.kind == "f"):
                raise LookupError
            # float32 keeps ~7 digits; rounding accumulated over the ≤ 15 steps of a run stays
            # within 1e-4 relative (measured: 04's paths 3e-6, 02's trajectories 4e-6)
            with np.errstate(all="ignore"):
                if not np.allclose(v.astype(np.float64), e, rtol=1e-4, atol=1e-6,
                                   equal_nan=True):
                    raise LookupError
            snapped[0] = True
            return e
        if isinstance(v, dict) and isinstance(e, dict):
            return {k: walk(x, e[k]) if k in e else x for k, x in v.items()}
        if isinstance(v, (list, tuple)) and isinstance(e, (list, tuple)) and len(v) == len(e):
            return type(v)(walk(x, y) for x, y in zip(v, e))
        if isinstance(v, np.floating) and v.dtype == np.float32 and isinstance(
                e, (float, np.floating)):
            if abs(float(v) - float(e)) <= 1e-6 + 1e-4 * abs(float(e)):
                snapped[0] = True
                return e
            raise LookupError
        return v
    try:
        out = walk(value, expected)
    except LookupError:
        return None, False
    return out, snapped[0]


def float32_match(check, args, value, expected):
    """The student's values are the reference's rounded to float32: right formulas, float32
    arithmetic (np.float32 inputs or dtype=np.float32 arrays)."""
    if expected is None:
        return False
    snapped, any_float32 = snap_float32(value, expected)
    return any_float32 and check.compare(snapped, expected).ok


FLOAT32_KO = ("float32로 계산했습니다: 식은 맞지만 값이 float32로 반올림되었습니다 (약 7자리). "
              "이 과제는 float64로 계산합니다. dtype=np.float32나 astype(np.float32)를 지우고 "
              "np.asarray(x, dtype=np.float64)로 받으세요.")
FLOAT32_EN = ("float32 arithmetic: the formula is right, but the values are rounded to float32 "
              "(about 7 digits); this assignment computes in float64: drop dtype=np.float32 / "
              "astype(np.float32) and take inputs as np.asarray(x, dtype=np.float64)")


def float32_entries(functions, prefix=""):
    """One float32 entry per contract function (the same slip, named per function)."""
    return [Entry(f"{prefix}float32_arithmetic_{f.lower()}", f, FLOAT32_KO, FLOAT32_EN,
                  match=float32_match, title_ko=f"{f}: float32 계산",
                  title_en=f"{f}: float32 arithmetic") for f in functions]


def entry_builder(section_ko, section_en, by_function=True):
    """The catalog modules' entry constructor: `build(id, function, ko, en, impl, title_ko,
    title_en, **kw)` appends the lecture section to both messages; `impl` lists replacements of
    `function` (by_function) or name → replacement dicts."""
    def build(id_, function, ko, en, impl, title_ko, title_en, **kw):
        impl = tuple({function: f} for f in impl) if by_function else tuple(impl)
        return Entry(id_, function, f"{ko} ({section_ko})", f"{en} ({section_en})", impl=impl,
                     title_ko=title_ko, title_en=title_en, **kw)
    return build
