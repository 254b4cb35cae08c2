"""Resource limits and environment for the sandbox child (Linux).

Where each limit is enforced (see docs/SECURITY.md for the whole picture):

* rlimits, set by `launcher.py` in the child before it execs the worker: CPU seconds (per
  process), address space (per process), open files, file size, processes+threads (per uid: the
  child gets a uid of its own when the grader runs as root; per user namespace when a normal
  user's grader builds one), no core dumps;
* disk: with namespaces (root or user), the child's only writable place is a private tmpfs of
  `disk_bytes`;
* CPU time of the sandbox's whole process tree, by the parent (`runner.py`, `cpu_budget.py`):
  `load_seconds` per chunk while loading, each check's own timeout per probe, and
  `submission_seconds` for the whole submission (loading, restarts and every probe together);
  wall clock only as a backstop (3 t + 30 s), where a starved tree is a grader fault;
* CPU share and process cap of the whole tree: the sandbox's cgroup (`cgroups.py`), where the
  host gives one;
* output: the worker keeps `output_bytes` of what the student prints (to a file nobody reads
  back into the report); raw writes to fd 1/2 stop at `file_size`.
"""
import os
from dataclasses import dataclass

from autograder.sandbox import verbose

GiB = 2**30
MiB = 2**20
# TensorFlow on N cores runs ~3N+20 threads; processes and threads share this limit.
DEFAULT_PROCESSES = max(256, 16 * (os.cpu_count() or 1))


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 900          # per process; TensorFlow training needs minutes
    address_space: int = 16 * GiB   # per process; TensorFlow maps large virtual regions at import
    open_files: int = 512
    file_size: int = 64 * MiB       # any one file, the captured stdout included
    processes: int = DEFAULT_PROCESSES  # processes + threads of the child's uid
    load_seconds: float = 120.0     # CPU s per chunk while loading the student's code
    submission_seconds: float = 3600.0  # CPU s of the whole submission (all restarts)
    disk_bytes: int = 256 * MiB     # the child's private /tmp (isolated mode)
    output_bytes: int = 1 * MiB     # printed text kept per child start
    isolation: str = "auto"         # "auto": what isolation.status() gives (root: namespaces +
    #                                 own uid; normal user: user namespaces); "uid": own uid only
    #                                 (root); "off": rlimits and in-process guards only
    allow_root: bool = False        # run as root when privileges cannot be dropped (unsafe)


# TensorFlow in a child: CPU only, no oneDNN rewrites, and one thread in each of TF's pools.
# The networks graded are tiny; TF's default pools (one thread per core) cost CPU in hand-offs
# and spinning, not speed: grading the seven source notebooks took 22.1 / 25.8 CPU s instead of
# 27.3 / 29.7 (2 cores, load < 1.5). It also makes the arithmetic independent of the machine's
# core count. The Keras benches (bench/keras_spread.py, keras_attacks.py) train under these.
TF_ENVIRONMENT = {"TF_ENABLE_ONEDNN_OPTS": "0", "CUDA_VISIBLE_DEVICES": "",
                  "TF_NUM_INTEROP_THREADS": "1", "TF_NUM_INTRAOP_THREADS": "1"}


def child_environment(workdir, extra=None):
    """A scrubbed environment: nothing of the grader's leaks through.

    `{home}` is replaced by the launcher with the child's home (/tmp in the isolated mode).
    `workdir` is kept for compatibility; the child never sees the grader's path.
    """
    home = "{home}"
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        # one BLAS thread: a child's matrices are small, and OpenBLAS' thread pool alone costs
        # ~0.1 CPU s per numpy import (0.22 -> 0.12 s measured, 2 cores)
        "OPENBLAS_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": home,
        "TF_CPP_MIN_LOG_LEVEL": verbose.tf_log_level(),  # 3: no TF logs; --verbose: 0
        **TF_ENVIRONMENT,
        "KERAS_HOME": home + "/.keras",
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # machine-specific BLAS fixes
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra or {})
    return env
