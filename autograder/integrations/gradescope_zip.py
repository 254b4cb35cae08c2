"""Build the Gradescope autograder.zip (see `autograder.integrations.gradescope` for its contents).
"""
import importlib
import json
import secrets
import sys
import zipfile
from importlib import metadata
from pathlib import Path

from autograder import __version__
from autograder.grade import MNIST_ASSIGNMENTS
from autograder.integrations.gradescope_setup import pins_minimum_python
from autograder.wheels import PROJECT, runtime_requirements, wheel_bytes, zip_entry

CONFIG_NAME = "nngrade_gradescope.json"
PACKAGES = {"autograder": "autograder", "solutions": "solutions", "nndata": "nndata"}
SUFFIXES = {".py", ".json", ".csv"}


# Once at image build: the isolation the grader will have in this container, and the grader's
# private files made unreadable to other uids (level "container"). Fails the build, with one
# line, when no level that grades hidden checks is available (every run would be a grading
# error), unless the zip was built with --unsafe-no-isolation (docs/SECURITY.md).
ISOLATION_SH = r"""
"$ROOT/venv/bin/python" -m autograder.integrations.gradescope setup-check --source "$SOURCE" --results "$ROOT/results"
"""

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, while building the autograder image.
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${NNGRADE_GS_ROOT:-/autograder}"
WANT="python__PYVER__"          # the Python the pinned requirements were resolved for
pick_python() {
  for cand in "$WANT" python3; do
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(sys.version_info < (__MINPY__))' 2>/dev/null; then
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
  PY="$(pick_python)" || { echo "setup.sh: no Python __REQUIRES_PYTHON__ available" >&2; exit 1; }
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
__ISOLATION__"""

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
     --source "$SOURCE" --submission "$SUBMISSION" --results "$RESULTS"
     --metadata "${NNGRADE_GS_METADATA:-$ROOT/submission_metadata.json}")
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
  echo "nngrade grading error: $why"   # the autograder output: instructors only
  shown="채점 오류 — 담당 교수자에게 알렸습니다. / grading error — your instructor has been notified."
  cat > "$RESULTS/results.json" <<JSON
{"output": "$shown", "stdout_visibility": "hidden", "tests": [{"name": "autograder", "max_score": 0, "status": "failed", "output": "$shown", "visibility": "visible"}], "extra_data": {"exit_status": "$status", "grading_error": "$why"}}
JSON
fi
exit 0
"""

README = """nngrade autograder for Gradescope (instructor-only: contains reference solutions).
Upload this zip as the autograder of a Programming Assignment (Ubuntu base image).
Built with Python {pyver} by nngrade {version}. Config: {config}.
"""



GRADER_EXTRAS = ("keras",)  # grading 05-07 runs TensorFlow in the sandbox


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
    from packaging.requirements import Requirement
    return [Requirement(text) for text in runtime_requirements(GRADER_EXTRAS)]


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


def build_wheel_bytes():
    """(file name, bytes) of the instructor wheel (hidden checks and the reference included)."""
    files = [(name, path.read_bytes()) for name, path in package_files()]
    return wheel_bytes(PROJECT, files,
                       "nngrade autograder, instructor build (hidden checks and reference)",
                       list(PACKAGES), "[console_scripts]\nnngrade = autograder.cli:main\n",
                       extras=GRADER_EXTRAS)


def setup_sh(pyver, wheel_name, minimum=None):
    """setup.sh for a zip built with Python PYVER; the fallback interpreter must be at least
    MINIMUM ((major, minor); default: the oldest Python every pinned requirement supports)."""
    major, minor = minimum or pins_minimum_python(pinned_requirements())
    return (SETUP_SH.replace("__PYVER__", pyver).replace("__ISOLATION__", ISOLATION_SH)
            .replace("__MINPY__", f"{major}, {minor}")
            .replace("__REQUIRES_PYTHON__", f">= {major}.{minor}")
            .replace("__WHEEL__", wheel_name))


def check_instructor_build():
    """The zip is useless without the hidden checks and the reference: refuse to build it."""
    for module in ("solutions", "autograder.checks.hidden"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            raise SystemExit(f"nngrade gradescope-zip: {module} is not installed; build the zip "
                             "from the instructor repository (pip install -e .)")


def build_zip(out="autograder.zip", assignment=None, mode="quick", lang="ko", mnist=None,
              budget=0, every=False, unsafe_no_isolation=False):
    """Write autograder.zip for ASSIGNMENT (or every assignment with every=True) → its path."""
    if bool(assignment) == bool(every):
        raise ValueError("build_zip needs exactly one of assignment=ID or every=True")
    check_instructor_build()
    pyver = f"{sys.version_info.major}.{sys.version_info.minor}"
    wheel_name, wheel = build_wheel_bytes()
    if not (every or assignment in MNIST_ASSIGNMENTS):
        mnist = None  # a zip carries only the data its assignment uses
    config = {"assignment": assignment, "all": bool(every), "mode": mode, "lang": lang,
              "mnist": "mnist.npz" if mnist else None, "built_with_python": pyver,
              "nngrade_version": __version__, "unsafe_no_isolation": bool(unsafe_no_isolation),
              "seed_salt": secrets.token_hex(16)}
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        zip_entry(zf, "setup.sh", setup_sh(pyver, wheel_name), 0o755)
        zip_entry(zf, "run_autograder",
                  RUN_AUTOGRADER.replace("__BUDGET__", str(int(budget or 0))), 0o755)
        zip_entry(zf, "requirements.txt", "\n".join(pinned_requirements()) + "\n")
        zip_entry(zf, "requirements-direct.txt", "\n".join(direct_pins()) + "\n")
        zip_entry(zf, wheel_name, wheel)
        zip_entry(zf, CONFIG_NAME, json.dumps(config, indent=1) + "\n")
        zip_entry(zf, "README.txt", README.format(pyver=pyver, version=__version__,
                                                  config=json.dumps(config)))
        if mnist:
            zf.write(mnist, "mnist.npz")
    return out
