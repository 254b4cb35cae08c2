"""Child side of `read_source`: reads and filters one submission inside a limited process.

Run as ``python -I -S -c BOOT CONFIG_JSON`` with the submission open on ``CONFIG["fd"]``; prints
one JSON document on stdout (see `main`). Everything here parses untrusted bytes (JSON, Python
source), whose memory has no useful bound by size (a 12 MB ``1+1+…`` is a 5.7 GB syntax tree, a
10 MB notebook of ``{}`` is 200 MB of dicts, one astral character makes a string 4 bytes per
character), so it runs under an address-space limit: the worst input costs this process a
MemoryError and the student a clear message, never the grader's memory.
"""
import ast
import json
import os
import re
import sys

from autograder.loader.filter import build_chunks, closure, source_lines, strip_magics, units_of

MAGIC = "magic"
TEST = "test"


def _cell_text(cell):
    text = cell.get("source", "")
    if isinstance(text, list):
        text = "".join(t for t in text if isinstance(t, str))
    return text if isinstance(text, str) else ""


def _is_test_cell(cell):
    meta = cell.get("metadata")
    nb = meta.get("nbgrader") if isinstance(meta, dict) else None
    return isinstance(nb, dict) and nb.get("grade") is True and nb.get("solution") is not True


def notebook_cells(text, problems):
    """[(cell number, source, kind)] of the code cells; kind None (graded), TEST or MAGIC."""
    try:
        nb = json.loads(text)
    except RecursionError:  # e.g. [[[[... nested deeper than the JSON parser goes
        problems.append(("load.bad_json", {"error": "nested too deeply"}))
        return None
    except ValueError as exc:
        problems.append(("load.bad_json", {"error": str(exc)[:200]}))
        return None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        problems.append(("load.no_cells", {}))
        return None
    out = []
    for number, cell in enumerate(cells, start=1):
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            out.append((number, _cell_text(cell), TEST if _is_test_cell(cell) else None))
    return out


def _parse(number, text, problems):
    try:
        return ast.parse(text, f"<cell {number}>")
    except SyntaxError as exc:
        problems.append(("load.syntax_error", {"cell": number, "line": exc.lineno or 0,
                                               "error": str(exc.msg)[:300]}))
    except ValueError as exc:  # NUL bytes
        problems.append(("load.syntax_error", {"cell": number, "line": 0,
                                               "error": str(exc)[:300]}))
    except (RecursionError, MemoryError) as exc:  # 1+1+1+… or deep nesting: too big a tree
        problems.append(("load.cell_too_complex", {"cell": number, "error": type(exc).__name__}))
    return None


def _elsewhere(contract, kept_binds, units, dropped, broken):
    """Contract names with no kept binding statement → (message key, fields) saying where."""
    out = {}
    for name in sorted(contract - kept_binds):
        for unit in units:
            if name in unit.nested:
                outer, line = unit.nested[name]
                out[name] = ("load.missing_nested", {"name": name, "outer": outer,
                                                     "cell": unit.cell, "line": line})
                break
        if name in out:
            continue
        for number, kind, tree in dropped:
            if any(name in u.names.binds for u in units_of(number, tree)):
                out[name] = (f"load.missing_in_{kind}_cell", {"name": name, "cell": number})
                break
        if name in out:
            continue
        pattern = re.compile(rf"^\s*(?:def|class)\s+{re.escape(name)}\b|^{re.escape(name)}\s*=(?!=)",
                             re.M)
        for number, text in broken:
            if pattern.search(text):
                out[name] = ("load.missing_syntax", {"name": name, "cell": number})
                break
    return out


