"""GitHub Classroom autograding result, as classroom-resources/autograding-grading-reporter reads it.

The reporter action takes ``runners: <id>`` and reads env ``<ID>_RESULTS``: base64 of this JSON,
the same shape autograding-command-grader / -python-grader put in their ``result`` output:

    {"version": 1, "status": "pass" | "fail" | "error", "max_score": <number>,
     "tests": [{"name", "status", "score", "max_score", "message", "output", "test_code",
                "filename", "line_no", "duration"}, ...]}

The reporter sums ``tests[].score`` against the top-level ``max_score`` (so partial credit
counts) and fails the workflow when ``status`` is "fail" or "error". It prints ``message`` only
for tests whose status is "error", so loading problems use that status (with 0 points) and
``python -m autograder.reporters.classroom RESULT.json`` prints the full feedback in the log.
A grading error (no score) is a test with status "error" and 0 of 0 points (the reporter needs
numbers; 0/0 is not a grade), its assignment's points are left out of ``max_score``, and the
top-level status is "error", which fails the workflow with "grading error: <reason>".

`nngrade grade --format classroom` prints the JSON; ``--github-output "$GITHUB_OUTPUT"`` (see
`main`) base64-encodes it into the step's ``result`` output (.github/classroom/autograding.yml).
"""
import base64
import json
import sys

from autograder.grading_error import label
from autograder.reporters.catalogs import render


def to_dict(results, lang="ko"):
    tests = []
    for res in results:
        for key, fields in res.problems:
            text = render(key, fields, lang)
            tests.append({"name": f"{res.assignment}: loading", "status": "error", "score": 0,
                          "max_score": 0, "message": text, "output": text, "test_code": "",
                          "filename": "", "line_no": 0, "duration": 0})
        for check in res.checks:
            if check.error is not None:
                text = label(check.error, lang)
                tests.append({"name": f"{res.assignment}: {check.name}", "status": "error",
                              "score": 0, "max_score": 0, "message": text, "output": text,
                              "test_code": "", "filename": "", "line_no": 0, "duration": 0})
                continue
            text = render(check.key, check.fields, lang)
            tests.append({
                "name": f"{res.assignment}: {check.name}",
                "status": "pass" if check.passed else "fail",
                "score": check.score, "max_score": check.max_score,
                "message": text, "output": text, "test_code": "", "filename": "", "line_no": 0,
                "duration": int(round(check.seconds * 1000)),  # ms, as the command grader
            })
    checks = [c for r in results for c in r.checks]
    status = "pass" if checks and all(c.passed for c in checks) else "fail"
    if any(r.error is not None for r in results):
        status = "error"
    return {"version": 1, "status": status,
            "max_score": round(sum(r.max_score for r in results if r.error is None), 4),
            "tests": tests}


def error_result(message, name="nngrade"):
    """What the workflow reports when the grader itself could not run."""
    return {"version": 1, "status": "error", "max_score": 0,
            "tests": [{"name": name, "status": "error", "score": 0, "max_score": 0,
                       "message": message, "output": message, "test_code": "", "filename": "",
                       "line_no": 0, "duration": 0}]}


def report(results, lang="ko"):
    return json.dumps(to_dict(results, lang), ensure_ascii=False) + "\n"


def summary(data):
    """Human-readable lines for a workflow log."""
    lines = []
    for t in data.get("tests", []):
        mark = {"pass": "✔", "fail": "✘"}.get(t.get("status"), "!")
        points = f"{t.get('score', 0):g}/{t.get('max_score', 0):g}"
        line = f"{mark} {t.get('name')}  {points}"
        if t.get("status") != "pass" and t.get("message"):
            line += f"  — {t['message']}"
        lines.append(line)
    total = sum(t.get("score", 0) for t in data.get("tests", []))
    lines.append(f"== {total:g} / {data.get('max_score', 0):g}  ({data.get('status')})")
    return "\n".join(lines) + "\n"


def encode(data):
    """The value of the step output the reporter reads: base64 of the compact JSON."""
    return base64.b64encode(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def main(argv=None):
    """Workflow helper (stdlib only, works even if grading failed):

    python -m autograder.reporters.classroom RESULT.json [--github-output FILE]
        print the feedback; append ``result=<base64>`` to FILE ($GITHUB_OUTPUT)
    python -m autograder.reporters.classroom RESULT.json --error MESSAGE
        first (over)write RESULT.json with a status "error" result carrying MESSAGE
    """
    import argparse
    parser = argparse.ArgumentParser(prog="python -m autograder.reporters.classroom",
                                     description=main.__doc__)
    parser.add_argument("result")
    parser.add_argument("--github-output", metavar="FILE")
    parser.add_argument("--error", metavar="MESSAGE")
    args = parser.parse_args(argv)
    if args.error is not None:
        with open(args.result, "w", encoding="utf-8") as fh:
            json.dump(error_result(args.error), fh, ensure_ascii=False)
    with open(args.result, encoding="utf-8") as fh:
        data = json.load(fh)
    sys.stdout.write(summary(data))
    if args.github_output:
        with open(args.github_output, "a", encoding="utf-8") as fh:
            fh.write(f"result={encode(data)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
