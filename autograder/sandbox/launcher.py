"""Sandbox launcher: isolate, limit and de-privilege one child, then exec the worker.

Started by `runner.py` as ``python -I -S -B launcher.py PLAN`` (the plan `marshal`-ed, as hex)
in a fresh process, so no `preexec_fn` runs in a possibly multi-threaded grader. Standard library
only, and only cheap modules (no `json`/`re`: this runs once per child start); copied beside the
worker, never imported by the grader. The plan (see `isolation.make_plan`) says what to try;
every step that cannot be applied is reported, never silently skipped:

* namespaces (plan "namespaces"): "root" -- a grader running as root unshares mount, network,
  PID, IPC and UTS namespaces; "user" -- a grader running as a normal user first creates a user
  namespace that maps only its own uid/gid (no newuidmap needed), which gives it the capabilities
  to build the very same mount, network, PID, IPC and UTS namespaces; None -- none (reported).
  In the new mount namespace every
  mount is made read-only; /home, /root, /tmp, /run, ... and the grader's own trees (project
  root, `solutions`, `autograder`) are covered with empty tmpfs; the Python installation, the
  venv, public data packages and explicitly readable files are bind-mounted back read-only;
  /tmp becomes a small private tmpfs owned by the child (its only writable place) with the
  worker files at /tmp/.nngrade (read-only); /proc is a fresh instance of the new PID namespace.
  The network namespace has only a downed loopback.
* cgroups (plan "cgroups"): the launcher first writes its own pid into the sandbox's groups,
  so everything it starts is in them (`join_cgroups`).
* rlimits (CPU, address space, open files, file size, processes, no core dumps),
  ``oom_score_adj`` 1000, then -- as root -- a switch to the plan's unprivileged uid/gid with no
  supplementary groups, ``no_new_privs``, and death with the launcher (``PR_SET_PDEATHSIG``).
  In a user namespace the child keeps the grader's uid, but it is not 0 inside, so ``execve``
  of the worker drops every capability the namespace gave the launcher.

``launcher.py --probe KIND`` (KIND root|user) tries the namespaces and the mounts the sandbox
needs in a throw-away child and exits 0 when they all work (`isolation.status` runs it once).

The first line written on the reply pipe is ``{"event": "sandbox", ...}`` with what was applied
and what was not; then the worker takes over the process (``execve``).
"""
import ctypes
import marshal
import os
import resource
import select
import signal
import stat
import sys

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MS_STRICTATIME = 1 << 24
KEEP_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC,
              "noatime": MS_NOATIME, "nodiratime": MS_NODIRATIME, "relatime": MS_RELATIME,
              "strictatime": MS_STRICTATIME}

PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38

_libc = ctypes.CDLL(None, use_errno=True)


def _function(name, argtypes):
    """A libc function, or one failing with ENOSYS where libc lacks it (not Linux)."""
    function = getattr(_libc, name, None)
    if function is None:
        def missing(*args):
            ctypes.set_errno(38)  # ENOSYS
            return -1
        return missing
    function.argtypes = argtypes
    return function


_mount = _function("mount", [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong,
                             ctypes.c_char_p])
_unshare = _function("unshare", [ctypes.c_int])
_prctl = _function("prctl", [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                             ctypes.c_ulong])


