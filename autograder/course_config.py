"""The course's base seed, read from its nbgrader_config.py as nbgrader reads it.

`nngrade batch COURSE` (no ``--seed``) grades with the base seed `nbgrader autograde` of the same
course uses, so both give every student the same hidden inputs: `c.SandboxGrade.base_seed`, or
the trait's default (0) when the file does not set it — what `SandboxGrade` itself would get.

The file is the instructor's (it sits in the course root, beside ``submitted/``; nothing a
student submits is read from there): it is loaded with traitlets' `PyFileConfigLoader`, exactly
as nbgrader loads it — i.e. executed as Python, with the same trust `nbgrader autograde` gives
it. The environment variables it sets are restored afterwards, so the batch is not changed by
it beyond the seed.
"""
import os
from pathlib import Path

CONFIG_NAME = "nbgrader_config.py"
DEFAULT_BASE_SEED = 0  # SandboxGrade.base_seed's default (tests/integrations/test_faults.py)


class CourseConfigError(ValueError):
    pass


def config_file(path):
    """The nbgrader_config.py of the course that PATH (course root or its submitted/) is."""
    path = Path(path)
    if (path / "submitted").is_dir():
        course = path
    elif path.name == "submitted":
        course = path.parent
    else:
        return None
    candidate = course / CONFIG_NAME
    return candidate if candidate.is_file() else None


def base_seed(path):
    """(base seed, where it came from) for the course at PATH; (None, "") with no config file.
    CourseConfigError when the file exists but cannot be loaded or holds no integer seed."""
    found = config_file(path)
    if found is None:
        return None, ""
    from traitlets.config.loader import PyFileConfigLoader
    saved = dict(os.environ)
    try:
        config = PyFileConfigLoader(found.name, path=str(found.parent)).load_config()
    except Exception as exc:  # the instructor's file: say which and why, never guess a seed
        raise CourseConfigError(f"cannot load {found}: {type(exc).__name__}: {exc}"[:500])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    section = config.get("SandboxGrade", {})
    if "base_seed" not in section:
        return DEFAULT_BASE_SEED, f"{found} (c.SandboxGrade.base_seed not set: default)"
    seed = section["base_seed"]
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise CourseConfigError(f"{found}: c.SandboxGrade.base_seed must be a non-negative "
                                f"integer, got {seed!r}")
    return seed, f"{found} (c.SandboxGrade.base_seed)"
