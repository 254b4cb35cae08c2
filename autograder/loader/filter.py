"""Which top-level statements of a submission the grader runs: the closure of the needed names.

The grader needs what the assignment's contract names need, not the student's experiments (a
notebook may train MNIST for minutes or draw plots at top level). Starting from the needed names
(the names the checks being run `need`, see `Check.needs`), a top-level statement is kept when

1. it binds a needed name — any form: `def`, `class`, `lambda` or any assignment (tuple,
   augmented, annotated, walrus), `import`, `for`/`with`/`if`/`try`/`while`/`match` blocks
   binding it, `del` — or it calls a function that assigns the name through `global`;
2. it mutates the object bound to a needed name without rebinding it: an attribute or item
   assignment or deletion (`relu.alpha = 0.1`, `CONFIG["lr"] = 0.1`, also on a module:
   `np.allclose = f`) or a method call made as a statement (`cache.append(x)`) on a name the
   student's own code binds — calls on imported modules (`plt.show()`, `np.random.seed(0)`)
   are not kept for this reason;
3. and, transitively, the statements binding or mutating every name a kept statement reads when
   it runs or that the code it defines reads later (function, lambda and method bodies, default
   arguments, decorators, base classes, class bodies). A star import is kept only when a needed
   name read somewhere is bound by no statement.

Every kept statement keeps its place: redefinitions run in notebook order, so the last definition
wins as it does when the notebook runs top to bottom. Everything else — plots, prints, training
runs, experiments, imports nothing kept reads — is dropped. Each kept statement (statements that
share a line stay together) becomes one chunk the sandbox runs on its own, so a failing statement
costs only what depends on it. IPython magics (`%…`, `!…`) are blanked before parsing; a cell
magic (`%%…`) drops its cell.
"""
import ast
import builtins
from dataclasses import dataclass, field
from itertools import groupby

from autograder.loader.names import analyse

