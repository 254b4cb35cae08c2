"""Grade a submission's source in this process (trusted test fixtures only): the same
`grade.run_check` and `grade.settle` as the sandbox pipeline, without a child process, so the
catalog's proofs over ~80 fixtures stay fast. tests/diagnoses/test_catalog.py also grades a
sample through the real sandbox (`grade_file`)."""
import numpy as np

from autograder import diagnosis
from autograder.checks import checks_for
from autograder.checks.base import Context
from autograder.grade import run_check, settle
from autograder.inprocess import InProcessSession, reference_session
from tests.fixtures.build import fixture_path, reference_source


def source_of(aid, fixture=None, base=True):
    parts = [reference_source(aid)] if base else []
    if fixture:
        parts.append(fixture_path(aid, fixture).read_text(encoding="utf-8"))
    return "\n\n".join(parts)


def grade_source(aid, source, seed=11, include_hidden=True, only=None):
    """Graded in a forked child: some fixtures patch numpy itself (e.g. `*_hides`, which hide
    an in-place write), which must not leak into the next fixture, as the sandbox guarantees.
    `only`: names of the checks to run (the Keras catalog's proofs skip the long trainings)."""
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(1) as pool:
        results, replies = pool.apply(_grade_and_remember,
                                      (aid, source, seed, include_hidden, only))
    diagnosis.remember(replies)  # the next fixture's child inherits the catalog's replies
    return results


def _grade_and_remember(aid, source, seed, include_hidden, only):
    """The results, and the catalog's replies computed here unless the fixture patched numpy
    (then they may be the patch's, and stay in this child)."""
    before, known = _numpy_attributes(), diagnosis.remembered()
    results = _grade_here(aid, source, seed, include_hidden, only)
    after = _numpy_attributes()  # (grading may import more of numpy, e.g. numpy.ma: not a patch)
    patched = any(after.get(name, {}).get(k) != v for name, attrs in before.items()
                  for k, v in attrs.items())
    return results, ({}, {}) if patched else diagnosis.remembered(since=known)


def _numpy_attributes():
    import sys
    return {name: {k: id(v) for k, v in vars(module).items()}
            for name, module in list(sys.modules.items())
            if module is not None and (name == "numpy" or name.startswith("numpy."))}


def _grade_here(aid, source, seed, include_hidden, only=None):
    import os
    ns = {"__name__": "submission"}
    exec(compile(source, f"{aid}.py", "exec"), ns)  # trusted fixture code
    session = InProcessSession(ns)
    ctx = Context(rng=np.random.default_rng(seed), mnist_path=os.environ.get("NNLAB_MNIST"))
    checks = [c for c in checks_for(aid, include_hidden) if only is None or c.name in only]
    results = [run_check(c, session, ctx, aid, lambda: reference_session(aid)) for c in checks]
    return settle(checks, results)


def grade_fixture(aid, fixture, seed=11, base=True, own_only=False):
    """own_only: only the checks of the functions the fixture defines (the others run the
    reference, or the reference again after an isolate rerun); the full grade otherwise."""
    only = own_checks(aid, fixture) if own_only else None
    return grade_source(aid, source_of(aid, fixture, base), seed, only=only)


def own_checks(aid, fixture):
    """Names of the checks (hidden ones too) whose function the fixture's file defines."""
    import ast
    tree = ast.parse(fixture_path(aid, fixture).read_text(encoding="utf-8"))
    defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    defined |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                if isinstance(t, ast.Name)}
    return {c.name for c in checks_for(aid, True) if c.function in defined}