def to_json(value):
    """The few JSON shapes the launcher writes (dict/list/str/int/bool/None)."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        out = []
        for ch in value:
            if ch in '"\\':
                out.append("\\" + ch)
            elif ord(ch) < 0x20 or 0xD800 <= ord(ch) < 0xE000:
                out.append("\\u%04x" % (ord(ch) if ord(ch) < 0x20 else 0xFFFD))
            else:
                out.append(ch)
        return '"' + "".join(out) + '"'
    if isinstance(value, dict):
        return "{" + ",".join(f"{to_json(str(k))}:{to_json(v)}" for k, v in value.items()) + "}"
    return "[" + ",".join(to_json(v) for v in value) + "]"


class Status:
    def __init__(self):
        self.applied, self.degraded, self.fatal = [], [], None

    def ok(self, what):
        self.applied.append(what)

    def fail(self, what, why):
        self.degraded.append({"what": what, "why": str(why)[:300]})


def _call(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _b(text):
    return None if text is None else os.fsencode(text)


def mount(source, target, fstype, flags, data=None):
    _call(_mount(_b(source), _b(target), _b(fstype), flags, _b(data)), f"mount {target}")


def remount_readonly(target, extra=0):
    mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | extra)


def _unescape(field):
    """Mount points in mountinfo escape space, tab, newline and backslash as \\ooo."""
    parts = field.split("\\")
    out = parts[0]
    for part in parts[1:]:
        code = part[:3]
        out += chr(int(code, 8)) + part[3:] if len(code) == 3 and code.isdigit() else "\\" + part
    return out


def mounts():
    """(mount point, per-mount options) of the current mount namespace, outermost first."""
    out = []
    with open("/proc/self/mountinfo", encoding="utf-8", errors="surrogateescape") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) > 5:
                out.append((_unescape(parts[4]), parts[5].split(",")))
    return out


def _inside(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def _blocked(path, uid, gid):
    """True when `uid` cannot search directory `path`."""
    try:
        st = os.stat(path)
    except OSError:
        return True
    if st.st_uid == uid:
        return not st.st_mode & 0o100
    if st.st_gid == gid:
        return not st.st_mode & 0o010
    return not st.st_mode & 0o001


def _ancestors(path):
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:i]) for i in range(1, len(parts))]


def setup_filesystem(plan, status):
    """Build the child's view of the file system (mount namespace, still root)."""
    # owner of the child's /tmp: its own uid (root mode), else ours (user namespace: our uid is
    # the only one mapped)
    uid = plan["uid"] if plan["uid"] is not None else os.getuid()
    gid = plan["gid"] if plan["gid"] is not None else os.getgid()
    mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing below propagates to the host
    keep = {}
    for path in [plan["run"]] + plan["expose"]:
        try:
            keep[path] = os.open(path, os.O_PATH | os.O_CLOEXEC)
        except OSError as exc:
            if path == plan["run"]:
                raise
            status.fail(f"expose {path}", exc)

    # 1. everything read-only (already read-only mounts are left alone)
    failed = []
    for point, options in mounts():
        if "ro" in options:
            continue
        extra = sum(flag for name, flag in KEEP_FLAGS.items() if name in options)
        try:
            remount_readonly(point, extra)
        except OSError as exc:
            failed.append(f"{point} ({exc.strerror})")
    if failed:
        status.fail("read-only file system", ", ".join(failed)[:300])
    else:
        status.ok("read-only file system")

    # 2. cover private trees with empty tmpfs; /tmp becomes the child's private home
    masks = {}
    home_options = (f"size={plan['tmp_bytes']},nr_inodes={plan['tmp_inodes']},mode=700,"
                    f"uid={uid},gid={gid}")
    wanted = {p: "size=64k,nr_inodes=256,mode=755" for p in plan["masks"] + plan["hidden"]}
    wanted["/tmp"] = home_options
    for path in sorted(wanted, key=lambda p: p.count("/")):
        if any(_inside(path, m) for m in masks) or not os.path.isdir(path):
            continue
        try:
            mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, wanted[path])
            masks[path] = wanted[path]
        except OSError as exc:
            status.fail(f"hide {path}", exc.strerror)
    missing = [h for h in plan["hidden"] if os.path.exists(h) and h not in masks
               and not any(_inside(h, m) for m in masks)]
    if missing:
        status.fail("hide grader files", ", ".join(missing))

    # 3. bring back what the child needs, read-only
    exposed = []
    for path in sorted(keep, key=lambda p: p.count("/")):
        if path == plan["run"] or any(_inside(path, e) for e in exposed):
            continue
        blocker = next((a for a in _ancestors(path) if a in masks or _blocked(a, uid, gid)), None)
        if blocker is None:
            continue  # reachable as it is
        try:
            if blocker not in masks:  # a directory the child may not search, e.g. /root (0700)
                mount("tmpfs", blocker, "tmpfs", MS_NOSUID | MS_NODEV,
                      "size=64k,nr_inodes=256,mode=755")
                masks[blocker] = "size=64k,nr_inodes=256,mode=755"
            top = "/tmp/" + path[len("/tmp/"):].split("/", 1)[0]
            if blocker == "/tmp" and path != top and top not in masks:
                # A tree under /tmp (a checkout or venv there): its way down from the child's
                # own, writable /tmp goes through a mount point (never renamed or removed) on a
                # tmpfs made read-only in step 5, so the child cannot move the interpreter away.
                os.makedirs(top, mode=0o755, exist_ok=True)
                mount("tmpfs", top, "tmpfs", MS_NOSUID | MS_NODEV,
                      "size=64k,nr_inodes=256,mode=755")
                masks[top] = "size=64k,nr_inodes=256,mode=755"
            if stat.S_ISDIR(os.stat(f"/proc/self/fd/{keep[path]}").st_mode):
                os.makedirs(path, mode=0o755, exist_ok=True)
            else:  # a single file, e.g. the MNIST .npz a probe reads: a file to mount onto
                os.makedirs(os.path.dirname(path), mode=0o755, exist_ok=True)
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o444))
            mount(f"/proc/self/fd/{keep[path]}", path, None, MS_BIND | MS_REC)
            remount_readonly(path, MS_NOSUID | MS_NODEV)
            exposed.append(path)
        except OSError as exc:
            status.fail(f"expose {path}", exc.strerror)

    # 4. grader files that an exposed tree brought back (e.g. a non-editable install)
    for path in plan["hidden"]:
        if any(_inside(path, e) for e in exposed) and os.path.lexists(path):
            try:
                if os.path.isdir(path):
                    mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_RDONLY,
                          "size=4k,nr_inodes=16,mode=755")
                else:
                    mount("/dev/null", path, None, MS_BIND)
            except OSError as exc:
                status.fail(f"hide {path}", exc.strerror)

    # 5. worker files, /dev/shm, /proc
    os.makedirs("/tmp/.nngrade", mode=0o755, exist_ok=True)
    mount(f"/proc/self/fd/{keep[plan['run']]}", "/tmp/.nngrade", None, MS_BIND)
    remount_readonly("/tmp/.nngrade", MS_NOSUID | MS_NODEV)
    try:
        mount("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV,
              f"size={plan['shm_bytes']},mode=700,uid={uid},gid={gid}")
    except OSError as exc:
        status.fail("private /dev/shm", exc.strerror)
    try:
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        status.ok("private /proc")
    except OSError as exc:
        status.fail("private /proc", exc.strerror)
    for path in masks:
        if path != "/tmp":
            try:
                remount_readonly(path, MS_NOSUID | MS_NODEV)
            except OSError as exc:
                status.fail(f"read-only {path}", exc.strerror)
    for fd in keep.values():
        os.close(fd)
    status.ok("hidden: " + ", ".join(sorted(masks)))
    return "/tmp", "/tmp/.nngrade"


