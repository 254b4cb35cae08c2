"""The reference module's source, cut into pieces for notebooks and stubs.

A definition keeps its signature (decorators included) and docstring visible; the rest of every
function body sits between ``### BEGIN SOLUTION`` / ``### END SOLUTION``. A class keeps its
``class`` line and docstring; each of its methods is treated like a function.
"""
import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from autograder.assignments import module_of
from authoring.markers import BEGIN_SOLUTION, END_SOLUTION


@dataclass(frozen=True)
class Module:
    name: str          # "perceptron"
    source: str        # text of solutions/<name>.py (= inspect.getsource of the module)
    docstring: str     # the module docstring (raw source text of it, quotes included)
    imports: str       # top-level import statements, in source order
    definitions: dict  # name → marked source of each top-level def/class, in source order


def _lines(source):
    return source.split("\n")


def _start(node):
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno] + [d.lineno for d in decorators])


def _has_docstring(node):
    body = node.body
    return bool(body) and isinstance(body[0], ast.Expr) and isinstance(
        getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str)


def _mark_function(lines, node):
    """Lines of a function with its body (after the docstring) between solution markers."""
    start = _start(node) - 1
    rest = node.body[1:] if _has_docstring(node) else node.body
    if not rest:
        raise ValueError(f"{node.name} has no body to hide")
    head_end = rest[0].lineno - 1  # first body line (0-based)
    head = lines[start:head_end]
    while head and not head[-1].strip():  # blank lines after the docstring go inside the region
        head.pop()
    body = lines[len(head) + start:node.end_lineno]
    while body and not body[0].strip():
        body.pop(0)
    indent = lines[rest[0].lineno - 1][:rest[0].col_offset]
    return head + [indent + BEGIN_SOLUTION] + body + [indent + END_SOLUTION]


def _mark_class(lines, node):
    start = _start(node) - 1
    items = node.body[1:] if _has_docstring(node) else node.body
    head_end = node.body[0].end_lineno if _has_docstring(node) else node.lineno
    out = lines[start:head_end]
    previous_end = head_end  # 1-based line number of the last line emitted
    for item in items:
        item_start = _start(item)
        out.extend(lines[previous_end:item_start - 1])  # blank lines / comments between members
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.extend(_mark_function(lines, item))
        else:
            out.extend(lines[item_start - 1:item.end_lineno])
        previous_end = item.end_lineno
    return out


def mark(source, node):
    """Marked source text of one top-level def/class node of `source`."""
    lines = _lines(source)
    if isinstance(node, ast.ClassDef):
        return "\n".join(_mark_class(lines, node))
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return "\n".join(_mark_function(lines, node))
    raise TypeError(f"cannot mark {type(node).__name__}")


def read_source(name):
    """Source text of solutions.<name>, read without importing it (no TensorFlow start-up);
    the same text as ``inspect.getsource(solutions.<name>)``."""
    spec = importlib.util.find_spec(f"solutions.{name}")
    if spec is None or not spec.origin:
        raise ModuleNotFoundError(f"solutions.{name}")
    return Path(spec.origin).read_text(encoding="utf-8")


def load(assignment):
    """Module description of solutions.<module_of(assignment)>."""
    name = module_of(assignment)
    source = read_source(name)
    tree = ast.parse(source)
    lines = _lines(source)
    docstring, imports, definitions = "", [], {}
    for index, node in enumerate(tree.body):
        segment = "\n".join(lines[_start(node) - 1:node.end_lineno])
        if index == 0 and _has_docstring(tree):
            docstring = segment
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(segment)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            definitions[node.name] = mark(source, node)
        else:
            raise ValueError(f"solutions.{name}: unexpected top-level statement at line "
                             f"{node.lineno} (only imports, defs and classes are supported)")
    return Module(name=name, source=source, docstring=docstring, imports=_join_imports(imports),
                  definitions=definitions)


def _join_imports(imports):
    """Keep the blank line between stdlib/third-party and local groups out: one block."""
    return "\n".join(imports)


def body_lines(assignment):
    """Stripped lines inside the solution regions (what must never reach students)."""
    out = []
    for text in load(assignment).definitions.values():
        inside = False
        for line in text.split("\n"):
            if BEGIN_SOLUTION in line:
                inside = True
            elif END_SOLUTION in line:
                inside = False
            elif inside and line.strip():
                out.append(line.strip())
    return out
