"""No process of a submission outlives its sandbox, and outputs are written only after that.

Where the sandbox has no PID namespace (isolation level "none": a normal user on a machine
without user namespaces), a child can leave its process group with ``setsid()`` and double-fork,
so killing the group does not reach it. The grader therefore makes itself a *child subreaper*
(``PR_SET_CHILD_SUBREAPER``): such orphans are re-parented to the grader instead of init, and
`kill_escapees` finds them as the grader's own children in another session and kills their whole
trees. `write_output` does that before it writes a result file, and writes atomically (temp file
+ ``os.replace``), so a file the grader wrote is complete and is the grader's.

Linux-only parts are chosen by `sys.platform` and imported lazily; elsewhere these functions do
nothing but the atomic write.
"""
import os
import signal
import sys
import tempfile
import time

PR_SET_CHILD_SUBREAPER = 36
LINUX = sys.platform.startswith("linux")
_protected = set()  # pids of live sandbox launchers (their trees are theirs to end)
_subreaper = []


def become_subreaper():
    """Make this process the subreaper of its descendants (once). True when it is one."""
    if not _subreaper:
        ok = False
        if LINUX:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            ok = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
        _subreaper.append(ok)
    return _subreaper[0]


def protect(pid):
    _protected.add(pid)


def release(pid):
    _protected.discard(pid)


def _processes():
    """pid → (ppid, session id) of every process visible now."""
    table = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return table
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            table[int(name)] = (int(fields[1]), int(fields[3]))
        except (OSError, IndexError, ValueError):
            continue
    return table


def _trees(table, roots):
    children = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    out, todo = [], list(roots)
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def kill_escapees(seconds=10.0):
    """SIGKILL every tree rooted at a child of ours that lives in another session (sandbox
    launchers and whatever they left behind), except live sandboxes' launchers; reap those
    children. Legitimate helpers of the grader (e.g. `nngrade batch` workers) share our session
    and are left alone; a sandboxed process cannot join our session (setsid only makes new
    ones). Returns how many processes were signalled. Repeats until a scan finds none, so a
    fork loop whose parents die is drained too (each orphan comes back to us)."""
    if not LINUX:
        return 0
    me, session = os.getpid(), os.getsid(0)
    deadline, killed = time.monotonic() + seconds, 0
    while time.monotonic() < deadline:
        table = _processes()
        roots = [pid for pid, (ppid, sid) in table.items()
                 if ppid == me and sid != session and pid not in _protected]
        if not roots:
            return killed
        for pid in _trees(table, roots):
            try:
                os.kill(pid, signal.SIGKILL)
                killed += 1
            except OSError:
                pass
        for pid in roots:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.005)
    return killed


def write_output(path, text, encoding="utf-8"):
    """Write a result file the way the grader must: first end every process a submission may
    have left behind (`kill_escapees`), then write to a temporary file beside PATH and
    `os.replace` it (atomic; a link planted at PATH is replaced, never followed). Lone
    surrogates from student strings are replaced, never a crash. (With namespaces no process of
    a sandbox outlives it -- the PID namespace ends them all -- so the sweep, which would also end
    other session leaders this process started, runs only at isolation levels "none" and
    "container"; at "container" every process of a sandbox uid is killed too.)"""
    from autograder.sandbox import isolation
    level = isolation.status().level
    if level in ("none", "container"):
        kill_escapees()
    if level == "container":  # every process of every sandbox uid, wherever it went
        from autograder.sandbox.container import kill_sandbox_users
        kill_sandbox_users()
    data = text.encode(encoding, "replace")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".nngrade-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; result files are for people to read
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
