"""nbgrader post-convert hook: one summary line per graded submission, read from the gradebook.

`nbgrader autograde` itself logs no score. With this hook (set in nbgrader_config.py) every
(student, assignment) ends with a line such as

    [AutogradeApp | INFO] [nngrade] alice/01_perceptron: 58 / 100

read back from `gradebook.db` after `SaveAutoGrades` wrote it, so the lines are what the gradebook
holds (what `nbgrader export` and the feedback will show). nbgrader passes its command-line
patterns as `assignment`/`student` (e.g. "*"); the ids come from each notebook's path,
``submitted/<student>/<assignment>/<notebook>.ipynb``.
"""
import logging
from pathlib import Path

log = logging.getLogger("autograder.nbgrader")


def log_scores(notebooks, **_):
    from nbgrader.api import Gradebook, MissingEntry
    from traitlets.config import Application
    app = Application.instance() if Application.initialized() else None
    if app is None or getattr(app, "coursedir", None) is None:
        return
    logger = app.log
    seen = []
    for path in notebooks:
        parts = Path(path).parts
        key = (parts[-3], parts[-2])
        if len(parts) >= 3 and key not in seen:
            seen.append(key)
    with Gradebook(app.coursedir.db_url) as gradebook:
        for student, assignment in seen:
            try:
                sub = gradebook.find_submission(assignment, student)
            except MissingEntry:
                logger.warning("[nngrade] %s/%s: not in the gradebook (not graded)", student,
                               assignment)
                continue
            logger.info("[nngrade] %s/%s: %g / %g", student, assignment, sub.score,
                        sub.max_score)
