"""Kernel confinement a process may apply to itself without privileges: a seccomp filter and
Landlock file-system rules (isolation level "container", docs/SECURITY.md).

Used by `launcher.py` (`confine_container`, after it has switched to the sandbox's uid and set
``no_new_privs``, which both need) and by its ``--probe container`` (`probe_container`). Standard library only (`ctypes`); copied beside the
worker like the launcher and loaded from there by path, never imported by the grader.

* `install_seccomp()`: a BPF filter that makes ``socket()`` fail with EPERM for every family but
  AF_UNIX (no TCP/UDP/raw/netlink/packet sockets: the child shares the container's network), and
  ``ptrace``, ``process_vm_readv/writev`` and ``io_uring_setup`` (io_uring can open sockets
  without the ``socket`` system call) fail with EPERM. Foreign ABIs (x32, a 32-bit call on x86_64)
  get ENOSYS. Known for x86_64 and aarch64; elsewhere it raises OSError(ENOSYS).
* `restrict_files(read, write)`: Landlock rules -- the process and its descendants may read and
  execute only below READ and write only below WRITE; with Landlock ABI >= 6 also no abstract
  Unix sockets and no signals outside the sandbox's own Landlock domain.
* `reachable(paths)`: which of PATHS this process can open or list (the launcher checks, as the
  child's uid, that none of the grader's private paths is).
"""
import ctypes
import os
import platform
import struct

PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
EPERM, ENOSYS = 1, 38
AF_UNIX = 1

# BPF opcodes (linux/filter.h) and seccomp return values (linux/seccomp.h)
LD_W_ABS, JEQ_K, JGE_K, RET_K = 0x20, 0x15, 0x35, 0x06
RET_ALLOW = 0x7FFF0000
RET_ERRNO = 0x00050000
# offsets in struct seccomp_data: nr (int), arch (u32), ip (u64), args[6] (u64, little endian)
NR, ARCH, ARG0 = 0, 4, 16

# machine → (AUDIT_ARCH_*, syscall numbers, first number of a foreign ABI or None)
ARCHES = {
    "x86_64": (0xC000003E, {"socket": 41, "ptrace": 101, "process_vm_readv": 310,
                            "process_vm_writev": 311, "io_uring_setup": 425}, 0x40000000),
    "aarch64": (0xC00000B7, {"socket": 198, "ptrace": 117, "process_vm_readv": 270,
                             "process_vm_writev": 271, "io_uring_setup": 425}, None),
}
DENIED = ("ptrace", "process_vm_readv", "process_vm_writev", "io_uring_setup")

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _insn(code, k, jt=0, jf=0):
    return struct.pack("=HBBI", code, jt, jf, k & 0xFFFFFFFF)


def seccomp_program(machine=None):
    """The filter's BPF instructions (bytes) for MACHINE (default: this one)."""
    machine = machine or platform.machine()
    if machine not in ARCHES:
        raise OSError(ENOSYS, f"no seccomp filter known for {machine}")
    audit, numbers, foreign = ARCHES[machine]
    deny = RET_ERRNO | EPERM
    prog = [_insn(LD_W_ABS, ARCH),
            _insn(JEQ_K, audit, 1, 0),
            _insn(RET_K, RET_ERRNO | ENOSYS),       # another ABI of this kernel
            _insn(LD_W_ABS, NR)]
    if foreign is not None:                         # x32 system calls on x86_64
        prog += [_insn(JGE_K, foreign, 0, 1), _insn(RET_K, RET_ERRNO | ENOSYS)]
    for name in DENIED:
        prog += [_insn(JEQ_K, numbers[name], 0, 1), _insn(RET_K, deny)]
    prog += [_insn(JEQ_K, numbers["socket"], 0, 3),
             _insn(LD_W_ABS, ARG0),                 # the address family (low 32 bits)
             _insn(JEQ_K, AF_UNIX, 1, 0),
             _insn(RET_K, deny),
             _insn(RET_K, RET_ALLOW)]
    return b"".join(prog)


class _Fprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install_seccomp():
    """Install the filter on this thread (before any other starts) and its descendants.
    Needs no_new_privs. Raises OSError when the kernel or the container refuses."""
    code = seccomp_program()
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _Fprog(len(code) // 8, ctypes.addressof(buf))
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"seccomp filter: {os.strerror(err)}")


# -- Landlock (linux/landlock.h; the system call numbers are the same on every architecture) --
SYS_CREATE, SYS_ADD_RULE, SYS_RESTRICT = 444, 445, 446
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
EXECUTE, WRITE_FILE, READ_FILE, READ_DIR = 1, 2, 4, 8
ALL_FS_V1 = (1 << 13) - 1          # execute .. make_sym
REFER, TRUNCATE, IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1, 2
FILE_RIGHTS = EXECUTE | WRITE_FILE | READ_FILE | TRUNCATE | IOCTL_DEV


def landlock_abi():
    """The kernel's Landlock ABI version, or 0 when it has none (or a filter refuses it)."""
    version = _libc.syscall(SYS_CREATE, None, ctypes.c_size_t(0),
                            ctypes.c_uint32(CREATE_RULESET_VERSION))
    return max(int(version), 0)


def _handled(abi):
    rights = ALL_FS_V1
    if abi >= 2:
        rights |= REFER
    if abi >= 3:
        rights |= TRUNCATE
    if abi >= 5:
        rights |= IOCTL_DEV
    return rights


