"""A failing helper costs only its own checks: dependents are measured again with the reference's.

A check of function f whose `Check.uses` names contract functions f is documented to call
(perceptron → step, train_xor → init_mlp, mlp_forward, mlp_backward) first runs on the student's
code as it is. When it fails and one of those helpers failed a check of its own, the check runs
once more with the reference helper standing in for the student's, on the same inputs
(`probes/isolate.py` puts it into the student's namespace for that one probe and puts the
student's back). The better of the two results counts, so a wrong `step` costs step's checks
and no longer perceptron's or train_perceptron's; a stub f still fails (the reference helper does
not do f's work), and a correct submission never runs a second time.

Why only after a failure, not always: a correct submission is graded on its own code alone (its
helper may keep a cache structure of its own between mlp_forward and mlp_backward, which the
reference's would not fit), and every first run is the same as without this module.
`Check.own` names functions a check uses deliberately as the student wrote them (self-consistency,
prelu_gradients with the student's prelu; Keras models the student built): never replaced.

Trust (docs/SECURITY.md): the reference helpers' source runs in the child, the student's own
grading sandbox, only for reruns of that student's failing checks; the parent still computes
every verdict from raw values. The student's code could keep a reference helper it was handed
for later probes: reruns go helpers first (`depth`), so every rerun of a function's checks is
over before any rerun hands out that function's reference, and first runs never see one.
Reruns need the reference solutions in the grader's process; the student wheel has none, so
`nngrade check` there reports the dependency note only (`available`).
"""
import ast
import dataclasses
import functools
import importlib
import importlib.util
import inspect

from autograder import messages
from autograder.assignments import module_of

PROBE = "isolate.with_reference"
# a rerun that ended like this measured nothing: on a tie the first run's message stays
UNMEASURED = frozenset({"call.timeout", "call.budget", "call.crashed", "call.bad_output"})


def available():
    """The reference solutions are installed (instructor side; the student wheel leaves them out)."""
    return importlib.util.find_spec("solutions") is not None


@functools.lru_cache(maxsize=None)
def _module_tree(assignment):
    module = importlib.import_module(f"solutions.{module_of(assignment)}")
    return ast.parse(inspect.getsource(module))


