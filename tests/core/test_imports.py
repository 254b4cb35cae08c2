"""The autograder package has no import cycle, counting function-level imports too.

Every `import autograder.x` / `from autograder.x import y` anywhere in a module (top level or
inside a function) is an edge. A package importing its own submodules (`autograder.checks` →
`autograder.checks.base`) is not a cycle: edges from a package to modules below it are left out.
"""
import ast
from pathlib import Path

import autograder

ROOT = Path(autograder.__file__).resolve().parent
# Copied alone into the sandbox child and run there; they import each other as top-level modules.
CHILD_SIDE = {"autograder.sandbox.worker", "autograder.sandbox.launcher"}


def module_name(path):
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    return {module_name(p): p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts}


def resolve(name, known):
    """The longest known module prefix of a dotted import target."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def edges(name, path, known):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}" if base else anchor
            targets = [f"{base}.{a.name}" for a in node.names] + [base]
        for target in targets:
            hit = resolve(target, known)
            if hit and hit != name and not (is_package and hit.startswith(name + ".")):
                out.add(hit)
    return out


def test_no_import_cycle_among_autograder_modules():
    known = modules()
    graph = {n: edges(n, p, known) for n, p in known.items() if n not in CHILD_SIDE}
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)
