"""A control group per sandbox: an equal CPU share, a process cap and exact CPU accounting.

`detect()` reads what this host offers -- from ``/proc/self/mountinfo`` (which cgroup file
systems are mounted where, read-only or not), ``/proc/cgroups`` (which controllers the kernel
has enabled) and ``/proc/self/cgroup`` (where this process sits) -- and whether this process may
write there. Nothing is tried and caught: each layer is used exactly when its condition holds.

* **share**: cgroup v1 ``cpu`` (``cpu.shares`` 1024) or cgroup v2 with the ``cpu`` controller
  delegable here (``cpu.weight`` 100). Every sandbox group gets the same weight however many
  processes it runs, so 32 busy processes of one student weigh what one process of a classmate
  weighs (the scheduler splits the CPU between groups first, then inside each).
* **pids**: cgroup v1 ``pids`` or v2 ``pids``: ``pids.max`` = `Limits.processes` for the
  sandbox's whole tree (threads included), beside the per-uid ``RLIMIT_NPROC``.
* **usage**: the CPU time of the whole tree, exited processes included (v1 ``cpuacct.usage``,
  v2 ``cpu.stat`` ``usage_usec``, which every v2 group has even without controllers).
* **pressure**: v2 ``cpu.pressure`` of the group (PSI): how long some task of the sandbox was
  runnable but waiting for a CPU -- the measure of "the host was overloaded" (`cpu_budget.py`).

Group directories are made below the grader's own group in each hierarchy (so an enclosing
service slice still bounds the whole grader), named ``nngrade-<grader pid>-<n>``; the launcher
joins them itself before it forks anything (`launcher.join_cgroups`), so the whole tree is in
them from its first process. `SandboxCgroup.remove` kills what is left (``cgroup.kill`` in v2,
else SIGKILL of every listed task) and removes the directories.

Where nothing is writable -- a normal user without a delegated group, a container whose
``/sys/fs/cgroup`` is mounted read-only -- the level is "none" and `cpu_budget.TreeMeter` measures
the tree's CPU from ``/proc`` (live processes plus what they reaped; ``RLIMIT_CPU`` per process
is the floor); docs/SECURITY.md "CPU share and budgets".
"""
import os
import signal
import time
from dataclasses import dataclass, field
from typing import Optional

MOUNTINFO = "/proc/self/mountinfo"
LEVELS = ("none", "accounting", "cgroup-v1", "cgroup-v2")  # weakest first
SHARES_V1 = 1024  # the default weight of a v1 group (= one nice-0 task at the same level)
WEIGHT_V2 = 100   # the default weight of a v2 group
PREFIX = "nngrade-"


@dataclass(frozen=True)
class Hierarchy:
    """One place where a cgroup file system lets us make groups: `path` is our own group."""
    version: int      # 1 or 2
    path: str         # the grader's own group directory in this hierarchy
    writable: bool
    why: str = ""     # why not writable


@dataclass(frozen=True)
class CgroupSupport:
    """What `detect` found. Each attribute is the Hierarchy used for it, or None."""
    share: Optional[Hierarchy] = None
    pids: Optional[Hierarchy] = None
    usage: Optional[Hierarchy] = None
    pressure: Optional[Hierarchy] = None
    enable_v2: tuple = ()   # controllers to enable in our own v2 group's subtree_control
    notes: tuple = field(default_factory=tuple)  # why a layer is missing

    @property
    def level(self):
        """"cgroup-v1"/"cgroup-v2": an equal CPU share and a process cap per sandbox;
        "accounting": only the tree's CPU time is measured exactly; "none": neither."""
        if self.share and self.pids:
            return f"cgroup-v{self.share.version}"
        return "accounting" if self.usage else "none"

    @property
    def why(self):
        parts = []
        if self.share:
            parts.append(f"cpu share: v{self.share.version} {self.share.path}")
        if self.pids:
            parts.append(f"process cap: v{self.pids.version} {self.pids.path}")
        if self.usage:
            parts.append(f"cpu time: v{self.usage.version} {self.usage.path}")
        if self.pressure:
            parts.append(f"cpu pressure: v2 {self.pressure.path}")
        return "; ".join(parts + list(self.notes)) or "no cgroup file system"

    def hierarchies(self):
        """The distinct group directories a sandbox group is made in."""
        seen = []
        for h in (self.share, self.pids, self.usage, self.pressure):
            if h is not None and h.path not in [s.path for s in seen]:
                seen.append(h)
        return seen


