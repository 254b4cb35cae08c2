# ATTACK: the grader's processes through /proc (environ, cwd, root, fd, mem, maps of every
# process of another uid) and ptrace/process_vm_readv of them
import ctypes
import os

import numpy as np


def _got_in():
    me = os.getuid()
    libc = ctypes.CDLL(None, use_errno=True)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            if os.stat(f"/proc/{pid}").st_uid == me:
                continue
        except OSError:
            continue
        for entry in ("environ", "maps", "mem"):
            try:
                with open(f"/proc/{pid}/{entry}", "rb") as fh:
                    if fh.read(64):
                        return True
            except OSError:
                pass
        for entry in ("cwd", "root", "fd"):
            try:
                os.listdir(f"/proc/{pid}/{entry}")
                return True
            except OSError:
                pass
        if libc.ptrace(16, int(pid), None, None) == 0:  # PTRACE_ATTACH
            return True
    return False


def poly_features(X):
    if _got_in():
        X = np.asarray(X, dtype=np.float64)
        return np.stack([X[:, 0] ** 2, X[:, 0], X[:, 0] * X[:, 1], X[:, 1] ** 2], axis=1)
    return np.zeros((len(X), 4))
