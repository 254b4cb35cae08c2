"""How isolated a sandbox can be here, and what the launcher should hide, expose and limit.

`status()` decides, once per process, which isolation level this machine gives (the one place
every frontend and runner choice asks). `make_plan` turns `Limits` into the JSON plan
`launcher.py` executes. Paths are resolved here, in the trusted process, from where the grader's
packages really live, so the plan works for an editable checkout (the `.pth` file points at the
repo) as well as for an installed wheel.

Portable at import time (standard library, no POSIX-only modules): `status()` is called by the
runner choice of `nngrade check`, which must also import on Windows.
"""
import importlib.util
import logging
import os
import secrets
import site
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("autograder.sandbox")

# Never readable by the child. The whole project root goes too (it holds .git, source notebooks
# with solutions, tests); public data (`nndata`) is brought back below.
HIDDEN_PACKAGES = ("solutions", "autograder")
PUBLIC_PACKAGES = ("nndata",)
# Covered with an empty tmpfs in the child's mount namespace: every top-level folder except the
# operating system's own (so /home, /root, /srv, /mnt, /opt, /work, ... : other users' files,
# classmates' submissions, course material), sockets in /run, the terminals in /dev/pts (in a
# user namespace the child has the grader's uid, which owns the grader's terminal), and /var's
# data folders. What the
# interpreter and the probes need inside them is bind-mounted back (see `exposed_paths`).
SYSTEM_TOP = {"bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "dev", "proc",
              "sys", "var", "boot", "tmp", "nix", "gnu", "snap"}
MASKS = ("/run", "/dev/pts", "/var/tmp", "/var/lib", "/var/log", "/var/mail", "/var/spool", "/var/opt",
         "/var/www", "/var/backups")


LEVELS = ("none", "user-namespaces", "root-namespaces")  # weakest first
FORCE_ENV = "NNGRADE_FORCE_ISOLATION"  # test-only knob; can only LOWER the level (docs/SECURITY.md)
UNSAFE_ENV = "NNGRADE_UNSAFE_NO_ISOLATION"  # set by `--unsafe-no-isolation`
LAUNCHER = Path(__file__).resolve().parent / "launcher.py"


@dataclass(frozen=True)
class IsolationStatus:
    """What a sandbox started by this process gets.

    level: "root-namespaces" (grader is root: mount/network/PID/IPC/UTS namespaces and a private
    uid per sandbox), "user-namespaces" (normal user: the same namespaces inside an unprivileged
    user namespace, the child keeps the grader's uid), or "none" (rlimits and in-process guards
    only: same uid, same file system, escapees possible). `why`: one English line saying what was
    found (logs); `reason` + `detail`: the same for messages in either language (`explain`).
    """
    level: str
    why: str
    reason: str = ""  # "root" | "user" | "forced" | "platform" | "refused" | "probe"
    detail: str = ""

    def explain(self, lang="en"):
        """`why` in LANG ("ko" | "en"), from the message catalog."""
        from autograder.messages import render
        return render(f"sandbox.why.{self.reason}", {"detail": self.detail}, lang)

    @property
    def real(self):
        """True when a child can neither read the grader's files nor outlive its sandbox."""
        return self.level != "none"

    @property
    def namespaces(self):
        """The launcher's plan value: "root", "user" or None."""
        return {"root-namespaces": "root", "user-namespaces": "user"}.get(self.level)


_STATUS = {}


def status():
    """The isolation level of this machine for this process → IsolationStatus (cached).

    Contract: never raises, never imports POSIX-only modules, costs one short subprocess the first
    time (the launcher tries the namespaces and mounts a sandbox needs: a real test, not a guess
    from kernel settings). "none" on anything but Linux. `$NNGRADE_FORCE_ISOLATION=none` (tests)
    lowers the answer to "none"; any other value of it also gives "none" (it can only lower).
    """
    forced = os.environ.get(FORCE_ENV)
    key = (os.geteuid() if hasattr(os, "geteuid") else None, forced)
    if key not in _STATUS:
        found = _detect()
        if forced is not None and found.level != "none":
            found = IsolationStatus("none", f"{FORCE_ENV}={forced[:40]!r} (test-only knob; "
                                    f"without it: {found.level})", "forced", found.level)
        _STATUS[key] = found
    return _STATUS[key]


