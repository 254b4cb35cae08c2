"""Read a notebook or module into the chunks the sandbox runs, tolerating malformed files.

The file is read, decoded, parsed and filtered (`autograder.loader.filter`) in a short-lived child
interpreter (`autograder.loader.parse`) under an address-space and CPU limit: parsing untrusted
JSON and Python has no memory bound by size, and the grader must stay small whatever it is given
(docs/SECURITY.md). The grader itself only checks the file's size, hands the child the open file,
and reads back the chunks, whose size the caps below bound.
"""
import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import autograder

MAX_FILE_BYTES = 50 * 2**20   # a notebook with plots is ~1 MB; its outputs are never graded
MAX_CODE_BYTES = 1 * 2**20    # code cells together; the reference notebooks have 5-10 KB
PARSE_MEMORY_BYTES = 280 * 2**20  # the child's address space: grader peak RSS stays ≤ 300 MB
PARSE_CPU_SECONDS = 30
PARSE_WALL_SECONDS = 60
_ROOT = str(Path(autograder.__file__).resolve().parent.parent)
_BOOT = ("import sys; sys.path.insert(0, sys.argv[2]); "
         "from autograder.loader.parse import main; main()")
_MODULE_FRAME = re.compile(r"^<cell (\d+)>, line (\d+), in <module>")


@dataclass
class Source:
    chunks: list = field(default_factory=list)    # runnable code: one per kept statement
    cells: list = field(default_factory=list)     # notebook cell number of each chunk
    lines: list = field(default_factory=list)     # (first, last) line of each chunk in its cell
    binds: list = field(default_factory=list)     # contract names each chunk binds
    elsewhere: dict = field(default_factory=dict)  # contract name → (key, fields): not kept, why
    problems: list = field(default_factory=list)  # (message key, fields) the student should see
    fatal: bool = False                            # nothing could be read at all

    def chunk_of_error(self, error):
        """Index of the chunk a load error came from (its first `<module>` frame), or None."""
        for frame in error.get("frames") or []:
            match = _MODULE_FRAME.match(frame)
            if match:
                cell, line = int(match[1]), int(match[2])
                for index, (first, last) in enumerate(self.lines):
                    if self.cells[index] == cell and first <= line <= last:
                        return index
                return None
        return None

    def load_problems(self, report):
        """The LoadReport's errors and skipped statements → (key, fields), with cell and line."""
        problems = []
        for error in report.errors:
            index = self.chunk_of_error(error)
            fields = {"cell": error.get("cell"), "type": error.get("type"),
                      "message": error.get("message")}
            if index is None:  # no `<module>` frame (a very deep traceback): the cell only
                problems.append(("load.error_in_cell", fields))
            else:
                problems.append(("load.cell_error", {**fields, "line": self.lines[index][0]}))
        for index, status in sorted(report.skipped.items()):
            if index < 0:
                problems.append(("load.failed", {"status": status}))
            elif 0 <= index < len(self.chunks):
                problems.append(("load.cell_killed", {
                    "cell": self.cells[index], "line": self.lines[index][0], "status": status}))
        return problems

    def why_missing(self, name, report):
        """(key, fields) for a needed name the loaded code does not define."""
        binders = [i for i, names in enumerate(self.binds) if name in names]
        if not binders:
            return self.elsewhere.get(name, ("call.missing", {"name": name}))
        if -1 in report.skipped:
            return "load.missing_not_loaded", {"name": name, "status": report.skipped[-1]}
        last = binders[-1]
        where = {"name": name, "cell": self.cells[last], "line": self.lines[last][0]}
        for index in reversed(binders):
            if index in report.skipped:
                return "load.missing_killed", {**where, "cell": self.cells[index],
                                               "line": self.lines[index][0],
                                               "status": report.skipped[index]}
        for error in reversed(report.errors):
            index = self.chunk_of_error(error)
            if index in binders:
                return "load.missing_failed", {**where, "cell": self.cells[index],
                                               "line": self.lines[index][0],
                                               "type": error.get("type"),
                                               "message": error.get("message")}
        return "load.missing_not_run", where


