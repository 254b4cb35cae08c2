"""Which top-level statements of a submission the grader runs.

The grader needs the student's *definitions*, not their experiments: a notebook may train MNIST
for minutes or open plot windows at top level. So only these top-level statements are kept:

* ``import`` / ``from … import …``;
* ``def`` / ``async def`` / ``class``;
* assignments whose right-hand side calls nothing, or calls only ``np.*`` / ``numpy.*`` /
  ``math.*`` constructors (``X = np.array([[0, 0], …])``, ``EPS = 1e-8``);
* ``try`` / ``if`` blocks made only of the statements above (``try: import x`` patterns).

Everything else — expression statements (``model.fit(...)``, ``plt.show()``), loops, ``with``,
``del`` — is dropped. IPython magics (``%…``, ``!…``) are removed before parsing; a cell magic
(``%%…``) drops its cell. Functions must therefore not depend on variables computed by top-level
code other than constants.
"""
import ast

ALLOWED_CALL_ROOTS = {"np", "numpy", "math"}


def strip_magics(source):
    """Remove IPython-only lines; a cell starting with a cell magic becomes empty."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source.splitlines():
        head = line.lstrip()
        if head.startswith(("%", "!")) or "get_ipython()" in head:
            lines.append("")  # keep line numbers stable for tracebacks
        else:
            lines.append(line)
    return "\n".join(lines)


def _call_root(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _static(expr):
    """True when evaluating `expr` calls nothing but numpy/math functions."""
    for node in ast.walk(expr):
        if isinstance(node, (ast.Call)) and _call_root(node.func) not in ALLOWED_CALL_ROOTS:
            return False
        if isinstance(node, (ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return False
    return True


def keep(stmt):
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef,
                         ast.ClassDef)):
        return True
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        return stmt.value is None or _static(stmt.value)
    if isinstance(stmt, ast.Try):
        blocks = [stmt.body, stmt.orelse, stmt.finalbody] + [h.body for h in stmt.handlers]
        return all(keep(s) or isinstance(s, ast.Pass) for b in blocks for s in b)
    if isinstance(stmt, ast.If):
        return _static(stmt.test) and all(
            keep(s) or isinstance(s, ast.Pass) for s in stmt.body + stmt.orelse)
    return False


def definitions_only(source):
    """Return `source` reduced to the kept statements (syntax errors propagate)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    kept = []
    for stmt in tree.body:
        if keep(stmt):
            start = stmt.lineno - 1
            if getattr(stmt, "decorator_list", None):
                start = min(d.lineno for d in stmt.decorator_list) - 1
            kept.append((start, stmt.end_lineno))
    out = [""] * len(lines)  # blank lines keep the student's line numbers in tracebacks
    for start, end in kept:
        out[start:end] = lines[start:end]
    return "\n".join(out).rstrip() + "\n" if kept else ""