def _bound(node):
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).partition(".")[0] for a in node.names}
    if isinstance(node, ast.Assign):
        return {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


@functools.lru_cache(maxsize=None)
def closure(assignment, names):
    """Top-level names of the reference module that NAMES reach (themselves included)."""
    nodes = [n for n in _module_tree(assignment).body if _bound(n)]
    wanted, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        for node in nodes:
            if name in _bound(node):
                todo.extend(n.id for n in ast.walk(node) if isinstance(n, ast.Name))
    return frozenset(n for node in nodes for n in _bound(node) if n in wanted)


@functools.lru_cache(maxsize=None)
def reference_source(assignment, names):
    """The reference module's statements that define NAMES and what they need, in file order."""
    keep = closure(assignment, names)
    nodes = [n for n in _module_tree(assignment).body if _bound(n) & keep]
    return "\n\n".join(ast.unparse(n) for n in nodes) + "\n"


def depth(assignment, function, uses_of):
    """How many documented calls deep FUNCTION is (0: calls no contract function). A helper's
    reference brings what it needs (`closure`: mlp_forward brings sigmoid); those count too, so
    every function whose reference a rerun hands out is shallower than the rerun's function."""
    def deps(name):
        uses = tuple(sorted(uses_of.get(name, ())))
        brought = closure(assignment, uses) if uses and available() else ()
        return (set(uses) | {n for n in brought if n in uses_of}) - {name}

    def level(name, path):
        if name in path:  # a cycle would be a contract bug: stop rather than recurse forever
            return 0
        return 1 + max((level(d, path | {name}) for d in deps(name)), default=-1)
    return level(function, frozenset())


def wrap(probe, args, assignment, names):
    """The (probe, args) pair that runs PROBE with the reference's NAMES standing in."""
    names = tuple(sorted(names))
    return PROBE, {"probe": probe, "args": args, "names": list(names),
                   "source": reference_source(assignment, names)}


def rerun_dependents(checks, results, assignment, rerun):
    """Results with each failed dependent check measured again with the failing helpers replaced.

    rerun(check, names) → CheckResult of CHECK with the reference's NAMES standing in.
    The helpers of a check are those of its function (`Check.uses` over all of f's checks).
    A rerun counts when it scores at least as well as the first run (a tie: the rerun, whose
    values are the function's own, unless it could not measure: out of time or crashed). A rerun
    that passes carries `note.reference_helper`; one that still fails keeps the first run's
    message (what a failing rerun replies never reaches feedback) with the rerun's score and
    `note.reference_helper_own_run`.
    """
    if not available():
        return results
    failed = {c.function for c, r in zip(checks, results)
              if c.function and not r.passed and r.error is None}
    uses_of = {}
    for check in checks:
        uses_of.setdefault(check.function, set()).update(check.uses)
    # every check of f (its no-mutation and property checks too) calls f, which calls its helpers
    todo = [(depth(assignment, c.function, uses_of), i) for i, (c, r) in
            enumerate(zip(checks, results))
            if not r.passed and r.error is None and uses_of.get(c.function, set()) & failed]
    out = list(results)
    for _, i in sorted(todo):
        check, first = checks[i], results[i]
        names = tuple(sorted(uses_of[check.function] & failed))
        second = rerun(check, names)
        if (second.error is not None or second.score < first.score
                or (second.score == first.score and second.key in UNMEASURED)):
            continue
        functions = ", ".join(f"`{n}`" for n in names)
        if second.passed:
            notes = list(second.fields.get("notes", ())) + [
                ["note.reference_helper", {"functions": functions}]]
            out[i] = dataclasses.replace(second, fields={**second.fields, "notes": notes})
            continue
        # A rerun that still fails shows the first run's message: the child held the reference's
        # source during the rerun, and a failing reply's values (or its exception text) are the
        # student's to choose, so they could carry that source into the feedback. Only the score
        # and the catalog's diagnoses (ids the parent matched) come from the rerun.
        notes = list(first.fields.get("notes", ())) + [
            ["note.reference_helper_own_run", {"functions": functions}]]
        fields = {k: v for k, v in first.fields.items() if k != "diagnoses"}
        if "diagnoses" in second.fields:
            fields["diagnoses"] = second.fields["diagnoses"]
        out[i] = dataclasses.replace(first, score=second.score, diagnoses=second.diagnoses,
                                     fields={**fields, "notes": notes})
    return out


MESSAGES = {
    "note.reference_helper": {
        "ko": "참고: 이 함수가 사용하는 {functions}이(가) 자체 검사에서 실패해서, 이 검사는 그 "
              "자리에 정답 구현을 넣어 다시 실행했습니다. 이 점수는 이 함수 자체만 평가합니다.",
        "en": "note: {functions}, which this function uses, failed its own checks, so this check "
              "ran again with the reference implementation in place of yours; it grades this "
              "function alone"},
    "note.reference_helper_own_run": {
        "ko": "참고: 이 함수가 사용하는 {functions}이(가) 자체 검사에서 실패해서, 이 검사는 그 "
              "자리에 정답 구현을 넣어 다시 실행했고 점수는 그 실행의 것입니다. 그래도 실패했으므로 "
              "이 함수 자체에도 잘못이 있습니다. 위의 자세한 내용은 여러분의 구현으로 실행한 "
              "결과입니다.",
        "en": "note: {functions}, which this function uses, failed its own checks, so this check "
              "ran again with the reference implementation in place of yours and the score is "
              "that run's; it still fails, so this function has a mistake of its own. The details "
              "above are from the run with your own implementation"},
}
messages.register(MESSAGES)