def filter_cells(cells, needed, contract, problems):
    """Cells → (chunks, elsewhere) for the sandbox (see `autograder.loader.filter`)."""
    units, dropped, broken, cell_lines = [], [], [], {}
    for number, text, kind in cells:
        code = strip_magics(text)
        if kind is None and not code.strip() and text.lstrip().startswith("%%"):
            kind, code = MAGIC, "\n" + text.partition("\n")[2]
        if kind is not None:
            tree = _parse(number, code, [])
            if tree is not None:
                dropped.append((number, kind, tree))
            continue
        tree = _parse(number, code, problems)
        if tree is None:
            if problems[-1][0] == "load.syntax_error":  # not a cell too complex to read at all
                broken.append((number, code))
            continue
        try:
            units += units_of(number, tree)
        except RecursionError:  # scopes nested deeper than the analysis goes
            problems.append(("load.cell_too_complex", {"cell": number,
                                                       "error": "RecursionError"}))
            continue
        cell_lines[number] = source_lines(code)
    kept, _ = closure(units, needed)
    chunks = build_chunks(units, kept, cell_lines, contract)
    good = []
    for chunk in chunks:  # errors only the compiler finds (`return` outside a function, …)
        try:
            compile(chunk.source, f"<cell {chunk.cell}>", "exec", dont_inherit=True)
            good.append(chunk)
        except (RecursionError, MemoryError) as exc:
            problems.append(("load.cell_too_complex", {"cell": chunk.cell,
                                                       "error": type(exc).__name__}))
        except (SyntaxError, ValueError) as exc:
            problems.append(("load.syntax_error", {
                "cell": chunk.cell, "line": getattr(exc, "lineno", 0) or chunk.line,
                "error": str(getattr(exc, "msg", type(exc).__name__))[:300]}))
    kept_binds = set().union(*(set(c.binds) for c in good)) if good else set()
    return good, _elsewhere(contract, kept_binds, units, dropped, broken)


def read_cells(text, suffix, max_code, problems):
    cells = notebook_cells(text, problems) if suffix == ".ipynb" else [(1, text, None)]
    if cells is None:
        return None
    size = sum(len(t) for _, t, _ in cells)
    if size > max_code:
        problems.append(("load.code_too_big", {"size_kb": size // 1024,
                                               "limit_kb": max_code // 1024}))
        return None
    return cells


def _limit(config):
    """Address space (Linux: the only kernel that enforces RLIMIT_AS) and CPU limits."""
    import importlib.util
    if importlib.util.find_spec("resource") is None:  # Windows: no rlimits (no sandbox either)
        return
    import resource
    wanted = [(resource.RLIMIT_CPU, config["cpu_seconds"])]
    if sys.platform.startswith("linux"):
        wanted.append((resource.RLIMIT_AS, config["memory_bytes"]))
    for which, value in wanted:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, hard))


def _read(fd, limit):
    parts, size = [], 0
    while size <= limit:
        part = os.read(fd, min(1 << 20, limit + 1 - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    os.close(fd)
    return b"".join(parts) if size <= limit else None


def run(config):
    problems = []
    data = _read(config["fd"], config["max_file"])
    if data is None:
        problems.append(("load.too_big", {"limit_mb": config["max_file"] // 2**20}))
        return {"fatal": True, "problems": problems}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(("load.not_utf8", {}))
        return {"fatal": True, "problems": problems}
    del data  # only one copy of the file in memory from here on
    cells = read_cells(text, config["suffix"], config["max_code"], problems)
    del text
    if cells is None:
        return {"fatal": True, "problems": problems}
    needed = None if config["needed"] is None else set(config["needed"])
    contract = set(needed or ())
    chunks, elsewhere = filter_cells(cells, needed, contract, problems)
    return {"fatal": False, "problems": problems, "elsewhere": elsewhere,
            "chunks": [{"source": c.source, "cell": c.cell, "line": c.line, "end": c.end,
                        "binds": c.binds} for c in chunks]}


def main():
    config = json.loads(sys.argv[1])
    _limit(config)
    try:
        result = run(config)
    except MemoryError:
        result = None
    if result is None:  # the memory is free again once the frames above are gone
        result = {"fatal": True, "problems": [
            ("load.too_complex", {"limit_mb": config["memory_bytes"] // 2**20})]}
    sys.stdout.write(json.dumps(result, separators=(",", ":")))
    sys.stdout.flush()