def set_limits(plan, status):
    for what, why in plan.get("notes", []):
        status.fail(what, why)
    for name, value in plan["rlimits"].items():
        try:
            resource.setrlimit(getattr(resource, name), (value, value))
        except (OSError, ValueError, AttributeError) as exc:
            status.fail(name, exc)
    try:
        with open("/proc/self/oom_score_adj", "w") as fh:
            fh.write("1000")
    except OSError as exc:
        status.fail("oom_score_adj", exc.strerror)


def _can_run_python(plan, home, run):
    """With real ids switched (saved uid still root), can the child use python and its files?"""
    needed = [(plan["python"], os.X_OK), (run, os.R_OK | os.X_OK), (home, os.W_OK | os.X_OK)]
    needed += [(p, os.R_OK) for p in plan["expose"][:4]]
    return [p for p, mode in needed if not os.access(p, mode)]


def drop_privileges(plan, home, run, status):
    """Root → the plan's uid/gid. Returns False when the child must not run."""
    if os.geteuid() != 0:
        status.ok(f"runs as uid {os.getuid()} (the grader's own uid; not root)")
        return True
    uid, gid = plan["uid"], plan["gid"]
    if uid is None:
        status.fail("unprivileged user", "disabled by configuration")
        return bool(plan["allow_root"])
    os.setgroups([])
    os.setresgid(gid, gid, 0)
    os.setresuid(uid, uid, 0)
    missing = _can_run_python(plan, home, run)
    if missing:
        os.setresuid(0, 0, 0)
        os.setresgid(0, 0, 0)
        status.fail(f"unprivileged user {uid}", "cannot reach " + ", ".join(missing)[:200])
        return bool(plan["allow_root"])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    status.ok(f"runs as uid {uid}")
    return True


NAMESPACES = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS


def enter_namespaces(kind):
    """unshare() the sandbox's namespaces; KIND "user" first makes a user namespace mapping only
    our own uid and gid (what an unprivileged process may map without newuidmap)."""
    if kind != "user":
        _call(_unshare(NAMESPACES), "unshare")
        return "namespaces: mount, network, pid, ipc, uts"
    uid, gid = os.getuid(), os.getgid()
    _call(_unshare(CLONE_NEWUSER | NAMESPACES), "unshare")
    for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"),
                       ("gid_map", f"{gid} {gid} 1")):
        with open(f"/proc/self/{name}", "w") as fh:
            fh.write(text)
    return f"namespaces: user (uid {uid} mapped to itself), mount, network, pid, ipc, uts"


def probe(kind):
    """Exit 0 when KIND's namespaces, a private tmpfs and a fresh /proc all work here."""
    try:
        enter_namespaces(kind)
        pid = os.fork()
    except OSError as exc:
        os.write(2, f"{exc}\n".encode())
        os._exit(1)
    if pid == 0:
        try:
            mount(None, "/", None, MS_REC | MS_PRIVATE)
            mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=700")
            mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
            remount_readonly("/tmp", MS_NOSUID | MS_NODEV)
        except OSError as exc:
            os.write(2, f"{exc}\n".encode())
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    os._exit(os.waitstatus_to_exitcode(status) % 256)


