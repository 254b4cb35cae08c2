"""Gradescope: build autograder.zip, and the code that runs inside it.

    nngrade gradescope-zip --assignment 01_perceptron [--out autograder.zip] [--full]
    nngrade gradescope-zip --all [--out autograder.zip]

The zip (upload it as the autograder of a Gradescope "Programming Assignment"; Ubuntu base
image) holds, at its root:

* ``setup.sh``            makes ``/autograder/venv`` with the Python the zip was built with (apt
                          installs it when the image lacks it), installs ``requirements.txt``
                          (every runtime dependency pinned to the builder's versions; falls back to
                          ``requirements-direct.txt``, nnlab's direct dependencies pinned) and the
                          wheel, then imports the hidden checks once as a smoke test;
* ``run_autograder``      grades ``/autograder/submission`` (files found by
                          ``autograder/loader/locate.py``, the rule every frontend uses) into
                          ``/autograder/results/results.json``
                          and *always* writes that file: a grader crash, a missing Python or the
                          time budget running out give score 0 and a message instead;
* ``nnlab-<v>-py3-none-any.whl``  the *instructor* package: ``autograder`` with the hidden checks,
                          ``solutions`` (hidden checks compute expected values from the reference
                          at grading time) and ``nndata``. The zip is therefore instructor-only:
                          never publish it;
* ``nngrade_gradescope.json``  {assignment, all, mode, lang, mnist}: a zip grades the assignment it
                          was built for (``--assignment ID``: files of other assignments in the
                          submission are ignored, so re-uploaded earlier work earns nothing); only
                          a zip built with ``--all`` grades every assignment, each found by the
                          locator's rule, and reports against its own total (7 x 100, an
                          assignment not submitted scoring 0), saying so in the output;
* ``mnist.npz``           when built with ``--mnist``/``$NNLAB_MNIST`` (no download at grading).

results.json follows Gradescope's schema (``reporters/gradescope.py``): one test per check,
hidden checks with ``"visibility": "after_published"`` (Gradescope then also hides the total until
grades are published), loading problems as visible 0-point tests, ``stdout_visibility: hidden``.

For tests, every root is overridable: ``NNGRADE_GS_ROOT`` (default ``/autograder``) and, below
it unless set, ``NNGRADE_GS_SOURCE``, ``NNGRADE_GS_SUBMISSION``, ``NNGRADE_GS_RESULTS``,
``NNGRADE_GS_PYTHON`` (default ``$ROOT/venv/bin/python``).
"""
import argparse
import base64
import hashlib
import importlib
import io
import json
import os
import secrets
import signal
import sys
import time
import traceback
import zipfile
from importlib import metadata
from pathlib import Path

from autograder import __version__

CONFIG_NAME = "nngrade_gradescope.json"
PROJECT = "nnlab"
PACKAGES = {"autograder": "autograder", "solutions": "solutions", "nndata": "nndata"}
SUFFIXES = {".py", ".json", ".csv"}
FIXED_TIME = (2025, 8, 18, 0, 0, 0)  # reproducible zip entries

# Debian's `bubblewrap` (bwrap): the sandbox's isolation without root. Gradescope runs the grader
# as root, where the sandbox has its own namespaces, so a failed install only costs that option
# (the grader reports the isolation it has); an existing bwrap is left alone.
BUBBLEWRAP_SH = r"""if ! command -v bwrap >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    { apt-get update -q && apt-get install -y -q bubblewrap; } ||
      echo "setup.sh: could not install bubblewrap; grading continues without it" >&2
  else
    echo "setup.sh: no apt-get here; install bubblewrap (bwrap) by hand" >&2
  fi
fi
"""

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, while building the autograder image.
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${NNGRADE_GS_ROOT:-/autograder}"
WANT="python__PYVER__"          # the Python the pinned requirements were resolved for
__BUBBLEWRAP__
pick_python() {
  for cand in "$WANT" python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  return 1
}

