"""Run the grader as a real non-root user (tests of the unprivileged mode; needs root to set up).

`as_user` starts a command as the system user `nnlab-grader` (created with `useradd` when
missing) with a scrubbed environment, via `setpriv`. Where this machine's interpreter lives in a
folder other users cannot enter (here Python is under /root, mode 0700), the command runs in a
private mount namespace *made by root before dropping privileges* in which only that interpreter
tree (and the venv and the repo, if they are in such a folder too) is made reachable -- what a
normal installation (/usr, a venv in a home folder) gives a user anyway. Everything the grader does after that (user namespaces, mounts, refusals) it does as the
unprivileged user.
"""
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import autograder

USER = "nnlab-grader"
REPO = Path(autograder.__file__).resolve().parents[1]
PYTHON = sys.executable

needs_root_tools = pytest.mark.skipif(
    os.geteuid() != 0 or not all(shutil.which(t) for t in ("setpriv", "unshare", "useradd")),
    reason="creating and becoming a test user needs root, setpriv, unshare and useradd")


def ensure_user():
    """(uid, gid) of the test user, created when missing (system account, no home, no shell)."""
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", USER], check=True)
        entry = pwd.getpwnam(USER)
    return entry.pw_uid, entry.pw_gid


def _closed_ancestor(path):
    """(first ancestor other users cannot search, the entry below it on the way) or None."""
    parts = Path(path).resolve().parts
    for i in range(1, len(parts) - 1):
        folder = Path(*parts[:i + 1])
        if not folder.stat().st_mode & 0o001:
            return folder, folder / parts[i + 1]
    return None


def user_folder():
    """A fresh folder in /tmp owned by the test user."""
    uid, gid = ensure_user()
    folder = Path(tempfile.mkdtemp(prefix="nnlab-user-"))
    os.chown(folder, uid, gid)
    return folder


def chown_tree(folder):
    uid, gid = ensure_user()
    for path in [folder, *Path(folder).rglob("*")]:
        os.chown(path, uid, gid, follow_symlinks=False)


def as_user(args, cwd, env=None, timeout=300):
    """Run ARGS as the test user → CompletedProcess (text)."""
    uid, gid = ensure_user()
    environment = {"PATH": f"{Path(PYTHON).parent}:/usr/bin:/bin", "HOME": str(cwd),
                   "LANG": "C.UTF-8", "PYTHONPATH": str(REPO), **(env or {})}
    drop = ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--", "env", "-i",
            *[f"{k}={v}" for k, v in environment.items()]]
    # the interpreter, its venv and the repo must be reachable by the user
    closed = {c for c in map(_closed_ancestor, {Path(PYTHON).resolve(), Path(sys.prefix), REPO})
              if c}
    if not closed:
        return subprocess.run(drop + list(args), cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)
    keeps = sorted({str(keep) for _, keep in closed})
    blocked = sorted({str(folder) for folder, _ in closed})
    lines = ["set -e", "mount -t tmpfs -o size=1m tmpfs /mnt"]
    for i, keep in enumerate(keeps):  # stage what must stay visible, then cover its parent
        lines += [f"mkdir /mnt/{i}", f"mount --bind '{keep}' /mnt/{i}"]
    lines += [f"mount -t tmpfs -o mode=755,size=1m tmpfs '{folder}'" for folder in blocked]
    for i, keep in enumerate(keeps):
        lines += [f"mkdir -p '{keep}'", f"mount --bind /mnt/{i} '{keep}'"]
    lines += ["umount -l /mnt", 'exec "$@"']
    command = ["unshare", "-m", "--propagation", "private", "sh", "-c", "; ".join(lines), "sh"]
    return subprocess.run(command + drop + list(args), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def user_tasks():
    """Pids of the test user's live processes (real uid; zombies are dead and not counted: one
    whose new parent is a subreaper that does not reap, e.g. this pytest process after a test
    made it one, stays a zombie until that parent exits)."""
    uid, _ = ensure_user()
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status") as fh:
                    fields = dict(line.split(":", 1) for line in fh if ":" in line)
                if int(fields["Uid"].split()[0]) == uid and not fields["State"].strip(
                        ).startswith("Z"):
                    pids.append(int(entry))
            except (OSError, ValueError, KeyError):
                pass
    return pids


def leftover_tasks(seconds=5.0):
    """The test user's processes still there after up to SECONDS (processes that are merely
    exiting, e.g. multiprocessing's resource tracker, get that long) → {pid: command line}."""
    import time
    deadline = time.monotonic() + seconds
    while True:
        pids = user_tasks()
        if not pids or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    found = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                found[pid] = fh.read().replace(b"\0", b" ").decode(errors="replace")[:200]
        except OSError:
            pass
    return found
