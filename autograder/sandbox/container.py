"""The grader's side of isolation level "container" (root, namespaces refused: Docker's default
profile, Gradescope, a CI `container:` job). See docs/SECURITY.md, "Isolation levels".

Each sandbox runs under a private uid (`isolation.new_uid`, 200 000 000-299 999 999) confined by
the launcher (`launcher.confine_container`: no_new_privs, seccomp, Landlock where present, and a
check, as that uid, that none of the grader's private paths can be opened). Here:

* `protect(paths)`: make the grader's private files unreadable and unwritable to other uids
  (owner root, group/other bits cleared). `setup.sh` of the Gradescope zip does it once at image
  build for the installed `autograder`/`solutions` packages and the zip's folder; the Gradescope
  run repeats it (idempotent, a few `chmod`s) for those and its results folder before grading.
  Without Landlock these permissions are what hides the files; the launcher refuses to start a
  sandbox meant for hidden checks when they do not hold.
* `kill_sandbox_users()`: SIGKILL every process whose uid is in the sandbox range, repeated until
  none is left; `reaper.write_output` calls it before any output is written, so no process of a
  submission (a `setsid()` escapee included) can rewrite a result after the grader wrote it.
"""
import os
import signal
import stat
import time

from autograder.sandbox.isolation import UID_BASE, UID_SPAN


def sandbox_uid(uid):
    return UID_BASE <= uid < UID_BASE + UID_SPAN


def _sandbox_uids():
    """uid of every live process in the sandbox range."""
    found = set()
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        try:
            uid = os.stat(f"/proc/{name}").st_uid
        except OSError:
            continue
        if sandbox_uid(uid):
            found.add(uid)
    return found


def _kill_as(uid):
    """kill(-1, SIGKILL) as UID: every process of that uid (and no other) dies. Root only."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def kill_sandbox_users(seconds=10.0):
    """SIGKILL every process of every sandbox uid until a scan finds none → uids seen."""
    if os.geteuid() != 0:
        return set()
    seen, deadline = set(), time.monotonic() + seconds
    while time.monotonic() < deadline:
        uids = _sandbox_uids()
        if not uids:
            break
        seen |= uids
        for uid in uids:
            _kill_as(uid)
        time.sleep(0.005)
    return seen


def protect(paths):
    """Owner root, no group/other permissions on each existing PATH (not followed if a link)
    → the paths changed. Root only (elsewhere: nothing)."""
    changed = []
    if os.geteuid() != 0:
        return changed
    for path in paths:
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            continue
        mode = stat.S_IMODE(st.st_mode)
        if st.st_uid != 0 or st.st_gid != 0:
            os.chown(path, 0, 0, follow_symlinks=False)
            changed.append(path)
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
            if path not in changed:
                changed.append(path)
    return changed
