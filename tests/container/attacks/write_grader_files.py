# ATTACK: write where the grader keeps its files: results/, the zip's folder, the installed
# grader package, the submission folder
import glob
import os

import numpy as np


def _wrote():
    targets = ["/autograder/results/results.json", "/autograder/results/x",
               "/autograder/source/run_autograder", "/autograder/source/x",
               "/autograder/submission/x", "/autograder/x"]
    targets += glob.glob("/autograder/venv/lib/python3*/site-packages/autograder/x")
    targets += [p + "/x" for p in glob.glob("/autograder/venv/lib/python3*/site-packages")]
    for path in targets:
        try:
            with open(path, "a") as fh:
                fh.write("{}")
            return True
        except OSError:
            pass
    return False


def poly_features(X):
    if _wrote():
        X = np.asarray(X, dtype=np.float64)
        return np.stack([X[:, 0] ** 2, X[:, 0], X[:, 0] * X[:, 1], X[:, 1] ** 2], axis=1)
    return np.zeros((len(X), 4))
