"""Gradescope results.json schema (also nngrade's --format json).

A grading error (the grader could not measure) has no score: its tests carry `max_score` and
"grading error: <reason>" but no `score`, the top-level `score` is left out (Gradescope then
sums the tests that have one) and `extra_data.grading_errors` names the reasons.
"""
import json

from autograder.grading_error import label
from autograder.reporters.catalogs import render


def diagnoses(res):
    """The misconceptions found in one assignment, each once, in check order."""
    return list(dict.fromkeys(i for c in res.checks for i in getattr(c, "diagnoses", ())))


def to_dict(results, lang="ko", execution_time=None):
    tests = []
    for res in results:
        for key, fields in res.problems:
            tests.append({"name": f"{res.assignment}: loading", "score": 0, "max_score": 0,
                          "status": "failed", "output": render(key, fields, lang),
                          "visibility": "visible"})
        for check in res.checks:
            if check.error is not None:
                tests.append({"name": f"{res.assignment}: {check.name}",
                              "max_score": check.max_score, "status": "failed",
                              "output": label(check.error, lang),
                              "visibility": "after_published" if check.hidden else "visible"})
                continue
            tests.append({
                "name": f"{res.assignment}: {check.name}",
                "score": check.score,
                "max_score": check.max_score,
                "status": check.status,
                "output": render(check.key, check.fields, lang),
                # hidden checks show only after grades are published
                "visibility": "after_published" if check.hidden else "visible",
            })
            if check.diagnoses:  # ids of the known misconceptions its values matched
                tests[-1]["extra_data"] = {"diagnoses": list(check.diagnoses)}
    out = {"score": round(sum(r.score for r in results if r.error is None), 4), "tests": tests,
           "extra_data": {"seeds": {r.assignment: r.seed for r in results},
                          "diagnoses": {r.assignment: diagnoses(r) for r in results}}}
    errors = {r.assignment: label(r.error, lang) for r in results if r.error is not None}
    if errors:
        del out["score"]
        out["extra_data"]["grading_errors"] = errors
    out["execution_time"] = round(execution_time if execution_time is not None
                                  else sum(r.seconds for r in results), 3)
    return out


def report(results, lang="ko", execution_time=None):
    return json.dumps(to_dict(results, lang, execution_time), ensure_ascii=False, indent=1) + "\n"
