"""Build the student distribution: a wheel with `nngrade check`, public checks and data only.

    python -m autograder.distribute --out dist/

Instructor side only (this module is left out of the wheel it builds). What students get:
`autograder` without `checks/hidden/` and without instructor tools, `nndata` with the CSVs, and
the expected values of the public checks. `solutions/` and `authoring/` never go in. The wheel
is written directly by `autograder.wheels` (no network, reproducible), with Requires-Python and
dependencies from nnlab's own metadata: NumPy and pytest, and the extras `keras` (TensorFlow for
05-07) and `notebook` (Jupyter), as in pyproject.toml.
"""
import argparse
from pathlib import Path

from autograder.wheels import wheel_bytes

ROOT = Path(__file__).resolve().parent.parent
NAME = "nnlab_student"
EXCLUDED = (
    "autograder/checks/hidden/",
    "autograder/diagnoses/",  # the misconception catalog spells out (wrong) formulas
    "autograder/distribute.py",
    "autograder/wheels.py",
    "autograder/integrations/",  # Gradescope zip etc. bundle the reference: instructor side
)
TOP_LEVEL = {"autograder": ROOT / "autograder", "nndata": ROOT / "data"}
SUFFIXES = {".py", ".json", ".csv"}


def student_files():
    """(archive name, source path) of every file the students get."""
    out = []
    for package, folder in TOP_LEVEL.items():
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            name = f"{package}/{rel}"
            if (not path.is_file() or path.suffix not in SUFFIXES or "__pycache__" in name
                    or name.startswith(EXCLUDED) or (package == "nndata" and rel == "generate.py")):
                continue
            out.append((name, path))
    return out


# The wheel itself needs NumPy and pytest only (01-04); its extras: `[keras]` for 05-07,
# `[notebook]` for Jupyter (docs/WORKFLOWS.md, "Students").
OPTIONAL = ("keras", "notebook")
ENTRY_POINTS = ("[console_scripts]\nnngrade = autograder.cli:main\n\n"
                "[pytest11]\nnngrade = autograder.pytest_plugin\n")


def build_wheel(out_dir):
    """Write the student wheel into OUT_DIR → its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    name, data = wheel_bytes(
        NAME, [(n, path.read_bytes()) for n, path in student_files()],
        "Student tools for the neural-network course: nngrade check, public checks",
        list(TOP_LEVEL), ENTRY_POINTS, extras=("student",),  # pytest: `pytest --nngrade`
        optional=OPTIONAL)
    wheel = out_dir / name
    wheel.write_bytes(data)
    return wheel


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    print(build_wheel(args.out))


if __name__ == "__main__":
    main()
