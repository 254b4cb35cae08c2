"""Build the student distribution: a wheel with `nngrade check`, public checks and data only.

    python -m autograder.distribute --out dist/

Instructor side only (this module is left out of the wheel it builds). What students get:
`autograder` without `checks/hidden/` and without instructor tools, `nndata` with the CSVs, and
the expected values of the public checks. `solutions/` and `authoring/` never go in. The wheel
is written directly (zip + dist-info), so building it needs no network and is reproducible.
"""
import argparse
import base64
import hashlib
import zipfile
from pathlib import Path

from autograder import __version__

ROOT = Path(__file__).resolve().parent.parent
NAME = "nnlab_student"
EXCLUDED = (
    "autograder/checks/hidden/",
    "autograder/distribute.py",
    "autograder/integrations/",  # Gradescope zip etc. bundle the reference: instructor side
)
TOP_LEVEL = {"autograder": ROOT / "autograder", "nndata": ROOT / "data"}
SUFFIXES = {".py", ".json", ".csv"}
# pytest: students run the public checks as tests too (`pytest --nngrade <id>.ipynb`)
DEPENDENCIES = ["numpy>=1.26", "pandas>=2.0", "matplotlib>=3.7", "tensorflow>=2.16,<2.22",
                "pytest>=8"]
FIXED_TIME = (2025, 8, 18, 0, 0, 0)  # reproducible zip entries


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


def _metadata():
    lines = ["Metadata-Version: 2.1", f"Name: {NAME.replace('_', '-')}", f"Version: {__version__}",
             "Summary: Student tools for the neural-network course: nngrade check, public checks",
             "Requires-Python: >=3.10"]
    lines += [f"Requires-Dist: {d}" for d in DEPENDENCIES]
    return "\n".join(lines) + "\n"


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    dist_info = f"{NAME}-{__version__}.dist-info"
    wheel = out_dir / f"{NAME}-{__version__}-py3-none-any.whl"
    entries = [(name, path.read_bytes()) for name, path in student_files()]
    entries += [
        (f"{dist_info}/METADATA", _metadata().encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: nnlab\nRoot-Is-Purelib: true\n"
                               b"Tag: py3-none-any\n"),
        (f"{dist_info}/entry_points.txt", b"[console_scripts]\nnngrade = autograder.cli:main\n\n"
                                          b"[pytest11]\nnngrade = autograder.pytest_plugin\n"),
        (f"{dist_info}/top_level.txt", b"autograder\nnndata\n"),
    ]
    record = [_record_line(n, d) for n, d in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return wheel


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="dist", help="output folder (default: dist/)")
    args = parser.parse_args(argv)
    print(build_wheel(args.out))


if __name__ == "__main__":
    main()
