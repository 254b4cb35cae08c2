"""Write a pure-Python wheel directly (zip + dist-info): no build backend, no network, the same
bytes on every build. Used by the student wheel (`autograder.distribute`) and the instructor wheel
inside the Gradescope zip (`autograder.integrations.gradescope_zip`).

Requires-Python and the runtime dependencies come from the installed `nnlab` distribution's
metadata (i.e. pyproject.toml as installed by `pip install -e .`), so every wheel and the
Gradescope `setup.sh` state the same Python and dependency ranges. Instructor side only: the
student wheel leaves this module out.
"""
import base64
import hashlib
import io
import re
import zipfile
from importlib import metadata

from autograder import __version__

PROJECT = "nnlab"
FIXED_TIME = (2025, 8, 18, 0, 0, 0)  # reproducible zip entries


def project_metadata():
    """The installed nnlab distribution's metadata (SystemExit with the fix when missing)."""
    try:
        return metadata.distribution(PROJECT)
    except metadata.PackageNotFoundError:
        raise SystemExit(f"{PROJECT} is not installed; run `pip install -e .` in the repository "
                         "(wheels take Requires-Python and dependencies from its metadata)")


def requires_python():
    """Requires-Python of nnlab, e.g. '>=3.10'."""
    return project_metadata().metadata["Requires-Python"]


def minimum_python():
    """(major, minor) of nnlab's Requires-Python lower bound ('>=3.10' → (3, 10))."""
    spec = requires_python() or ""
    found = re.search(r">=\s*(\d+)\.(\d+)", spec)
    if not found:
        raise ValueError(f"Requires-Python {spec!r} has no '>=X.Y' lower bound")
    return int(found.group(1)), int(found.group(2))


def _requirements():
    """nnlab's Requires-Dist as Requirement objects, without its references to itself (the `dev`
    extra names `nnlab[keras,notebook,student]`)."""
    from packaging.requirements import Requirement
    reqs = [Requirement(text) for text in project_metadata().requires or []]
    return [r for r in reqs if r.name.lower() != PROJECT]


def runtime_requirements(extras=()):
    """nnlab's Requires-Dist as strings: the runtime dependencies, plus those of EXTRAS (named
    in pyproject.toml, e.g. "student"), their extra markers dropped."""
    out = []
    wanted = [""] + list(extras)
    for req in _requirements():
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in wanted):
            req.marker = None
            if str(req) not in out:
                out.append(str(req))
    return out


def extra_requirements(extra):
    """The requirements only EXTRA adds (e.g. "keras": tensorflow, pandas, matplotlib)."""
    base = set(runtime_requirements())
    return [r for r in runtime_requirements((extra,)) if r not in base]


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def zip_entry(zf, name, data, mode=0o644):
    """One reproducible entry (fixed time, deflated, regular file with MODE)."""
    info = zipfile.ZipInfo(name, FIXED_TIME)
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def wheel_bytes(name, files, summary, top_level, entry_points, extras=(), optional=()):
    """(file name, bytes) of a py3-none-any wheel.

    name: distribution name ("nnlab_student"); files: [(archive name, bytes)];
    top_level: package names; entry_points: the entry_points.txt text; extras: nnlab extras whose
    dependencies the wheel requires too; optional: nnlab extras the wheel offers as its own
    extras (`pip install "nnlab_student-….whl[keras]"`).
    """
    dist_info = f"{name}-{__version__}.dist-info"
    meta = ["Metadata-Version: 2.1", f"Name: {name.replace('_', '-')}",
            f"Version: {__version__}", f"Summary: {summary}",
            f"Requires-Python: {requires_python()}"]
    meta += [f"Requires-Dist: {r}" for r in runtime_requirements(extras)]
    for extra in optional:
        meta.append(f"Provides-Extra: {extra}")
        meta += [f'Requires-Dist: {r}; extra == "{extra}"' for r in extra_requirements(extra)]
    entries = list(files) + [
        (f"{dist_info}/METADATA", ("\n".join(meta) + "\n").encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: nnlab\nRoot-Is-Purelib: true\n"
                               b"Tag: py3-none-any\n"),
        (f"{dist_info}/entry_points.txt", entry_points.encode()),
        (f"{dist_info}/top_level.txt", ("\n".join(top_level) + "\n").encode()),
    ]
    record = [_record_line(n, d) for n, d in entries] + [f"{dist_info}/RECORD,,"]
    entries.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for entry_name, data in entries:
            zip_entry(zf, entry_name, data)
    return f"{name}-{__version__}-py3-none-any.whl", buf.getvalue()
