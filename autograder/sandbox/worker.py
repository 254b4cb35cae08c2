"""Sandbox child: runs student code and the probes on it; speaks JSON lines on two pipes.

Started (through `launcher.py`) as ``python -I -B worker.py REQ_FD RESP_FD CONFIG_JSON`` with
this file, ``codec.py`` and the ``probes`` package beside it. It imports nothing from
`autograder` (the grader's package is not reachable from here). The portable runner
(`portable.py`, any OS) starts it as ``python -I -B worker.py --stdio CONFIG_JSON``: requests on
stdin, replies on stdout; the student's code then gets an empty stdin and its prints go to
stderr (a file the grader never reads into a report). Only portable calls are used here:
timers and signals that a platform lacks are skipped (`hasattr`).

Requests:  {"id": n, "op": "load", "chunks": [source, ...], "labels": [cell no, ...],
            "skip": [index, ...]}     each load: a fresh namespace and random state
                                      (`fresh_start`; later probes use the newest)
           {"id": n, "op": "probe", "probe": "module.function", "args": {...encoded...}}
Replies:   {"id": n, "event": "chunk", "index": i}     before each chunk runs (crash attribution)
           {"id": n, "event": "loaded", "errors": [...], "names": [...]}
           {"id": n, "ok": true, "value": ...} / {"id": n, "ok": false, "error": {...}}

Nothing this process says is trusted: the grader re-validates every reply. The guards installed
here (import blocker, audit hook on file opens and sockets, capped stdout) are defence in depth
behind the launcher's namespaces and are the main line only when those are unavailable.
"""
import builtins
import importlib
import io
import json
import os
import signal
import socket
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import codec  # noqa: E402  (needs the path above)

MAX_TEXT = 2000


class _Blocker:
    """Meta-path finder refusing the grader's private packages."""

    def __init__(self, names):
        self.names = frozenset(names)

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in self.names:
            raise ImportError(f"{name} is not available while grading", name=name)
        return None


def install_guards(config):
    blocked = config.get("block", [])
    blocker = _Blocker(blocked)
    sys.meta_path.insert(0, blocker)
    for name in list(sys.modules):
        if name.partition(".")[0] in blocked:
            del sys.modules[name]
    hidden = tuple(os.path.realpath(p).rstrip("/") for p in config.get("hidden", []))
    public = tuple(os.path.realpath(p).rstrip("/") for p in config.get("public", []))
    realpath, join, getcwd, fspath = os.path.realpath, os.path.join, os.getcwd, os.fspath
    unix = getattr(socket, "AF_UNIX", None)  # absent on some Windows builds
    path_events = frozenset({"open", "os.listdir", "os.scandir", "os.chdir", "shutil.copyfile",
                             "os.rename", "os.remove", "os.symlink", "os.link"})
    net_events = frozenset({"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"})

    def is_hidden(path):
        if isinstance(path, int) or path is None:
            return False
        try:
            path = realpath(join(getcwd(), fspath(path)))
        except (TypeError, ValueError, OSError):
            return False
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        return (any(path == h or path.startswith(h + "/") for h in hidden)
                and not any(path == p or path.startswith(p + "/") for p in public))

    def hook(event, args):
        if event in path_events:
            paths = args[:1] if event == "open" else args[:2]
            if any(is_hidden(p) for p in paths):
                raise PermissionError(f"{event}: grader files are not readable while grading")
        elif event in net_events:
            if getattr(args[0], "family", None) != unix:
                raise PermissionError("network access is disabled while grading")

    sys.addaudithook(hook)
    return blocker


class CappedText(io.TextIOBase):
    """sys.stdout/sys.stderr: keeps the first `limit` bytes of printed text, drops the rest."""

    def __init__(self, fd, limit):
        self.fd, self.left = fd, limit

    def writable(self):
        return True

    @property
    def encoding(self):
        return "utf-8"

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.left > 0:
            data = text[:self.left].encode("utf-8", "replace")[:self.left]
            self.left -= len(data)
            if self.left <= 0:
                data += b"\n[nngrade: further output dropped]\n"
            try:
                os.write(self.fd, data)
            except OSError:
                self.left = 0
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):  # raw writes to it stop at RLIMIT_FSIZE
        return self.fd


class Pristine:
    """The state of numpy/builtins/signals before student code ran, put back before every probe.

    Comparisons happen in the grader, so a student's `np.allclose = ...` cannot change a grade;
    this keeps the probes' own numpy calls honest against patches made while loading, and
    cancels alarms/timers and signal handlers armed earlier (they would end a later check).
    """

    def __init__(self, blocker):
        import math
        self.blocker = blocker
        loaded = [sys.modules.get(n) for n in ("numpy", "numpy.linalg", "numpy.random")]
        self.modules = [builtins, math, json, codec, os, sys] + [m for m in loaded if m]
        self.saved = [dict(vars(m)) for m in self.modules]
        self.streams = (sys.stdout, sys.stderr)
        self.handlers = {}
        for sig in signal.valid_signals():
            try:
                self.handlers[sig] = signal.getsignal(sig)
            except (OSError, ValueError):
                pass

    def restore(self):
        if hasattr(signal, "setitimer"):  # POSIX; Windows has neither alarms nor itimers
            signal.alarm(0)  # timers and handlers a student armed must not fire in a later check
            for timer in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF):
                signal.setitimer(timer, 0)
        for sig, handler in self.handlers.items():
            if handler is not None and signal.getsignal(sig) is not handler:
                try:
                    signal.signal(sig, handler)
                except (OSError, ValueError, TypeError):
                    pass
        for module, saved in zip(self.modules, self.saved):
            current = vars(module)
            for key, value in saved.items():
                if current.get(key, saved) is not value:
                    current[key] = value
        sys.stdout, sys.stderr = self.streams
        if sys.meta_path[:1] != [self.blocker]:
            sys.meta_path[:] = [self.blocker] + [f for f in sys.meta_path if f is not self.blocker]


