"""Resource limits and environment for the sandbox child (Linux).

What is enforced here: CPU seconds, address space, open files, file size and core dumps via
setrlimit, in a new session (process group) so a timeout kills every descendant. Wall-clock
limits are enforced by the parent (`runner.py`).
"""
import os
import resource
from dataclasses import dataclass

GiB = 2**30


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 900          # whole child lifetime; TensorFlow training needs minutes
    address_space: int = 16 * GiB  # TensorFlow maps large virtual regions at import
    open_files: int = 512
    file_size: int = 64 * 2**20     # also caps the captured stdout file
    load_seconds: float = 120.0     # per chunk while loading the student's code


def make_preexec(limits):
    def preexec():
        for name, value in (
            ("RLIMIT_CPU", limits.cpu_seconds),
            ("RLIMIT_AS", limits.address_space),
            ("RLIMIT_NOFILE", limits.open_files),
            ("RLIMIT_FSIZE", limits.file_size),
            ("RLIMIT_CORE", 0),
        ):
            resource.setrlimit(getattr(resource, name), (value, value))

    return preexec


def child_environment(workdir, extra=None):
    """A scrubbed environment: nothing of the grader's leaks through."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(workdir),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "TF_ENABLE_ONEDNN_OPTS": "0",
        "CUDA_VISIBLE_DEVICES": "",
        "KERAS_HOME": str(workdir),
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # machine-specific BLAS fixes
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra or {})
    return env