def restrict_files(read, write):
    """Landlock: from now on this process (and what it starts) reads and executes only below
    READ, writes only below WRITE (paths; missing ones are skipped). → the ABI version used.
    Raises OSError when Landlock is missing or refuses."""
    abi = landlock_abi()
    if abi < 1:
        raise OSError(ENOSYS, "Landlock is not available")
    handled = _handled(abi)
    if abi >= 6:  # handled_access_fs, handled_access_net, scoped
        attr = struct.pack("=QQQ", handled, 0, SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL)
    else:
        attr = struct.pack("=Q", handled)
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _libc.syscall(SYS_CREATE, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        err = ctypes.get_errno()
        raise OSError(err, f"landlock_create_ruleset: {os.strerror(err)}")
    try:
        readable = READ_FILE | READ_DIR | EXECUTE
        for paths, rights in ((read, readable), (write, handled)):
            for path in paths:
                _add_rule(ruleset, path, rights)
        if _libc.syscall(SYS_RESTRICT, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"landlock_restrict_self: {os.strerror(err)}")
    finally:
        os.close(ruleset)
    return abi


def _add_rule(ruleset, path, rights):
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return  # not on this system (e.g. /lib64 on aarch64)
    try:
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            rights &= FILE_RIGHTS  # directory rights on a file are EINVAL
        attr = struct.pack("=Qi", rights, fd)
        buf = ctypes.create_string_buffer(attr, len(attr))
        if _libc.syscall(SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH),
                         buf, ctypes.c_uint32(0)) != 0:
            err = ctypes.get_errno()
            raise OSError(err, f"landlock_add_rule {path}: {os.strerror(err)}")
    finally:
        os.close(fd)


def split_around(roots, hidden):
    """ROOTS with every path of HIDDEN cut out: a root holding a hidden path is replaced by its
    entries (recursively), minus the hidden ones. For allow-lists such as Landlock's."""
    out = []
    for root in roots:
        root = root.rstrip("/") or "/"
        if any(_inside(root, h) for h in hidden):
            continue
        if not any(_inside(h, root) for h in hidden) or not os.path.isdir(root):
            out.append(root)
            continue
        try:
            names = sorted(os.listdir(root))
        except OSError:
            continue
        out += split_around([os.path.join(root, n) for n in names], hidden)
    return out


def _inside(path, root):
    return path == root or path.startswith(root.rstrip("/") + "/")


def reachable(paths):
    """The PATHS this process can open for reading (files) or list (directories)."""
    out = []
    for path in paths:
        try:
            if os.path.isdir(path):
                os.listdir(path)
            else:
                os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC))
            out.append(path)
        except OSError:
            continue
    return out


# -- the launcher's two entry points (it loads this file by path) ------------------------------
SYSTEM_READ = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/proc",
               "/sys", "/dev")


def confine_container(plan, home, run, status):
    """Level "container" (root, namespaces refused): after the switch to the sandbox's uid and
    no_new_privs, apply Landlock where the kernel has it (read only the system, the Python
    installation minus the grader's packages, the worker files and `readable` files; write
    only HOME), then the seccomp filter (no network sockets, no ptrace, no io_uring), then check
    as this uid that none of the grader's private paths can be opened. True when all held."""
    if os.getuid() == 0 or os.geteuid() == 0:
        status.fail("container isolation", "still root")
        return False
    hidden = [os.path.realpath(p) for p in plan["hidden"]]
    try:
        read = split_around(list(SYSTEM_READ) + [run] + plan["expose"], hidden)
        abi = restrict_files(read, [home, "/dev/null"])
        status.ok(f"landlock ABI {abi}: reads {len(read)} trees, writes only its home")
    except OSError as exc:  # a kernel without Landlock: file permissions alone hide files
        if exc.errno in (38, 95, 1):  # ENOSYS, EOPNOTSUPP, EPERM (refused by a filter)
            status.ok(f"landlock: not available ({exc.strerror}); file permissions only")
        else:
            status.fail("landlock", exc)
            return False
    try:
        install_seccomp()
        status.ok("seccomp: no network sockets, ptrace or io_uring")
    except OSError as exc:
        status.fail("seccomp filter", exc)
        return False
    leaked = reachable(hidden)
    if leaked:
        status.fail("hide grader files", f"readable by uid {os.getuid()}: " +
                    ", ".join(leaked)[:240])
        return False
    status.ok("grader files unreadable by the sandbox's uid")
    return True


def probe_container(python):
    """Exit 0 when a root grader can confine a child without namespaces: a private uid that can
    still run PYTHON, no_new_privs, the seccomp filter (an AF_INET socket refused, AF_UNIX not).
    Prints the Landlock ABI version (0: none) on stdout."""
    import socket  # before the uid switch: the standard library may be unreadable after it
    try:
        uid = 200_000_000 + os.getpid() % 100_000_000
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        if not os.access(python, os.X_OK):
            raise OSError(13, f"uid {uid} cannot run {python}")
        if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "no_new_privs")
        abi = landlock_abi()
        install_seccomp()
        socket.socket(socket.AF_UNIX).close()
        try:
            socket.socket(socket.AF_INET).close()
            leaked = True
        except PermissionError:
            leaked = False
        if leaked:
            raise OSError(22, "the seccomp filter let an AF_INET socket through")
    except OSError as exc:
        os.write(2, f"{exc}\n".encode())
        os._exit(1)
    os.write(1, f"{abi}\n".encode())
    os._exit(0)
