"""What runs inside Gradescope: grade /autograder/submission into results/results.json.

`run_autograder` (written by `gradescope_zip`) calls ``python -m autograder.integrations.gradescope
run``, which is `main` here. results.json is *always* written: a grader crash or the time budget
give score 0 and a message instead.
"""
import argparse
import hashlib
import json
import os
import secrets
import signal
import sys
import time
import traceback
from pathlib import Path

from autograder.integrations import gradescope_setup
from autograder.integrations.gradescope_zip import CONFIG_NAME

METADATA_BYTES = 1_000_000  # Gradescope's submission_metadata.json is a few kB


def find_in_submission(root, assignment=None, every=False):
    """SubmissionFiles for a Gradescope submission folder, by the locator's rule (students
    rename and nest files; links are refused, never followed).

    assignment: the zip's own assignment (the folder is known to hold it); every=True: all
    assignments, one SubmissionFile each (path None for those not submitted).
    """
    from autograder.assignments import ASSIGNMENT_IDS
    from autograder.loader.locate import locate, scan
    root = Path(root).resolve()  # /autograder/submission itself may be a link; nothing below
    if assignment:
        return [locate(root, assignment, known=True)]
    if not every:
        return []
    entries = scan(root)
    return [locate(root, aid, entries=entries) for aid in ASSIGNMENT_IDS]


def fallback_results(message, started=None):
    out = {"score": 0, "output": message, "stdout_visibility": "hidden",
           "tests": [{"name": "autograder", "score": 0, "max_score": 0, "status": "failed",
                      "output": message, "visibility": "visible"}]}
    if started is not None:
        out["execution_time"] = round(time.monotonic() - started, 3)
    return out


def error_results(detail, lang, started=None):
    """results.json for the grader's own failure: no score (never a 0); students see only
    "grading error — your instructor has been notified"; DETAIL goes to the autograder output
    (stdout, which `stdout_visibility: hidden` shows to instructors only) and to extra_data."""
    print(f"nngrade grading error: {detail}", flush=True)
    from autograder.grading_error import for_students
    data = fallback_results(for_students(lang), started)
    del data["score"], data["tests"][0]["score"]
    data["extra_data"] = {"grading_error": str(detail)[:4000]}
    return data


def submission_seed(metadata_path, salt):
    """The hidden checks' seed for this submission → (seed, source): sha256 of the zip's salt,
    the Gradescope assignment id and submission id from submission_metadata.json (the same on a
    regrade of that submission, different for another submission or student); a random seed
    when the file is missing or unreadable (source says which)."""
    try:
        with open(metadata_path, "rb") as fh:
            meta = json.loads(fh.read(METADATA_BYTES + 1)[:METADATA_BYTES])
        submission_id = meta["id"]
        assignment = meta.get("assignment") or {}
        assignment_id = assignment.get("id", "") if isinstance(assignment, dict) else ""
        if not isinstance(submission_id, (int, str)) or str(submission_id) == "":
            raise ValueError("no submission id")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return secrets.randbits(32), f"random ({type(exc).__name__} reading {metadata_path})"
    text = f"{salt}:{assignment_id}:{submission_id}".encode()
    seed = int.from_bytes(hashlib.sha256(text).digest()[:4], "big")
    return seed, f"submission_metadata (assignment {assignment_id}, submission {submission_id})"


def message(key, lang, **fields):
    """A gradescope.* sentence (static catalog keys: works even when the checks cannot load)."""
    from autograder.messages import render
    return render(f"gradescope.{key}", fields, lang)