def _refuse(source, key, fields):
    source.problems.append((key, fields))
    source.fatal = True
    return source


def _run_child(fd, suffix, needed):
    """→ (the child's document, None) or (None, (key, fields) saying why there is none)."""
    config = {"fd": fd, "suffix": suffix, "needed": sorted(needed) if needed is not None
              else None, "max_file": MAX_FILE_BYTES, "max_code": MAX_CODE_BYTES,
              "memory_bytes": PARSE_MEMORY_BYTES, "cpu_seconds": PARSE_CPU_SECONDS}
    try:
        done = subprocess.run([sys.executable, "-I", "-S", "-c", _BOOT, json.dumps(config), _ROOT],
                              pass_fds=(fd,), stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=PARSE_WALL_SECONDS, env={"LANG": "C.UTF-8"})
    except subprocess.TimeoutExpired:
        return None, ("load.too_slow", {"seconds": PARSE_WALL_SECONDS})
    if done.returncode == -signal.SIGXCPU or done.returncode == -signal.SIGKILL:
        return None, ("load.too_slow", {"seconds": PARSE_CPU_SECONDS})
    if done.returncode != 0:
        if b"MemoryError" in done.stderr[-2000:]:
            return None, ("load.too_complex", {"limit_mb": PARSE_MEMORY_BYTES // 2**20})
        return None, ("load.parse_failed", {"detail": f"exit status {done.returncode}: "
                                            f"{done.stderr[-300:].decode('utf-8', 'replace')}"})
    try:
        return json.loads(done.stdout), None
    except (ValueError, RecursionError):
        return None, ("load.parse_failed", {"detail": "unreadable reply"})


def _valid(result):
    """The child's document has the structure `parse.run` writes (it parsed untrusted data)."""
    if not (isinstance(result, dict) and isinstance(result.get("problems"), list)):
        return False
    if not all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)
               and p[0].startswith("load.") and isinstance(p[1], dict)
               for p in result["problems"]):
        return False
    if result.get("fatal") is True:
        return True
    chunks, elsewhere = result.get("chunks"), result.get("elsewhere")
    return (result.get("fatal") is False and isinstance(chunks, list)
            and isinstance(elsewhere, dict) and all(
                isinstance(c, dict) and isinstance(c.get("source"), str)
                and all(type(c.get(k)) is int for k in ("cell", "line", "end"))
                and isinstance(c.get("binds"), list) for c in chunks)
            and all(isinstance(v, list) and len(v) == 2 for v in elsewhere.values()))


def read_source(path, needed=None):
    """Path → Source. Never raises for anything inside the file.

    needed: the contract names to keep (with all they refer to); None keeps every definition.
    """
    source = Source()
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return _refuse(source, "load.unreadable", {"error": str(exc)[:200]})
    try:
        if os.fstat(fd).st_size > MAX_FILE_BYTES:  # the child reads at most the cap + 1 byte too
            return _refuse(source, "load.too_big", {"limit_mb": MAX_FILE_BYTES // 2**20})
        result, why = _run_child(fd, path.suffix, needed)
    finally:
        os.close(fd)
    if result is None:
        return _refuse(source, *why)
    if not _valid(result):
        return _refuse(source, "load.parse_failed", {"detail": "malformed reply"})
    source.problems = [tuple(p) for p in result["problems"]]
    if result["fatal"]:
        source.fatal = True
        if not source.problems:
            source.problems.append(("load.parse_failed", {"detail": "no reason given"}))
        return source
    for chunk in result["chunks"]:
        source.chunks.append(chunk["source"])
        source.cells.append(chunk["cell"])
        source.lines.append((chunk["line"], chunk["end"]))
        source.binds.append(set(chunk["binds"]))
    source.elsewhere = {k: tuple(v) for k, v in result["elsewhere"].items()}
    return source
