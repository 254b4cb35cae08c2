"""The grader's side of isolation level "container" (root, namespaces refused: Docker's default
profile, Gradescope, a CI `container:` job). See docs/SECURITY.md, "Isolation levels".

Each sandbox runs under a private uid (`isolation.new_uid`, 200 000 000-299 999 999) confined by
the launcher (`launcher.confine_container`: no_new_privs, seccomp, Landlock where present, and a
check, as that uid, that none of the grader's private paths can be opened). Here:

* `protect(paths)`: make the grader's private files unreadable and unwritable to other uids
  (group/other bits cleared). `setup.sh` of the Gradescope zip does it once at image build for
  the installed `autograder`/`solutions` packages, the zip's folder and the results folder; the
  Gradescope run repeats it before grading, and `runner.Sandbox` before each start at this level
  for the sandbox's hidden paths (the grader's packages, an editable checkout's project root,
  `hide=` folders such as a batch's submissions): idempotent, a few `chmod`s. Without Landlock
  these permissions are what hides the files; the launcher refuses to start a sandbox meant for
  hidden checks when they do not hold.
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


def protect(paths, keep=()):
    """No group/other permissions on each existing PATH (not followed if a link; its owner
    kept, unless a sandbox uid owns it: then root) → the paths changed. Root only (elsewhere:
    nothing). A folder's mode covers everything below it, except that a folder holding a path
    of KEEP (e.g. a venv inside the project root) stays searchable, not listable (0711), and its
    other entries are protected one by one."""
    changed = []
    if os.geteuid() != 0:
        return changed
    keep = [os.path.realpath(k) for k in keep]
    for path in paths:
        try:
            st = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(st.st_mode):
            continue
        if sandbox_uid(st.st_uid) or sandbox_uid(st.st_gid):
            os.chown(path, 0, 0, follow_symlinks=False)
            changed.append(path)
        real = os.path.realpath(path)
        holds = stat.S_ISDIR(st.st_mode) and any(k.startswith(real.rstrip("/") + "/")
                                                  for k in keep)
        mode = stat.S_IMODE(st.st_mode)
        wanted = (mode & 0o700) | (0o011 if holds else 0)
        if mode != wanted:
            os.chmod(path, wanted)
            if path not in changed:
                changed.append(path)
        if holds:
            entries = [os.path.join(path, name) for name in sorted(os.listdir(path))]
            changed += protect([e for e in entries if os.path.realpath(e) not in keep], keep)
    return changed
