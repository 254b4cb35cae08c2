"""`nngrade --verbose`: what a sandbox's child printed (TensorFlow's log lines, the submission's
prints) copied to the grader's stderr when the child ends, one `[sandbox]` line each.

Off by default: the child's stdout and stderr go to a file the grader never reads into a report
(runner.py, portable.py) and TensorFlow's C++ logging is at level 3 (limits.py), so nothing of
TensorFlow reaches the terminal. On (`NNGRADE_VERBOSE=1`, set by the CLI and inherited by batch
workers): TensorFlow logs at its own default level and the file's first `SHOWN_BYTES` are shown,
read through a descriptor opened before the child existed (the path is never followed again) and
with control characters replaced (no terminal escapes from student code)."""
import os
import re
import sys

ENV = "NNGRADE_VERBOSE"
SHOWN_BYTES = 64 * 1024
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # keeps \t and \n


def enabled():
    return os.environ.get(ENV) == "1"


def tf_log_level():
    """TF_CPP_MIN_LOG_LEVEL for the child: TensorFlow's default (0) when verbose, else 3."""
    return "0" if enabled() else "3"


def open_reader(path):
    """A read descriptor of the child's output file, created just now (None when not verbose)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    return os.open(path, flags) if enabled() else None


def show(fd, stream=None):
    """Copy what the ended child wrote to FD (from `open_reader`) to stderr; closes FD."""
    if fd is None:
        return
    try:
        os.lseek(fd, 0, os.SEEK_SET)  # portable (no pread on Windows)
        data = os.read(fd, SHOWN_BYTES)
    finally:
        os.close(fd)
    stream = stream or sys.stderr
    text = _CONTROL.sub("?", data.decode("utf-8", "replace"))
    for line in text.splitlines():
        stream.write(f"[sandbox] {line}\n")
    stream.flush()