# Chunks keep the student's line numbers by leading blank lines; past this many padding bytes
# over a submission, the kept statements of each further cell run as one chunk (bounds the work
# a file of 100 000 one-line statements makes; a real notebook uses a few kilobytes).
PADDING_BUDGET = 4 * 2**20
BUILTINS = frozenset(vars(builtins))
NESTED_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def source_lines(source):
    """Lines as Python counts them (\\r\\n, \\r, \\n; not form feeds or U+2028 in strings)."""
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def strip_magics(source):
    """Remove IPython-only lines; a cell starting with a cell magic becomes empty."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source_lines(source):
        head = line.lstrip()
        if head.startswith(("%", "!")) or "get_ipython()" in head:
            lines.append("")  # keep line numbers stable for tracebacks
        else:
            lines.append(line)
    return "\n".join(lines)


@dataclass
class Unit:
    """One top-level statement (or several sharing a line) of one cell."""
    cell: int
    line: int   # first line (decorators included), 1-based within the cell
    end: int
    names: object
    star: bool = False
    only_imports: bool = False
    future: list = field(default_factory=list)  # names of `from __future__ import …`
    only_future: bool = False  # the unit is nothing but future imports (each chunk gets them)
    nested: dict = field(default_factory=dict)  # name -> (outer def name, line) inside functions


@dataclass
class Chunk:
    cell: int
    line: int
    end: int
    source: str
    binds: list  # needed names this chunk binds


def _nested_definitions(stmt):
    """Names defined by def/class inside a top-level function or class → (outer, line)."""
    found = {}
    if isinstance(stmt, NESTED_DEFS):
        for node in ast.walk(stmt):
            if node is not stmt and isinstance(node, NESTED_DEFS):
                found.setdefault(node.name, (stmt.name, node.lineno))
    return found


def units_of(cell, tree):
    """Top-level statements of a parsed cell grouped into units (shared lines stay together)."""
    units = []
    for stmt in tree.body:
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        names = analyse(stmt)
        star = isinstance(stmt, ast.ImportFrom) and any(a.name == "*" for a in stmt.names)
        imports = isinstance(stmt, (ast.Import, ast.ImportFrom))
        future = [a.name for a in stmt.names] if isinstance(stmt, ast.ImportFrom) \
            and stmt.module == "__future__" else []
        if units and start <= units[-1].end:  # `a = 1; b = 2`: one unit
            unit = units[-1]
            unit.end = max(unit.end, stmt.end_lineno)
            for part in ("binds", "uses", "mutates", "method_calls", "calls", "global_sets"):
                getattr(unit.names, part).update(getattr(names, part))
            unit.star |= star
            unit.only_imports &= imports
            unit.future += future
            unit.only_future &= bool(future)
        else:
            unit = Unit(cell, start, stmt.end_lineno, names, star, imports, future, bool(future))
            units.append(unit)
        unit.nested.update(_nested_definitions(stmt))
    return units


def closure(units, needed):
    """Indices of the units to keep, and every name the kept code needs (see module docstring).

    needed None: every name some unit binds.
    """
    binders, mutators, sets_by_function = {}, {}, {}
    for unit in units:  # `def init(): global W; W = …` makes a statement `init()` bind W
        for func in unit.names.binds if unit.names.global_sets else ():
            sets_by_function.setdefault(func, set()).update(unit.names.global_sets)
    for unit in units:
        for func in unit.names.calls & set(sets_by_function):
            unit.names.binds |= sets_by_function[func]
    imported_only = set()
    for i, unit in enumerate(units):
        for name in unit.names.binds:
            binders.setdefault(name, []).append(i)
    for name, indices in binders.items():
        if all(units[i].only_imports for i in indices):
            imported_only.add(name)
    for i, unit in enumerate(units):
        for name in unit.names.mutates | (unit.names.method_calls - imported_only):
            mutators.setdefault(name, []).append(i)
    wanted = set(binders) if needed is None else set(needed)
    work, kept = list(wanted), set()
    while work:
        name = work.pop()
        for i in binders.get(name, []) + mutators.get(name, []):
            if i not in kept:
                kept.add(i)
                fresh = units[i].names.uses - wanted
                wanted |= fresh
                work.extend(fresh)
    unresolved = {n for n in wanted if n not in binders and n not in BUILTINS}
    if unresolved:
        kept |= {i for i, unit in enumerate(units) if unit.star}
    return sorted(kept), wanted


def build_chunks(units, kept, cell_lines, contract):
    """Kept units → chunks (one per unit; one per cell once the padding budget is spent).

    A cell's `from __future__ import …` applies to each of its chunks: it takes the chunk's first
    (blank) line, so line numbers stay the student's.
    """
    budget, chunks = PADDING_BUDGET, []
    futures = {}
    for unit in units:
        futures.setdefault(unit.cell, []).extend(unit.future)
    kept_units = [units[i] for i in kept if not units[i].only_future]
    for cell, group in groupby(kept_units, key=lambda u: u.cell):
        group = list(group)
        lines = cell_lines[cell]
        head = f"from __future__ import {', '.join(futures[cell])}\n" if futures[cell] else "\n"
        cost = sum(u.line - 1 for u in group)
        if cost <= budget:
            budget -= cost
            for unit in group:
                text = (head + "\n" * (unit.line - 2) if unit.line > 1 else "") + \
                    "\n".join(lines[unit.line - 1:unit.end]) + "\n"
                chunks.append(Chunk(cell, unit.line, unit.end, text,
                                    sorted(unit.names.binds & contract)))
            continue
        out = [""] * len(lines)  # blank lines keep the student's line numbers in tracebacks
        for unit in group:
            out[unit.line - 1:unit.end] = lines[unit.line - 1:unit.end]
        if group[0].line > 1:
            out[0] = head.rstrip("\n")
        binds = set().union(*(u.names.binds for u in group)) & contract
        chunks.append(Chunk(cell, group[0].line, group[-1].end, "\n".join(out).rstrip() + "\n",
                            sorted(binds)))
    return chunks