def run(source, submission, results_dir, metadata=None):
    """Grade a Gradescope submission folder → results.json (always written). METADATA:
    Gradescope's submission_metadata.json (default: beside the submission folder)."""
    from autograder.grader_fault import GraderFault
    from autograder.sandbox.isolation import IsolationRequired
    started = time.monotonic()
    if metadata is None:
        metadata = Path(submission).parent / "submission_metadata.json"
    results_dir = Path(results_dir)
    results_dir.mkdir(parents=True, exist_ok=True)
    target = results_dir / "results.json"
    lang = "ko"
    data = None
    try:
        config_path = Path(source) / CONFIG_NAME
        config = json.loads(config_path.read_text()) if config_path.is_file() else {}
        lang = config.get("lang") or "ko"
        aid = config.get("assignment")
        if config.get("unsafe_no_isolation"):  # the instructor's explicit choice at zip build
            from autograder.sandbox import isolation
            os.environ[isolation.UNSAFE_ENV] = "1"
        every = bool(config.get("all")) and not aid
        from autograder.assignments import ASSIGNMENT_IDS
        if aid and aid not in ASSIGNMENT_IDS:
            raise ValueError(f"the zip's config names an unknown assignment {aid!r}")
        from autograder.options import GradeOptions, mnist_from_environment
        mnist = mnist_from_environment()
        if not mnist and config.get("mnist") and (Path(source) / config["mnist"]).is_file():
            mnist = str(Path(source) / config["mnist"])
        files = find_in_submission(submission, aid, every)
        if not aid and not every:  # an old zip built without --assignment / --all
            data = fallback_results(message("no_assignment", lang), started)
        elif not every and files[0].path is None:
            data = fallback_results(message("no_file", lang, expected=f"{aid}.ipynb"), started)
        else:
            from autograder.grade_student import grade_each
            from autograder.reporters.gradescope import to_dict
            gradescope_setup.protect_private(source, results_dir)
            seed, seed_source = submission_seed(metadata, config.get("seed_salt", ""))
            options = GradeOptions(mode=config.get("mode") or "quick", seed=seed,
                                   include_hidden=True, mnist_path=mnist)
            results = list(grade_each(files, options))  # --all: Keras in one sandbox child
            data = to_dict(results, lang, time.monotonic() - started)
            notes = [f"{r.assignment}: {Path(r.file).name if r.file else '-'} (seed {r.seed})"
                     for r in results]
            if every:
                notes.insert(0, message("all_assignments", lang, count=len(results),
                                        total=f"{sum(r.max_score for r in results):g}"))
            if any(c.hidden for r in results for c in r.checks):
                notes.append(message("hidden", lang))
            data["output"] = "\n".join(notes)
            data["stdout_visibility"] = "hidden"
            data.setdefault("extra_data", {})["seed_source"] = seed_source
            from autograder.sandbox.isolation import status
            data["extra_data"]["isolation"] = status().level
            from autograder import grading_error as faults  # no points for what the grader
            if faults.any_error(results):  # could not measure; the reason goes to hidden stdout
                data["output"] = faults.for_students(lang) + "\n" + data["output"]
                print("\n".join(faults.instructor_lines(results)), flush=True)
    except IsolationRequired as exc:  # nothing isolates student code here: a grading error
        data = error_results(f"isolation refused: {exc.status.level}: {exc.status.why}", lang,
                             started)
    except GraderFault as exc:
        data = error_results(f"{exc.key} {exc.fields}", lang, started)
    except Stopped:
        budget = os.environ.get("NNGRADE_GS_BUDGET", "?")
        data = fallback_results(message("stopped", lang, budget=budget), started)
    except Exception:  # never leave Gradescope without a results.json
        traceback.print_exc(file=sys.stdout)
        data = error_results(traceback.format_exc()[-4000:], lang, started)
    finally:
        if data is None:
            data = error_results("interrupted", lang, started)
        from autograder.sandbox.reaper import write_output  # ends escapees, then writes atomically
        write_output(target, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return data


class Stopped(BaseException):
    """SIGTERM (run_autograder's time budget, or Gradescope stopping the container)."""


def _stop(signum, frame):
    raise Stopped()


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.integrations.gradescope")
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="grade a Gradescope submission (what run_autograder calls)")
    r.add_argument("--source", required=True)
    r.add_argument("--submission", required=True)
    r.add_argument("--results", required=True)
    r.add_argument("--metadata", help="submission_metadata.json (default: beside --submission)")
    c = sub.add_parser("setup-check", help="setup.sh: protect the grader's files; fail when "
                       "nothing here can isolate student code")
    c.add_argument("--source", required=True)
    c.add_argument("--results", required=True)
    args = parser.parse_args(argv)
    if args.command == "setup-check":
        return gradescope_setup.main(args)
    signal.signal(signal.SIGTERM, _stop)  # `timeout` → finally: still write results.json
    run(args.source, args.submission, args.results, args.metadata)
    return 0
