"""Instructor-only generator of the course notebooks and student stubs.

* ``python -m authoring.build``            → source/<id>/<id>.ipynb and tests/fixtures/stubs/<id>.py
* ``python -m authoring.build --check``    → exit 1 when a generated file is stale
* ``python -m authoring.build --release``  → also run ``nbgrader generate_assignment`` into
  assignments/ (student release, committed)

Inputs: authoring/templates/<id>.md (Korean text + experiment code, format in
``authoring.template``), solutions/<mod>.py (reference code, via ``inspect.getsource``) and the
check registry (``autograder.checks.checks_for``) for the graded test cells.
Not shipped to students.
"""
