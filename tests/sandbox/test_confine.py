"""confine.py on this kernel: the seccomp filter and Landlock, applied for real in a child
process (no_new_privs set first, as the launcher does). The whole container level is proven in
Docker by tests/container/."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder.sandbox import confine

CONFINE = Path(confine.__file__).resolve()
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


def in_child(code, *args):
    """Run CODE in a fresh interpreter with confine loaded and no_new_privs set → stdout."""
    prelude = textwrap.dedent(f"""
        import ctypes, os, socket, sys
        sys.path.insert(0, {str(CONFINE.parent)!r})
        import confine
        assert ctypes.CDLL(None).prctl(38, 1, 0, 0, 0) == 0
    """)
    done = subprocess.run([sys.executable, "-I", "-c", prelude + textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_program_shape():
    code = confine.seccomp_program("x86_64")
    assert len(code) % 8 == 0 and len(code) // 8 < 40
    with pytest.raises(OSError):
        confine.seccomp_program("sparc")


@pytest.mark.skipif(os.uname().machine not in confine.ARCHES, reason="no filter for this CPU")
def test_seccomp_denies_network_sockets_and_ptrace_but_not_unix_sockets():
    out = in_child("""
        confine.install_seccomp()
        def works(f):
            try:
                f(); return "yes"
            except PermissionError:
                return "denied"
        print(works(lambda: socket.socket(socket.AF_INET).close()))
        print(works(lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM).close()))
        print(works(lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW).close()))
        print(works(lambda: socket.socket(socket.AF_UNIX).close()))
        libc = ctypes.CDLL(None, use_errno=True)
        print(libc.ptrace(16, os.getppid(), None, None), ctypes.get_errno())
        libc.syscall.restype = ctypes.c_long
        print(libc.syscall(425, 8, None), ctypes.get_errno())
        import numpy
        print("numpy", numpy.ones(3).sum())
    """)
    assert out == ["denied", "denied", "denied", "yes", "-1", "1", "-1", "1", "numpy", "3.0"]


@pytest.mark.skipif(confine.landlock_abi() < 1, reason="this kernel has no Landlock")
def test_landlock_reads_only_the_allowed_trees_and_writes_only_home(tmp_path):
    allowed, secret, home = tmp_path / "allowed", tmp_path / "secret", tmp_path / "home"
    for folder in (allowed, secret, home):
        folder.mkdir()
        (folder / "f").write_text("x")
    out = in_child("""
        allowed, secret, home = sys.argv[1:4]
        read = confine.split_around(["/usr", "/lib", "/lib64", "/etc", sys.prefix, allowed],
                                    [secret])
        print("abi", confine.restrict_files(read, [home]))
        def can(f):
            try:
                f(); return "yes"
            except OSError:
                return "no"
        print(can(lambda: open(os.path.join(allowed, "f")).read()))
        print(can(lambda: open(os.path.join(secret, "f")).read()))
        print(can(lambda: open(os.path.join(home, "g"), "w").write("y")))
        print(can(lambda: open(os.path.join(allowed, "g"), "w").write("y")))
        print(confine.reachable([secret, os.path.join(secret, "f"), allowed]))
    """, str(allowed), str(secret), str(home))
    assert out[0] == "abi" and int(out[1]) >= 1
    assert out[2:6] == ["yes", "no", "yes", "no"]
    assert out[6:] == [f"['{allowed}']"]


def test_split_around_cuts_out_hidden_paths(tmp_path):
    for name in ("a/hidden/x", "a/keep/y", "a/z", "b/w"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    got = confine.split_around([str(tmp_path)], [str(tmp_path / "a" / "hidden")])
    assert sorted(got) == sorted(str(tmp_path / n) for n in ("a/keep", "a/z", "b"))
