"""Helpers for the sandbox tests: a sandbox with tight limits around a piece of student code."""
import contextlib
import os

import pytest

from autograder.sandbox import Sandbox
from autograder.sandbox.limits import GiB, MiB, Limits

LIMITS = Limits(cpu_seconds=30, address_space=GiB + GiB // 2, processes=64, load_seconds=5.0,
                submission_seconds=60.0, disk_bytes=16 * MiB, file_size=8 * MiB,
                output_bytes=4096)
ROOT = os.geteuid() == 0

needs_root = pytest.mark.skipif(not ROOT, reason="namespaces and the uid switch need root")


@contextlib.contextmanager
def open_sandbox(code, workdir, limits=LIMITS, **options):
    """Start a sandbox on `code` (a str or a list of chunks); yields (sandbox, LoadReport)."""
    chunks = [code] if isinstance(code, str) else list(code)
    box = Sandbox(chunks, workdir, limits=limits, **options)
    try:
        yield box, box.start()
    finally:
        box.close()


def call(box, func, *args, timeout=10.0):
    return box.probe("common.call", {"func": func, "args": list(args)}, timeout)


def value(box, func, *args, timeout=10.0):
    reply = call(box, func, *args, timeout=timeout)
    assert reply.status == "ok", reply
    return reply.value


def tasks_of(uid):
    """Pids of every process whose real uid is `uid`."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as fh:
                    for line in fh:
                        if line.startswith("Uid:") and int(line.split()[1]) == uid:
                            pids.append(int(entry))
            except (OSError, ValueError):
                pass
    return pids
