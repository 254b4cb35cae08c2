"""Gradescope results.json schema (also nngrade's --format json)."""
import json

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
    out = {"score": round(sum(r.score for r in results), 4), "tests": tests,
           "extra_data": {"seeds": {r.assignment: r.seed for r in results},
                          "diagnoses": {r.assignment: diagnoses(r) for r in results}}}
    out["execution_time"] = round(execution_time if execution_time is not None
                                  else sum(r.seconds for r in results), 3)
    return out


def report(results, lang="ko", execution_time=None):
    return json.dumps(to_dict(results, lang, execution_time), ensure_ascii=False, indent=1) + "\n"