def join_cgroups(plan, status):
    """Enter the sandbox's cgroups (`cgroups.py`) before anything else is started, so the whole
    tree is in them: an equal CPU share, a process cap and its CPU time counted."""
    paths = plan.get("cgroups") or []
    for path in paths:
        try:
            with open(path, "w") as fh:
                fh.write(str(os.getpid()))
        except OSError as exc:
            status.fail("cgroup " + path.rsplit("/", 2)[0], exc)
            return
    if paths:
        status.ok("cgroup: " + ", ".join(p.rsplit("/", 2)[0] for p in paths))


def wait_and_exit(pid, alive_w):
    """The launcher in the parent PID namespace: wait for the namespace's init, mirror its end."""
    for fd in range(3, 1024):
        if fd != alive_w:
            try:
                os.close(fd)
            except OSError:
                pass
    signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGKILL))
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            break
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
    os._exit(os.waitstatus_to_exitcode(status) % 256 if os.WIFEXITED(status)
             else 128 + os.WTERMSIG(status))


def _confine_module():
    """confine.py, which lies beside this file (run/ of the sandbox, or the package)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "confine.py")
    namespace = {"__name__": "confine", "__file__": path}
    with open(path, encoding="utf-8") as fh:
        exec(compile(fh.read(), path, "exec"), namespace)
    return namespace


def main():
    if sys.argv[1] == "--probe":
        if sys.argv[2] == "container":
            _confine_module()["probe_container"](sys.argv[3])
        probe(sys.argv[2])
    plan = marshal.loads(bytes.fromhex(sys.argv[1]))
    resp_fd = plan["resp_fd"]
    status = Status()
    join_cgroups(plan, status)
    is_root = os.geteuid() == 0
    namespaces = False
    kind = plan["namespaces"]
    if not kind and plan.get("container"):
        status.ok("namespaces: none (isolation level container: private uid instead)")
    elif not kind:
        status.fail("namespaces (network, mount, pid)", plan.get("why") or "not available")
    elif kind == "root" and not is_root:
        status.fail("namespaces (network, mount, pid)", "the grader is not running as root")
    else:
        try:
            status.ok(enter_namespaces(kind))
            namespaces = True
        except OSError as exc:
            status.fail("namespaces (network, mount, pid)", exc)

    alive_r = None
    if namespaces:
        alive_r, alive_w = os.pipe()
        pid = os.fork()
        if pid:
            os.close(alive_r)
            wait_and_exit(pid, alive_w)
        os.close(alive_w)

    home, run = plan["home"], plan["run"]
    isolated = namespaces
    if namespaces:
        try:
            home, run = setup_filesystem(plan, status)
        except OSError as exc:
            status.fail("file system isolation", exc)
            isolated = False
    isolated = isolated and not any(d["what"].startswith("hide") for d in status.degraded)
    set_limits(plan, status)
    try:
        allowed = drop_privileges(plan, home, run, status)
    except OSError as exc:
        status.fail("unprivileged user", exc)
        allowed = bool(plan["allow_root"])
    try:
        _call(_prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    except OSError as exc:
        status.fail("no_new_privs", exc)
    if plan.get("container") and allowed:
        try:
            isolated = _confine_module()["confine_container"](plan, home, run, status)
        except (OSError, SyntaxError) as exc:
            status.fail("container isolation", exc)
            isolated = False
    if not allowed:
        status.fatal = "refusing to run student code as root without isolation"
    elif plan.get("require") and not isolated:
        status.fatal = ("isolation required (hidden checks) but the namespaces or the masks "
                        "could not be applied")
    if alive_r is not None:
        _call(_prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
        if select.select([alive_r], [], [], 0)[0]:  # the launcher died before we got here
            os._exit(1)
        os.close(alive_r)

    line = to_json({"event": "sandbox", "applied": status.applied,
                    "degraded": status.degraded, "fatal": status.fatal, "home": home}) + "\n"
    os.write(resp_fd, line.encode("utf-8", "replace"))
    if status.fatal:
        os._exit(3)
    os.chdir(home)
    os.umask(0o077)
    env = {k: v.replace("{home}", home) for k, v in plan["env"].items()}
    worker = os.path.join(run, "worker.py")
    try:
        os.execve(plan["python"], [plan["python"], "-I", "-B", worker] + plan["worker_args"], env)
    except OSError as exc:
        os.write(resp_fd, (to_json({"event": "exec_failed", "error": str(exc)}) + "\n").encode())
        os._exit(127)


if __name__ == "__main__":
    main()
