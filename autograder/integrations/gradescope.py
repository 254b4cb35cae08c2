"""Gradescope: build autograder.zip (`gradescope_zip`), and the code that runs inside it
(`gradescope_run`); this module is the CLI and re-exports both.

    nngrade gradescope-zip --assignment 01_perceptron [--out autograder.zip] [--full]
    nngrade gradescope-zip --all [--out autograder.zip]

The zip (upload it as the autograder of a Gradescope "Programming Assignment"; Ubuntu base
image) holds, at its root:

* ``setup.sh``            makes ``/autograder/venv`` with the Python the zip was built with (apt
                          installs it when the image lacks it), installs ``requirements.txt``
                          (every runtime dependency pinned to the builder's versions; falls back to
                          ``requirements-direct.txt``, nnlab's direct dependencies pinned) and the
                          wheel, then imports the hidden checks once as a smoke test, makes
                          the grader's files root-only and fails (one line, non-zero) when no
                          isolation level that grades hidden checks is available
                          (`gradescope_setup`); its minimum Python is the oldest every pinned
                          wheel supports;
* ``run_autograder``      grades ``/autograder/submission`` (files found by
                          ``autograder/loader/locate.py``, the rule every frontend uses) into
                          ``/autograder/results/results.json``
                          and *always* writes that file: a grader crash, a missing Python or the
                          time budget running out give score 0 and a message instead;
* ``nnlab-<v>-py3-none-any.whl``  the *instructor* package: ``autograder`` with the hidden checks,
                          ``solutions`` (hidden checks compute expected values from the reference
                          at grading time) and ``nndata``. The zip is therefore instructor-only:
                          never publish it;
* ``nngrade_gradescope.json``  {assignment, all, mode, lang, mnist}: a zip grades the assignment it
                          was built for (``--assignment ID``: files of other assignments in the
                          submission are ignored, so re-uploaded earlier work earns nothing); only
                          a zip built with ``--all`` grades every assignment, each found by the
                          locator's rule, and reports against its own total (7 x 100, an
                          assignment not submitted scoring 0), saying so in the output;
* ``mnist.npz``           in a 06_mnist or ``--all`` zip built with ``--mnist``/``$NNLAB_MNIST``
                          (no download at grading; the other assignments do not use it).

results.json follows Gradescope's schema (``reporters/gradescope.py``): one test per check,
hidden checks with ``"visibility": "after_published"`` (Gradescope then also hides the total until
grades are published), loading problems as visible 0-point tests, ``stdout_visibility: hidden``.
The grader's own failures (isolation refused, a crash) show students only "grading error — your
instructor has been notified"; the reason goes to the autograder output (instructors only) and
``extra_data.grading_error``. The hidden checks' seed comes from ``submission_metadata.json``
(``gradescope_run.submission_seed``), recorded with its source in ``extra_data``.

For tests, every root is overridable: ``NNGRADE_GS_ROOT`` (default ``/autograder``) and, below
it unless set, ``NNGRADE_GS_SOURCE``, ``NNGRADE_GS_SUBMISSION``, ``NNGRADE_GS_RESULTS``,
``NNGRADE_GS_PYTHON`` (default ``$ROOT/venv/bin/python``).
"""
import argparse
import sys
from pathlib import Path

from autograder.integrations.gradescope_run import (  # noqa: F401  (the run side)
    find_in_submission, main, run)
from autograder.integrations.gradescope_zip import (  # noqa: F401  (the build side)
    ISOLATION_SH, CONFIG_NAME, RUN_AUTOGRADER, SETUP_SH, build_zip)


def cmd_zip(args):
    mnist = None if args.no_mnist else getattr(args, "mnist", None)
    if mnist and not Path(mnist).is_file():
        print(f"nngrade gradescope-zip: no such MNIST file: {mnist}", file=sys.stderr)
        return 2
    path = build_zip(args.out, args.assignment, args.mode, args.lang, mnist, args.time_budget,
                     every=args.all,
                     unsafe_no_isolation=getattr(args, "unsafe_no_isolation", False))
    size = path.stat().st_size / 2**20
    print(f"wrote {path} ({size:.1f} MB; instructor-only: it holds the reference solutions)")
    return 0


def add_parser(subparsers, add_common):
    from autograder.assignments import ASSIGNMENT_IDS
    p = subparsers.add_parser("gradescope-zip", help="instructors: build Gradescope autograder.zip",
                              description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="autograder.zip")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--assignment", choices=ASSIGNMENT_IDS,
                       help="the assignment this Gradescope assignment grades (the normal case)")
    which.add_argument("--all", action="store_true",
                       help="grade every assignment in each submission, against a total of "
                            f"{len(ASSIGNMENT_IDS)} x 100 (say so to the students)")
    p.add_argument("--no-mnist", action="store_true",
                   help="do not bundle MNIST even if --mnist/$NNLAB_MNIST is set")
    p.add_argument("--time-budget", type=int, default=0, metavar="SECONDS",
                   help="stop grading after this long and report it (set it below Gradescope's "
                        "own limit); 0: none")
    add_common(p)
    p.set_defaults(func=cmd_zip)
    return p


if __name__ == "__main__":
    sys.exit(main())