PY="$(pick_python || true)"
if [ -z "$PY" ] || [ "$PY" != "$WANT" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && apt-get install -y -q "$WANT" "$WANT-venv" || true
  fi
  PY="$(pick_python)" || { echo "setup.sh: no Python >= 3.11 available" >&2; exit 1; }
fi
if ! "$PY" -m venv "$ROOT/venv"; then
  apt-get install -y -q "$(basename "$PY")-venv" python3-venv || true
  "$PY" -m venv "$ROOT/venv"
fi
PIP=("$ROOT/venv/bin/python" -m pip install --no-input --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
if ! "${PIP[@]}" -r "$SOURCE/requirements.txt"; then
  echo "setup.sh: exact pins failed on $("$PY" --version); trying direct pins" >&2
  "${PIP[@]}" -r "$SOURCE/requirements-direct.txt"
fi
"${PIP[@]}" --no-deps "$SOURCE"/__WHEEL__
"$ROOT/venv/bin/python" -c "import autograder.checks.hidden, solutions; print('nngrade ready')"
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission. It always leaves results/results.json behind.
ROOT="${NNGRADE_GS_ROOT:-/autograder}"
SOURCE="${NNGRADE_GS_SOURCE:-$ROOT/source}"
SUBMISSION="${NNGRADE_GS_SUBMISSION:-$ROOT/submission}"
RESULTS="${NNGRADE_GS_RESULTS:-$ROOT/results}"
PYTHON="${NNGRADE_GS_PYTHON:-$ROOT/venv/bin/python}"
BUDGET="${NNGRADE_GS_BUDGET:-__BUDGET__}"   # seconds; 0 = no limit of our own
export NNGRADE_GS_BUDGET="$BUDGET"

mkdir -p "$RESULTS"
rm -f "$RESULTS/results.json"
cd "$ROOT" 2>/dev/null || cd "$RESULTS"
export MPLBACKEND=Agg TF_CPP_MIN_LOG_LEVEL=3 PYTHONDONTWRITEBYTECODE=1
if [ -f "$SOURCE/mnist.npz" ] && [ -z "${NNLAB_MNIST:-}" ]; then
  export NNLAB_MNIST="$SOURCE/mnist.npz"
fi
CMD=("$PYTHON" -m autograder.integrations.gradescope run
     --source "$SOURCE" --submission "$SUBMISSION" --results "$RESULTS")
if [ "$BUDGET" != "0" ] && command -v timeout >/dev/null 2>&1; then
  timeout --kill-after=10 "$BUDGET" "${CMD[@]}"
else
  "${CMD[@]}"
fi
status=$?
if [ ! -s "$RESULTS/results.json" ]; then
  if [ "$status" = "124" ] || [ "$status" = "137" ]; then
    why="grading took longer than $BUDGET s"
  else
    why="the autograder could not run (exit status $status)"
  fi
  cat > "$RESULTS/results.json" <<JSON
{"score": 0, "output": "Not graded: $why. Please tell the course staff; they can rerun it.", "stdout_visibility": "hidden", "tests": [{"name": "autograder", "score": 0, "max_score": 0, "status": "failed", "output": "Not graded: $why.", "visibility": "visible"}], "extra_data": {"exit_status": "$status"}}
JSON
fi
exit 0
"""

README = """nngrade autograder for Gradescope (instructor-only: contains reference solutions).
Upload this zip as the autograder of a Programming Assignment (Ubuntu base image).
Built with Python {pyver} by nngrade {version}. Config: {config}.
"""


# -- building ------------------------------------------------------------------------------------
def package_files():
    """(archive name, path) of every file of the instructor package (hidden checks included)."""
    out = []
    for top, module in PACKAGES.items():
        folder = Path(importlib.import_module(module).__file__).resolve().parent
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_file() and path.suffix in SUFFIXES and "__pycache__" not in rel.parts:
                out.append((f"{top}/{rel.as_posix()}", path))
    return out


def _requires(dist_name, extras=()):
    """Requirements of an installed distribution whose markers hold here (with EXTRAS)."""
    from packaging.requirements import Requirement
    out = []
    for text in metadata.distribution(dist_name).requires or []:
        req = Requirement(text)
        envs = [{"extra": e} for e in ("", *extras)]
        if req.marker is None or any(req.marker.evaluate(env) for env in envs):
            out.append(req)
    return out


def direct_requirements():
    return _requires(PROJECT)


def pinned_requirements():
    """Every runtime dependency of nnlab, transitively, pinned to the installed version."""
    from packaging.utils import canonicalize_name
    pins, seen = {}, set()
    stack = [(r.name, tuple(sorted(r.extras))) for r in direct_requirements()]
    while stack:
        name, extras = stack.pop()
        key = canonicalize_name(name)
        if (key, extras) in seen:
            continue
        seen.add((key, extras))
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional dependency not installed here: pip resolves it
        pins[key] = dist.version
        stack.extend((r.name, tuple(sorted(r.extras))) for r in _requires(name, extras))
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


def direct_pins():
    from packaging.utils import canonicalize_name
    out = []
    for req in direct_requirements():
        try:
            out.append(f"{canonicalize_name(req.name)}=={metadata.version(req.name)}")
        except metadata.PackageNotFoundError:
            out.append(str(req))
    return sorted(out)


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def _zip_entry(zf, name, data, mode=0o644):
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build_wheel_bytes():
    """(file name, bytes) of the instructor wheel, written directly (no network, reproducible)."""
    dist_info = f"{PROJECT}-{__version__}.dist-info"
    entries = [(name, path.read_bytes()) for name, path in package_files()]
    meta = ["Metadata-Version: 2.1", f"Name: {PROJECT}", f"Version: {__version__}",
            "Summary: nngrade autograder, instructor build (hidden checks and reference)",
            "Requires-Python: >=3.10"] + [f"Requires-Dist: {r}" for r in direct_requirements()]
    entries += [
        (f"{dist_info}/METADATA", ("\n".join(meta) + "\n").encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: nngrade\nRoot-Is-Purelib: true\n"
                               b"Tag: py3-none-any\n"),
        (f"{dist_info}/entry_points.txt", b"[console_scripts]\nnngrade = autograder.cli:main\n"),
        (f"{dist_info}/top_level.txt", ("\n".join(PACKAGES) + "\n").encode()),
    ]
    record = [_record_line(n, d) for n, d in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in entries:
            _zip_entry(zf, name, data)
    return f"{PROJECT}-{__version__}-py3-none-any.whl", buf.getvalue()


def check_instructor_build():
    """The zip is useless without the hidden checks and the reference: refuse to build it."""
    for module in ("solutions", "autograder.checks.hidden"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            raise SystemExit(f"nngrade gradescope-zip: {module} is not installed; build the zip "
                             "from the instructor repository (pip install -e .)")


def build_zip(out="autograder.zip", assignment=None, mode="quick", lang="ko", mnist=None,
              budget=0, every=False):
    """Write autograder.zip for ASSIGNMENT (or every assignment with every=True) → its path."""
    if bool(assignment) == bool(every):
        raise ValueError("build_zip needs exactly one of assignment=ID or every=True")
    check_instructor_build()
    pyver = f"{sys.version_info.major}.{sys.version_info.minor}"
    wheel_name, wheel = build_wheel_bytes()
    config = {"assignment": assignment, "all": bool(every), "mode": mode, "lang": lang,
              "mnist": "mnist.npz" if mnist else None, "built_with_python": pyver,
              "nngrade_version": __version__}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        _zip_entry(zf, "setup.sh", SETUP_SH.replace("__PYVER__", pyver)
                   .replace("__BUBBLEWRAP__", BUBBLEWRAP_SH).replace("__WHEEL__", wheel_name),
                   0o755)
        _zip_entry(zf, "run_autograder",
                   RUN_AUTOGRADER.replace("__BUDGET__", str(int(budget or 0))), 0o755)
        _zip_entry(zf, "requirements.txt", "\n".join(pinned_requirements()) + "\n")
        _zip_entry(zf, "requirements-direct.txt", "\n".join(direct_pins()) + "\n")
        _zip_entry(zf, wheel_name, wheel)
        _zip_entry(zf, CONFIG_NAME, json.dumps(config, indent=1) + "\n")
        _zip_entry(zf, "README.txt", README.format(pyver=pyver, version=__version__,
                                                   config=json.dumps(config)))
        if mnist:
            zf.write(mnist, "mnist.npz")
    return out


# -- running inside Gradescope ---------------------------------------------------------------
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


def message(key, lang, **fields):
    """A gradescope.* sentence (static catalog keys: works even when the checks cannot load)."""
    from autograder.messages import render
    return render(f"gradescope.{key}", fields, lang)


def run(source, submission, results_dir):
    """Grade a Gradescope submission folder → results.json (always written)."""
    started = time.monotonic()
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
        every = bool(config.get("all")) and not aid
        from autograder.assignments import ASSIGNMENT_IDS
        if aid and aid not in ASSIGNMENT_IDS:
            raise ValueError(f"the zip's config names an unknown assignment {aid!r}")
        mnist = os.environ.get("NNLAB_MNIST")
        if not mnist and config.get("mnist") and (Path(source) / config["mnist"]).is_file():
            mnist = str(Path(source) / config["mnist"])
        files = find_in_submission(submission, aid, every)
        if not aid and not every:  # an old zip built without --assignment / --all
            data = fallback_results(message("no_assignment", lang), started)
        elif not every and files[0].path is None:
            data = fallback_results(message("no_file", lang, expected=f"{aid}.ipynb"), started)
        else:
            from autograder.grade import grade_file
            from autograder.reporters.gradescope import to_dict
            seed = secrets.randbits(32)
            results = [grade_file(f, mode=config.get("mode") or "quick", seed=seed,
                                  include_hidden=True, mnist_path=mnist) for f in files]
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
    except Stopped:
        budget = os.environ.get("NNGRADE_GS_BUDGET", "?")
        data = fallback_results(message("stopped", lang, budget=budget), started)
    except Exception as exc:  # never leave Gradescope without a results.json
        traceback.print_exc()
        data = fallback_results(
            message("crash", lang, error=f"{type(exc).__name__}: {exc}"[:300]), started)
        data["extra_data"] = {"traceback": traceback.format_exc()[-4000:]}
    finally:
        if data is None:
            data = fallback_results(message("crash", lang, error="interrupted"), started)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                       errors="replace")  # lone surrogates from student strings
        os.replace(tmp, target)
    return data


# -- CLI -----------------------------------------------------------------------------------------
def cmd_zip(args):
    mnist = None if args.no_mnist else getattr(args, "mnist", None)
    if mnist and not Path(mnist).is_file():
        print(f"nngrade gradescope-zip: no such MNIST file: {mnist}", file=sys.stderr)
        return 2
    path = build_zip(args.out, args.assignment, args.mode, args.lang, mnist, args.time_budget,
                     every=args.all)
    size = path.stat().st_size / 2**20
    print(f"wrote {path} ({size:.1f} MB; instructor-only: it holds the reference solutions)")
    return 0


def add_parser(subparsers, add_common):
    from autograder.assignments import ASSIGNMENT_IDS
    p = subparsers.add_parser("gradescope-zip", help="instructors: build Gradescope autograder.zip",
                              description=__doc__,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="autograder.zip")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--assignment", choices=ASSIGNMENT_IDS,
                       help="the assignment this Gradescope assignment grades (the normal case)")
    which.add_argument("--all", action="store_true",
                       help="grade every assignment in each submission, against a total of "
                            f"{len(ASSIGNMENT_IDS)} x 100 (say so to the students)")
    p.add_argument("--no-mnist", action="store_true",
                   help="do not bundle MNIST even if --mnist/$NNLAB_MNIST is set")
    p.add_argument("--time-budget", type=int, default=0, metavar="SECONDS",
                   help="stop grading after this long and report it (set it below Gradescope's "
                        "own limit); 0: none")
    add_common(p)
    p.set_defaults(func=cmd_zip)
    return p


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
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _stop)  # `timeout` → finally: still write results.json
    run(args.source, args.submission, args.results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
