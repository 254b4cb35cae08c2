"""Instructor-side integrations: Gradescope zip, CSV merging, grade report (CLI subcommands).

`autograder.batch` grades a class; this package moves grades between nngrade and the outside:

* ``nngrade gradescope-zip``   autograder.zip for a Gradescope programming assignment
                                (`gradescope.py` CLI, `gradescope_zip.py` builds it,
                                `gradescope_run.py` runs inside Gradescope; the zip holds the
                                reference: never give it out)
* ``nngrade merge-csv``         join per-shard batch CSVs (`merge.py`)
* ``nngrade report``            score histograms and most-failed checks, PNG + HTML (`class_report.py`)

GitHub Classroom / Actions templates live in ``.github/`` (see ``.github/README.md``); they
use ``nngrade grade --format classroom`` and ``nngrade batch --shard``.
"""


def add_parsers(subparsers, add_common):
    from autograder.integrations import class_report, gradescope, merge
    gradescope.add_parser(subparsers, add_common)
    merge.add_parser(subparsers)
    class_report.add_parser(subparsers)