def _unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and text[i + 1:i + 4].isdigit():
            out.append(chr(int(text[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def cgroup_mounts(mountinfo=MOUNTINFO):
    """[(version, mount point, root, controllers, read-only)] of the cgroup file systems."""
    out = []
    try:
        with open(mountinfo, encoding="utf-8", errors="surrogateescape") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return out
    for line in lines:
        left, sep, right = line.partition(" - ")
        parts, tail = left.split(), right.split()
        if not sep or len(parts) < 6 or len(tail) < 3 or tail[0] not in ("cgroup", "cgroup2"):
            continue
        super_options = tail[2].split(",")
        readonly = "ro" in parts[5].split(",") or "ro" in super_options
        controllers = frozenset(o for o in super_options if o not in ("rw", "ro")
                                and "=" not in o)
        out.append((2 if tail[0] == "cgroup2" else 1, _unescape(parts[4]), _unescape(parts[3]),
                    controllers, readonly))
    return out


def enabled_controllers(path="/proc/cgroups"):
    """Controllers the kernel has enabled (v1 and v2 alike)."""
    out = set()
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            for line in fh:
                fields = line.split()
                if len(fields) >= 4 and not line.startswith("#") and fields[3] == "1":
                    out.add(fields[0])
    except OSError:
        pass
    return out


def own_groups(path="/proc/self/cgroup"):
    """{controller or "" for v2: this process's group path}."""
    out = {}
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as fh:
            for line in fh:
                hid, _, rest = line.rstrip("\n").partition(":")
                names, _, group = rest.partition(":")
                if hid == "0" and names == "":
                    out[""] = group
                for name in filter(None, names.split(",")):
                    out[name] = group
    except OSError:
        pass
    return out


def _hierarchy(version, point, root, group, readonly):
    rel = group[len(root):] if root != "/" and (group + "/").startswith(root + "/") else group
    path = os.path.normpath(point + "/" + rel.lstrip("/"))
    if readonly:
        return Hierarchy(version, path, False, "mounted read-only (a container?)")
    if not os.path.isdir(path):
        return Hierarchy(version, path, False, "our group is not visible in this mount")
    if not os.access(path, os.W_OK):
        return Hierarchy(version, path, False, f"not writable by uid {os.geteuid()} "
                         "(no delegated group)")
    return Hierarchy(version, path, True)


def _read(path):
    try:
        with open(path, encoding="ascii", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def detect():
    """→ CgroupSupport for this process now (cheap: a few small /proc and /sys reads)."""
    if not os.path.exists(MOUNTINFO):
        return CgroupSupport(notes=("no /proc/self/mountinfo (not Linux)",))
    enabled, groups, notes = enabled_controllers(), own_groups(), []
    found = {}
    for version, point, root, controllers, readonly in cgroup_mounts():
        if version == 1:
            for name in ("cpu", "cpuacct", "pids"):
                if name in controllers and name in enabled and name in groups and name not in found:
                    found[name] = _hierarchy(1, point, root, groups[name], readonly)
        elif "" in groups and "v2" not in found:
            found["v2"] = _hierarchy(2, point, root, groups[""], readonly)
    for name, h in found.items():
        if not h.writable:
            notes.append(f"{name if name != 'v2' else 'cgroup2'}: {h.path} {h.why}")
    usable = {n: h for n, h in found.items() if h.writable}
    share = usable.get("cpu")
    pids = usable.get("pids")
    usage = usable.get("cpuacct")
    v2, enable = usable.get("v2"), []
    if v2 is not None:
        available = set(_read(os.path.join(v2.path, "cgroup.controllers")).split())
        delegated = set(_read(os.path.join(v2.path, "cgroup.subtree_control")).split())
        # A v2 group with processes may not enable controllers for its children (the "no
        # internal processes" rule), except the root group: use what is delegated already.
        is_root = not os.path.exists(os.path.join(v2.path, "cgroup.type"))
        for name in ("cpu", "pids"):
            if name in delegated or (is_root and name in available):
                if name == "cpu" and share is None:
                    share = v2
                if name == "pids" and pids is None:
                    pids = v2
                if name not in delegated and {"cpu": share, "pids": pids}[name] is v2:
                    enable.append(name)
        if usage is None:
            usage = v2
    pressure = v2 if v2 is not None and os.path.exists(os.path.join(v2.path, "cpu.pressure")) \
        else None
    if share is None:
        notes.append("no writable cpu controller: no CPU share per sandbox")
    if pids is None:
        notes.append("no writable pids controller: no process cap per sandbox tree")
    return CgroupSupport(share, pids, usage, pressure, tuple(enable), tuple(notes))


_SUPPORT = []
_counter = [0]


def support():
    """`detect()` once per process (cached)."""
    if not _SUPPORT:
        _SUPPORT.append(detect())
    return _SUPPORT[0]


def _write(path, text):
    with open(path, "w", encoding="ascii") as fh:
        fh.write(text)


def _alive(pid):
    return os.path.exists(f"/proc/{pid}")


def sweep_stale(parent):
    """Remove empty groups left by a grader that died (its pid is gone)."""
    try:
        names = os.listdir(parent)
    except OSError:
        return
    for name in names:
        pid = name[len(PREFIX):].split("-")[0]
        if name.startswith(PREFIX) and pid.isdigit() and not _alive(int(pid)):
            try:
                os.rmdir(os.path.join(parent, name))
            except OSError:
                pass


class SandboxCgroup:
    """The group(s) of one sandbox. `procs`: the files the launcher writes its pid into."""

    def __init__(self, found, processes):
        self.found = found
        _counter[0] += 1
        self.name = f"{PREFIX}{os.getpid()}-{_counter[0]}"
        self.dirs = {}
        if _counter[0] == 1:
            for h in found.hierarchies():
                sweep_stale(h.path)
        if found.enable_v2:
            v2 = found.share if found.share and found.share.version == 2 else found.pids
            _write(os.path.join(v2.path, "cgroup.subtree_control"),
                   " ".join("+" + n for n in found.enable_v2))
        try:
            for h in found.hierarchies():
                path = os.path.join(h.path, self.name)
                os.mkdir(path, 0o755)
                self.dirs[h.path] = path
            if found.share:
                share = self.dirs[found.share.path]
                if found.share.version == 1:
                    _write(os.path.join(share, "cpu.shares"), str(SHARES_V1))
                else:
                    _write(os.path.join(share, "cpu.weight"), str(WEIGHT_V2))
            if found.pids:
                _write(os.path.join(self.dirs[found.pids.path], "pids.max"), str(int(processes)))
        except OSError:
            self.remove()
            raise

    @property
    def procs(self):
        return [os.path.join(d, "cgroup.procs") for d in self.dirs.values()]

    def cpu_seconds(self):
        """CPU time of every process that ever ran in the group (None: not measured here)."""
        h = self.found.usage
        if h is None or h.path not in self.dirs:
            return None
        if h.version == 1:
            text = _read(os.path.join(self.dirs[h.path], "cpuacct.usage")).strip()
            return int(text) / 1e9 if text.isdigit() else None
        return _stat_field(_read(os.path.join(self.dirs[h.path], "cpu.stat")), "usage_usec")

    def waiting_seconds(self):
        """How long some task of the group was runnable but not running (v2 PSI "some")."""
        h = self.found.pressure
        if h is None or h.path not in self.dirs:
            return None
        for line in _read(os.path.join(self.dirs[h.path], "cpu.pressure")).splitlines():
            if line.startswith("some "):
                for part in line.split():
                    if part.startswith("total=") and part[6:].isdigit():
                        return int(part[6:]) / 1e6
        return None

    def tasks(self):
        pids = set()
        for procs in self.procs:
            pids.update(int(p) for p in _read(procs).split() if p.isdigit())
        return pids

    def remove(self, seconds=5.0):
        """Kill whatever is still in the group(s), then remove the directories."""
        deadline = time.monotonic() + seconds
        for path in list(self.dirs.values()):
            kill = os.path.join(path, "cgroup.kill")
            if os.path.exists(kill):
                try:
                    _write(kill, "1")
                except OSError:
                    pass
        while self.dirs and time.monotonic() < deadline:
            for pid in self.tasks():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            for key, path in list(self.dirs.items()):
                try:
                    os.rmdir(path)
                    del self.dirs[key]
                except FileNotFoundError:
                    del self.dirs[key]
                except OSError:
                    pass  # tasks still exiting (EBUSY): once more
            if self.dirs:
                time.sleep(0.02)
        return not self.dirs


def _stat_field(text, name):
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == name and value.strip().isdigit():
            return int(value) / 1e6
    return None


def open_group(processes):
    """A SandboxCgroup for one sandbox, or (None, why) where the host offers no writable group."""
    found = support()
    if not found.hierarchies():
        return None, found.why
    try:
        return SandboxCgroup(found, processes), None
    except OSError as exc:  # e.g. the hierarchy filled up (cgroup.max.descendants)
        return None, f"cannot create a sandbox group: {exc}"
