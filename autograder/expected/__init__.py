"""Expected values of public checks, precomputed from the reference into <id>.json beside this file.

Students get these JSON files, never the reference code. `python -m autograder.expected --write`
regenerates them (instructor side); tests prove the committed files are current.
"""
import argparse
import functools
import json
from pathlib import Path

import numpy as np

from autograder.assignments import ASSIGNMENT_IDS
from autograder.checks import weights
from autograder.sandbox import codec

FOLDER = Path(__file__).resolve().parent  # this package holds the JSON files
PUBLIC_SEED = 20250818  # the lecture's date; public checks must not depend on it, but Context needs one


@functools.lru_cache(maxsize=None)
def load(assignment):
    path = FOLDER / f"{assignment}.json"
    if not path.exists():
        return {}
    return {k: codec.decode(v) for k, v in json.loads(path.read_text()).items()}


def build(assignment):
    """{check name: encoded expected value} for the public, reference-backed checks."""
    from autograder.checks import checks_for
    from autograder.checks.base import Context
    from autograder.inprocess import reference_session

    ctx = Context(rng=np.random.default_rng(PUBLIC_SEED))
    out, session = {}, None
    for check in checks_for(assignment, include_hidden=False):
        if check.expected != "reference":
            continue
        session = session or reference_session(assignment)  # only when needed: 05-07 import TF
        reply = session.probe(check.probe, check.make_args(ctx))
        if reply.status != "ok":
            raise RuntimeError(f"reference failed {assignment}/{check.name}: {reply.error}")
        out[check.name] = codec.encode(reply.value, readable=True)
    return out


def render(assignment):
    return json.dumps(build(assignment), indent=1, sort_keys=True) + "\n"


def render_points():
    """points.json: public points of assignments whose weights do not sum to 100."""
    from autograder.checks import declared
    return json.dumps(weights.table(ASSIGNMENT_IDS, declared), indent=1, sort_keys=True) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite the JSON files")
    parser.add_argument("assignments", nargs="*", default=list(ASSIGNMENT_IDS))
    args = parser.parse_args(argv)
    stale = []
    for aid in args.assignments:
        text, path = render(aid), FOLDER / f"{aid}.json"
        stored = path.read_text() if path.exists() else "{}\n"  # no file: no stored values
        if args.write and text != stored:
            path.write_text(text)
        elif text != stored:
            stale.append(aid)
    points = render_points()  # every assignment: one file (checks/weights.py)
    path = weights.STORED
    stored = path.read_text() if path.exists() else "{}\n"
    if args.write and points != stored:
        path.write_text(points)
    elif points != stored:
        stale.append(path.name)
    if stale:
        raise SystemExit(f"stale expected values: {', '.join(stale)} (run with --write)")