def describe_exception(exc):
    """Type, message and the student's own frames (code compiled as '<cell N>')."""
    try:
        frames = [
            (f"{f.filename}, line {f.lineno}, in {f.name}"
             + (f": {f.line.strip()}" if (f.line or "").strip() else ""))[:300]
            for f in traceback.extract_tb(exc.__traceback__)
            if f.filename.startswith("<cell")
        ]
    except BaseException:
        frames = []
    try:
        message = str(exc)[:MAX_TEXT]
    except BaseException:  # a hostile __str__
        message = "<unprintable>"
    try:
        name = type(exc).__name__[:100]
    except BaseException:
        name = "Exception"
    return {"type": name, "message": message, "frames": frames[-8:]}


def fresh_start(seed=0):
    """One random state for every assignment's code as it loads, in a new child or after another
    assignment of the same student (`sandbox/shared.py`): Python's and NumPy's generators are
    seeded; where Keras is already imported (by an earlier assignment), its session is cleared
    (models, name counters, its global seed generator) and `keras.utils.set_random_seed` seeds
    Keras and TensorFlow too. The training probes seed themselves again before they train."""
    import gc
    import random
    random.seed(seed)
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed(seed)
    keras = sys.modules.get("keras")
    if keras is not None:
        try:
            keras.backend.clear_session()
            keras.utils.set_random_seed(seed)
        except Exception:  # an earlier assignment broke Keras: its own probes will say so
            pass
    gc.collect()


def run_chunks(ns, chunks, labels, skip, send):
    errors = []
    for index, source in enumerate(chunks):
        if index in skip:
            continue
        send({"event": "chunk", "index": index})
        try:
            exec(compile(source, f"<cell {labels[index]}>", "exec"), ns)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            errors.append({"cell": labels[index], **describe_exception(exc)})
    names = sorted(k for k in list(ns) if isinstance(k, str) and not k.startswith("_"))
    send({"event": "loaded", "errors": errors[:50], "names": names[:1000]})


def run_probe(ns, name, args):
    module_name, _, func_name = name.rpartition(".")
    probe = getattr(importlib.import_module(f"probes.{module_name}"), func_name)
    return probe(ns, **args)


def stdio_channels():
    """Protocol on private copies of stdin/stdout; the student's stdin is empty, its fd 1 is
    the stderr file (so a print to fd 1 cannot forge a reply)."""
    requests_fd, replies_fd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = open(0, "r", encoding="utf-8", closefd=False)
    return (os.fdopen(requests_fd, "r", encoding="utf-8"),
            os.fdopen(replies_fd, "w", encoding="utf-8", newline="\n"))


def main():
    if sys.argv[1] == "--stdio":
        requests, replies = stdio_channels()
        config = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    else:
        requests = os.fdopen(int(sys.argv[1]), "r", encoding="utf-8")
        replies = os.fdopen(int(sys.argv[2]), "w", encoding="utf-8")
        config = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    blocker = install_guards(config)
    limit = int(config.get("output_bytes", 2**20))
    sys.stdout = CappedText(1, limit // 2)
    sys.stderr = CappedText(2, limit - limit // 2)
    pristine = Pristine(blocker)
    current = {"id": None}
    dumps = json.dumps

    def send(message):
        message["id"] = current["id"]
        replies.write(dumps(message, separators=(",", ":"), allow_nan=False) + "\n")
        replies.flush()

    ns = {"__name__": "__main__", "__builtins__": builtins}
    send({"event": "ready"})  # interpreter up: from here on, the grader's deadlines apply
    for line in requests:
        message = json.loads(line)
        current["id"] = message.get("id")
        if message["op"] == "load":  # a fresh namespace each time (one per assignment)
            ns = None
            pristine.restore()  # what an earlier assignment patched in numpy, builtins, signals
            try:
                fresh_start()
            except BaseException:  # an earlier assignment's code broke it: this one loads anyway
                pass
            ns = {"__name__": "__main__", "__builtins__": builtins}
            chunks = message["chunks"]
            labels = message.get("labels") or list(range(1, len(chunks) + 1))
            run_chunks(ns, chunks, labels, set(message.get("skip", [])), send)
            continue
        try:
            pristine.restore()
            value = run_probe(ns, message["probe"], codec.decode(message["args"]))
            reply = {"ok": True, "value": codec.encode(value)}
        except BaseException as exc:
            reply = {"ok": False, "error": describe_exception(exc)}
        try:
            send(reply)
        except (ValueError, TypeError):  # e.g. a non-JSON-able error text
            send({"ok": False, "error": {"type": "Exception", "message": "<unsendable>",
                                         "frames": []}})


if __name__ == "__main__":
    main()
