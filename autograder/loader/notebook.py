"""Read a notebook or module into source chunks, tolerating malformed files."""
import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.loader.filter import definitions_only, strip_magics

MAX_FILE_BYTES = 50 * 2**20


@dataclass
class Source:
    chunks: list = field(default_factory=list)    # runnable code, one per cell (or module)
    cells: list = field(default_factory=list)     # notebook cell number of each chunk
    problems: list = field(default_factory=list)  # (message key, fields) the student should see
    fatal: bool = False                            # nothing could be read at all


def _cell_text(cell):
    text = cell.get("source", "")
    if isinstance(text, list):
        text = "".join(t for t in text if isinstance(t, str))
    return text if isinstance(text, str) else ""


def _is_test_cell(cell):
    meta = cell.get("metadata")
    nb = meta.get("nbgrader") if isinstance(meta, dict) else None
    return isinstance(nb, dict) and nb.get("grade") is True and nb.get("solution") is not True


def _notebook_cells(data, source):
    try:
        nb = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        source.problems.append(("load.not_utf8", {}))
        return None
    except ValueError as exc:
        source.problems.append(("load.bad_json", {"error": str(exc)[:200]}))
        return None
    except RecursionError:  # e.g. [[[[... nested deeper than the JSON parser goes
        source.problems.append(("load.bad_json", {"error": "nested too deeply"}))
        return None
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        source.problems.append(("load.no_cells", {}))
        return None
    return [
        (number, _cell_text(c)) for number, c in enumerate(cells, start=1)
        if isinstance(c, dict) and c.get("cell_type") == "code" and not _is_test_cell(c)
    ]


def read_source(path):
    """Path → Source. Never raises for anything inside the file."""
    source = Source()
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            source.problems.append(("load.too_big", {"limit_mb": MAX_FILE_BYTES // 2**20}))
            source.fatal = True
            return source
        data = path.read_bytes()
    except OSError as exc:
        source.problems.append(("load.unreadable", {"error": str(exc)[:200]}))
        source.fatal = True
        return source
    if path.suffix == ".ipynb":
        cells = _notebook_cells(data, source)
    else:
        try:
            cells = [(1, data.decode("utf-8"))]
        except UnicodeDecodeError:
            source.problems.append(("load.not_utf8", {}))
            cells = None
    if cells is None:
        source.fatal = True
        return source
    for number, text in cells:  # number: 1-based position among all cells of the notebook
        try:
            code = definitions_only(strip_magics(text))
        except SyntaxError as exc:
            source.problems.append(
                ("load.syntax_error", {"cell": number, "line": exc.lineno or 0, "error": exc.msg}))
            continue
        except (ValueError, RecursionError, MemoryError) as exc:
            source.problems.append(("load.syntax_error", {"cell": number, "line": 0,
                                                          "error": type(exc).__name__}))
            continue
        if code.strip():
            source.chunks.append(code)
            source.cells.append(number)
    return source