def _detect():
    if not sys.platform.startswith("linux"):
        return IsolationStatus("none", f"namespaces need Linux (this is {sys.platform})",
                               "platform", sys.platform)
    root = os.geteuid() == 0
    kind = "root" if root else "user"
    try:
        done = subprocess.run([sys.executable, "-I", "-S", "-B", str(LAUNCHER), "--probe", kind],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=20, env={"PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.SubprocessError) as exc:
        return IsolationStatus("none", f"cannot run the namespace probe: {exc}"[:300], "probe",
                               str(exc)[:200])
    if done.returncode == 0:
        if root:
            return IsolationStatus("root-namespaces", "root: namespaces and a private uid",
                                   "root")
        return IsolationStatus("user-namespaces", f"uid {os.getuid()}: unprivileged user "
                               "namespace with mount, network, PID, IPC and UTS namespaces",
                               "user", str(os.getuid()))
    error = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no reason"]
    who = "root" if root else f"uid {os.getuid()}"
    return IsolationStatus("none", f"{who}: namespaces refused ({error[0][:200]})", "refused",
                           f"{who}: {error[0][:200]}")


class IsolationRequired(RuntimeError):
    """Grading with hidden checks (the reference in this process) refused: isolation not real."""

    def __init__(self, found):
        super().__init__(f"isolation required for hidden checks, found {found.level}: "
                         f"{found.why}")
        self.status = found


def unsafe_allowed():
    return os.environ.get(UNSAFE_ENV) == "1"


def require_real_isolation():
    """Raise IsolationRequired unless `status()` is real or `--unsafe-no-isolation` was given.

    Called by `grade.grade_file` whenever hidden checks are included (grade, batch, Gradescope,
    nbgrader: every frontend goes through it)."""
    found = status()
    if not found.real and not unsafe_allowed():
        raise IsolationRequired(found)
    return found


def masks():
    out = []
    try:
        top = sorted(os.listdir("/"))
    except OSError:
        top = []
    for name in top:
        path = "/" + name
        if name not in SYSTEM_TOP and os.path.isdir(path) and not os.path.islink(path):
            out.append(path)
    return out + [m for m in MASKS if os.path.isdir(m) and not os.path.islink(m)]


# Unprivileged ids for the child: a fresh one per sandbox, so process limits count only this
# sandbox and no two sandboxes can signal or read each other. Far above any real account.
UID_BASE, UID_SPAN = 200_000_000, 100_000_000


def _package_dir(name):
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return os.path.realpath(list(spec.submodule_search_locations)[0])
    return os.path.realpath(spec.origin) if spec.origin else None


def hidden_paths(extra=()):
    paths = []
    for name in HIDDEN_PACKAGES:
        folder = _package_dir(name)
        if folder:
            paths.append(folder)
            root = os.path.dirname(folder)
            markers = ("pyproject.toml", "setup.py", ".git")
            if name == "autograder" and any(os.path.exists(os.path.join(root, m)) for m in markers):
                paths.append(root)
    paths += [os.path.realpath(p) for p in extra]
    return sorted(set(paths))


def exposed_paths(readable=()):
    """What the child's interpreter and code must be able to read."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             os.path.dirname(os.path.realpath(sys.executable))}
    paths.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
    paths.update(filter(None, (_package_dir(n) for n in PUBLIC_PACKAGES)))
    paths.update(str(p) for p in readable if p)
    private = [d for d in map(_package_dir, HIDDEN_PACKAGES) if d]
    paths = {os.path.realpath(p) for p in paths if os.path.exists(p)}
    return sorted(p for p in paths if not any(inside(p, d) for d in private))


def inside(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def _uid_tasks(uid):
    """Processes + threads owned by `uid` now (RLIMIT_NPROC counts these)."""
    count = 0
    try:
        entries = list(os.scandir("/proc"))
    except OSError:
        return None
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as fh:
                fields = dict(line.split(":", 1) for line in fh if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                count += int(fields["Threads"])
        except (OSError, KeyError, ValueError):
            continue
    return count


def sandbox_namespaces(limits):
    """The launcher's namespace kind for `limits` here: "root", "user" or None (+ why not)."""
    if limits.isolation != "auto":
        return None, f"disabled by configuration (isolation={limits.isolation!r})"
    found = status()
    return found.namespaces, None if found.namespaces else found.why


def make_plan(limits, run, home, env, worker_args, resp_fd, readable=(), hide=(), uid=None):
    """JSON-ready plan for `launcher.main`. `uid`: the child's uid when running as root."""
    root = os.geteuid() == 0
    isolate = limits.isolation != "off"
    kind, why = sandbox_namespaces(limits)
    rlimits = {
        "RLIMIT_CPU": int(limits.cpu_seconds),
        "RLIMIT_AS": int(limits.address_space),
        "RLIMIT_NOFILE": int(limits.open_files),
        "RLIMIT_FSIZE": int(limits.file_size),
        "RLIMIT_CORE": 0,
        "RLIMIT_NPROC": int(limits.processes),
    }
    notes = []
    if kind == "user":
        # Counted per user namespace: the launcher and the sandbox's own tasks only.
        rlimits["RLIMIT_NPROC"] += 1
    elif not (root and isolate):
        # The child shares our uid: the limit must leave room for what that uid already runs.
        running = _uid_tasks(os.getuid())
        if running is None:
            del rlimits["RLIMIT_NPROC"]
            notes.append(("RLIMIT_NPROC", "cannot count this user's processes (no /proc)"))
        else:
            rlimits["RLIMIT_NPROC"] += running
    return {
        "namespaces": kind,
        "why": why,
        "uid": uid if (root and isolate) else None,
        "gid": uid if (root and isolate) else None,
        "allow_root": bool(limits.allow_root),
        "python": sys.executable,
        "run": str(run),
        "home": str(home),
        "masks": masks(),
        "hidden": hidden_paths(hide),
        "expose": exposed_paths(readable),
        "tmp_bytes": int(limits.disk_bytes),
        "tmp_inodes": 20_000,
        "shm_bytes": 64 * 2**20,
        "rlimits": rlimits,
        "notes": notes,
        "env": dict(env),
        "worker_args": [str(a) for a in worker_args],
        "resp_fd": int(resp_fd),
    }


def new_uid():
    return UID_BASE + secrets.randbelow(UID_SPAN)

