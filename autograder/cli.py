"""`nngrade`: grade a submission, let a student check their work, grade a class in batch."""
import argparse
import importlib.util
import os
import sys
import time

from autograder.assignments import ASSIGNMENT_IDS
from autograder.preflight import REFUSED as REFUSED_EXIT

FORMATS = ("text", "json", "gradescope", "junit", "csv", "classroom")


def render(results, fmt, lang, seconds):
    if fmt == "text":
        from autograder.reporters.text import report
        return report(results, lang)
    if fmt in ("json", "gradescope"):
        from autograder.reporters.gradescope import report
        return report(results, lang, seconds)
    if fmt == "junit":
        from autograder.reporters.junit import report
        return report(results, lang)
    if fmt == "classroom":
        from autograder.reporters.classroom import report
        return report(results, lang)
    from autograder.reporters.csv_rows import report
    return report(results)


def write(text, out):
    # lone surrogates can come from student strings (JSON "\ud800" escapes): never crash on them
    text = text.encode("utf-8", "replace").decode("utf-8")
    if out:
        from autograder.sandbox.reaper import write_output
        write_output(out, text)  # leftovers of the child killed first; atomic
    else:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # `nngrade ... | head`: the reader has what it wanted
            stdout_to_devnull()


def stdout_to_devnull():
    """After a closed pipe: later writes and the exit's flush go nowhere (no traceback)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def grade_options(args, include_hidden):
    """The one GradeOptions of this command line (args.mnist was resolved in `main`)."""
    from autograder.options import GradeOptions
    return GradeOptions(mode=args.mode, seed=args.seed, include_hidden=include_hidden,
                        mnist_path=args.mnist)


CHECKS_FAILED = 1  # exit code of `nngrade check`: graded, some public check not passed


def cmd_grade(args, include_hidden=True, preflight=True, failed_exit=0):
    started = time.monotonic()
    if getattr(args, "public_only", False):
        include_hidden = False
    from autograder.sandbox.isolation import IsolationRequired
    from autograder import grading_error
    try:
        if preflight and os.path.isdir(args.path):  # a folder: check the cheap things up front
            refused = preflight_refusal(args, include_hidden)
            if refused:
                return refused
        results = grade_with_progress(args, grade_options(args, include_hidden))
    except IsolationRequired as exc:
        return refuse(exc.status, args.lang)
    except ValueError as exc:  # nothing to grade: the grader could not run
        print(f"nngrade: {exc}", file=sys.stderr)
        return 2
    write(render(results, args.format, args.lang, time.monotonic() - started), args.out)
    faulted = grading_error.any_error(results)
    for res in faulted:  # one line each, saying what to fix
        print(f"nngrade: {res.assignment}: {grading_error.label(res.error, args.lang)}",
              file=sys.stderr)
    if faulted:
        return grading_error.EXIT_CODE
    return failed_exit if any(r.score < r.max_score for r in results) else 0


def grade_with_progress(args, options):
    """`grade.grade_path` (`grade_student.grade_each`: Keras in one sandbox child), with a line
    on stderr as each assignment finishes (batch's style: `batch_progress.Progress`) when more
    than one is graded or stderr is a terminal."""
    from pathlib import Path

    from autograder.batch_progress import Progress, score_text
    from autograder.grade_student import grade_each
    from autograder.loader.locate import find_submissions
    submissions = find_submissions(Path(args.path), args.assignment)  # ValueError: nothing
    shown = not getattr(args, "quiet", False) and (len(submissions) > 1 or sys.stderr.isatty())
    progress = Progress(len(submissions), enabled=shown)
    results = []
    for result in grade_each(submissions, options):  # one student: Keras in one sandbox child
        progress.step(f"{result.assignment} {score_text(result)}", result.error is not None)
        results.append(result)
    progress.close()
    return results


REFUSED = REFUSED_EXIT  # exit code: refused before grading (isolation, or a preflight check)


def preflight_refusal(args, include_hidden):
    """Grading a folder: REFUSED (and the reasons on stderr) when every result of an assignment
    found there would be a grading error; None to go on."""
    from autograder import preflight
    from autograder.checks import hidden_available
    from autograder.loader import find_submissions
    from pathlib import Path
    found = find_submissions(Path(args.path), args.assignment)
    aids = {s.assignment for s in found if s.path is not None}
    problems = preflight.problems(aids, include_hidden and hidden_available(), args.mnist,
                                  sandbox_imports=False)  # those cost a sandbox: batch only
    for line in preflight.refusal_lines(problems, args.lang):
        print(f"nngrade: {line}", file=sys.stderr)
    return REFUSED if problems else None


def refuse(found, lang):
    from autograder.messages import render
    why = found.explain(lang)
    print(f"nngrade: {render('sandbox.isolation_required', {'why': why}, lang)}",
          file=sys.stderr)
    return REFUSED


def cmd_check(args):
    args.path = args.dir
    args.format, args.out, args.seed = "text", None, None
    note = {"ko": "공개 테스트만 실행합니다. 비공개(hidden) 테스트는 제출 후 채점됩니다.",
            "en": "Public checks only; hidden checks run when your submission is graded."}
    from autograder.extras import explain_missing, missing_modules
    missing = missing_modules(args.assignment)
    if missing:  # the light install (NumPy only): say which command adds TensorFlow
        print(f"nngrade: {explain_missing(args.assignment, missing, args.lang)}", file=sys.stderr)
        return 2
    write(note[args.lang] + "\n", None)
    return cmd_grade(args, include_hidden=False, preflight=False, failed_exit=CHECKS_FAILED)


def add_common(p):
    p.add_argument("--lang", choices=("ko", "en"), default="ko")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--quick", dest="mode", action="store_const", const="quick",
                      help="short training (1 MNIST epoch); the default")
    mode.add_argument("--full", dest="mode", action="store_const", const="full",
                      help="train as the assignment states (5 MNIST epochs)")
    p.set_defaults(mode="quick")
    p.add_argument("--mnist", metavar="NPZ", help="MNIST .npz (default: $NNLAB_MNIST or Keras)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="show what the sandbox printed (TensorFlow's log lines, the submission's "
                        "prints) on stderr; without it they are kept out of the terminal")
    p.add_argument("--unsafe-no-isolation", action="store_true",
                   help="grade hidden checks even where student code cannot be isolated "
                        "(no namespaces): it could read the reference and rewrite outputs")


def parser():
    top = argparse.ArgumentParser(prog="nngrade", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)

    g = sub.add_parser("grade", help="grade one submission (file or folder)")
    g.add_argument("path")
    g.add_argument("--assignment", choices=ASSIGNMENT_IDS)
    g.add_argument("--format", choices=FORMATS, default="text")
    g.add_argument("--out", metavar="FILE")
    g.add_argument("--seed", type=int, help="seed for hidden-check inputs (default: random)")
    g.add_argument("--public-only", action="store_true",
                   help="run only the public checks (what students can run; CI templates)")
    g.add_argument("-q", "--quiet", action="store_true",
                   help="no progress line per assignment on stderr")
    add_common(g)
    g.set_defaults(func=cmd_grade)

    c = sub.add_parser("check", help="students: run the public checks on your notebook",
                       epilog="exit status: 0 every public check passed, 1 some failed, "
                              "2 nothing to check (or TensorFlow missing), "
                              "4 grading error (no score)")
    c.add_argument("assignment", choices=ASSIGNMENT_IDS)
    c.add_argument("--dir", default=".", help="folder holding <id>.ipynb (default: here)")
    add_common(c)
    c.set_defaults(func=cmd_check)

    from autograder.batch import add_parser as add_batch
    add_batch(sub, add_common)
    if instructor_tools_installed():  # gradescope-zip, merge-csv, report
        from autograder.integrations import add_parsers as add_integrations
        add_integrations(sub, add_common)
    return top


def instructor_tools_installed():
    """The student wheel leaves `autograder.integrations` out (autograder/distribute.py); a
    broken integration module must fail loudly, not silently remove its subcommands."""
    return importlib.util.find_spec("autograder.integrations") is not None


def main(argv=None):
    args = parser().parse_args(argv)
    from autograder.options import mnist_from_environment
    args.mnist = mnist_from_environment(getattr(args, "mnist", None))  # once; subcommands read it
    from autograder.sandbox import isolation, reaper
    if getattr(args, "verbose", False):
        from autograder.sandbox import verbose
        os.environ[verbose.ENV] = "1"  # read by every sandbox, inherited by `batch` workers
    if getattr(args, "unsafe_no_isolation", False):
        os.environ[isolation.UNSAFE_ENV] = "1"  # inherited by `batch` workers
    from autograder.checks import hidden_available
    hidden = hidden_available() and not getattr(args, "public_only", False)
    if hidden and args.command in ("batch", "grade"):
        found = isolation.status()  # refuse before any work (batch would fail every row)
        if not found.real:
            if not isolation.unsafe_allowed():
                return refuse(found, getattr(args, "lang", "ko"))
            reaper.become_subreaper()  # escapees of dead workers come back here, see write()
    code = args.func(args)
    try:
        sys.stdout.flush()  # here, not at exit: a closed pipe (`| head`) prints no traceback
    except BrokenPipeError:
        stdout_to_devnull()
    return code


if __name__ == "__main__":
    sys.exit(main())
