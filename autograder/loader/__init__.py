"""Submission → list of source chunks the sandbox runs (see `filter` for what is kept)."""
from autograder.loader.locate import find_submissions, SubmissionFile  # noqa: F401
from autograder.loader.notebook import Source, read_source  # noqa: F401
