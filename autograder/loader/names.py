"""Which module-level names one top-level statement binds, reads and mutates.

`analyse(stmt)` → `Names(binds, uses, mutates, calls, global_sets)`:

* binds: names the statement (re)binds at module level when it runs: assignment targets of every
  kind (plain, tuple, augmented, annotated with a value, walrus), `def`/`class` names, import
  aliases, `for`/`with`/`except` targets, `del` (an unbinding is kept like a binding, so the kept
  code sees the same last state as the notebook run top to bottom), everywhere in the
  statement's blocks (`if`/`try`/`for`/`while`/`with`/`match`) but not inside functions;
* uses: module-level names the statement reads when it runs *or* that the code it defines reads
  when called later: free names of function, lambda and method bodies (globals), default
  arguments, decorators, annotations, base classes, class bodies (names the class body binds
  itself are its own), comprehensions;
* mutates: names whose object the statement changes without rebinding the name:
  `relu.alpha = 0.1`, `CONFIG["lr"] = 0.1`, `del cache[k]` (the root name of an attribute or
  subscript target);
* method_calls: root names of method calls made as a statement (`cache.append(x)`,
  `plt.show()`);
* calls: names called as a whole statement (`init()`), for `global` setters;
* global_sets: names a function or method assigns through a `global` declaration.

The walk is iterative (deeply nested expressions cannot exhaust the stack) and errs on the side of
reading too much: a name counted as used that is not, only keeps a statement more.
"""
import ast
from dataclasses import dataclass, field

FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


@dataclass
class Names:
    binds: set = field(default_factory=set)
    uses: set = field(default_factory=set)
    mutates: set = field(default_factory=set)
    method_calls: set = field(default_factory=set)
    calls: set = field(default_factory=set)
    global_sets: set = field(default_factory=set)


def root_name(node):
    """`a` for `a`, `a.b`, `a[0].c`, `a.b(…)`; None for anything else."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _arguments(args):
    every = args.posonlyargs + args.args + args.kwonlyargs
    every += [a for a in (args.vararg, args.kwarg) if a is not None]
    return every


class _Scope:
    """One scope's names: loads and stores, plus the nested scopes found in it."""

    def __init__(self, kind, params=()):
        self.kind = kind  # "module" | "function" | "class" | "comprehension"
        self.loads, self.stores = set(), set(params)
        self.declared_global, self.declared_nonlocal = set(), set()
        self.mutates, self.method_calls, self.calls = set(), set(), set()
        self.children = []


def _scan(scope, nodes):
    """Visit `nodes` as code run in `scope`; nested scopes are queued as children."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            scope.stores.add(node.name)
            outer = list(node.decorator_list)
            if isinstance(node, ast.ClassDef):
                outer += node.bases + node.keywords
                scope.children.append(("class", (), node.body))
            else:
                outer += _defaults_and_annotations(node.args) + [node.returns]
                scope.children.append(
                    ("function", [a.arg for a in _arguments(node.args)], node.body))
            stack.extend(n for n in reversed(outer) if n is not None)
            continue
        if isinstance(node, ast.Lambda):
            stack.extend(reversed(_defaults_and_annotations(node.args)))
            scope.children.append(("function", [a.arg for a in _arguments(node.args)],
                                   [node.body]))
            continue
        if isinstance(node, COMPREHENSIONS):
            first, rest = node.generators[0], node.generators[1:]
            stack.append(first.iter)  # the first iterable is evaluated outside
            inner = [first.target] + first.ifs
            for gen in rest:
                inner += [gen.target, gen.iter] + gen.ifs
            inner += [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            scope.children.append(("comprehension", (), inner))
            continue
        _note(scope, node)
        stack.extend(reversed(list(ast.iter_child_nodes(node))))


def _defaults_and_annotations(args):
    out = list(args.defaults) + [d for d in args.kw_defaults if d is not None]
    return out + [a.annotation for a in _arguments(args) if a.annotation is not None]


def _note(scope, node):
    if isinstance(node, ast.Name):
        (scope.loads if isinstance(node.ctx, ast.Load) else scope.stores).add(node.id)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            if alias.name != "*":
                scope.stores.add(alias.asname or alias.name.partition(".")[0])
    elif isinstance(node, ast.ExceptHandler) and node.name:
        scope.stores.add(node.name)
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        scope.stores.add(node.name)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        scope.stores.add(node.rest)
    elif isinstance(node, ast.Global):
        scope.declared_global.update(node.names)
    elif isinstance(node, ast.Nonlocal):
        scope.declared_nonlocal.update(node.names)
    elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
        targets = node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, (ast.Attribute, ast.Subscript)):
                    name = root_name(part)
                    if name:
                        scope.mutates.add(name)
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        func = node.value.func
        if isinstance(func, ast.Attribute):
            name = root_name(func)
            if name:
                scope.method_calls.add(name)
        elif isinstance(func, ast.Name):
            scope.calls.add(func.id)


def _resolve(kind, params, body):
    """(free names, names forced global, names assigned through `global`) of a nested scope."""
    scope = _Scope(kind, params)
    _scan(scope, body)
    free, forced, global_sets = set(), set(scope.declared_global), set()
    global_sets |= scope.declared_global & scope.stores
    local = scope.stores - scope.declared_global - scope.declared_nonlocal
    free |= (scope.loads - local) | scope.declared_nonlocal
    # Methods do not see class-body names; a class body reading a global it also binds before
    # (`x = x + 1`) is missed, and then fails at load with a message naming the statement.
    visible = set() if kind == "class" else local
    for child in scope.children:
        child_free, child_forced, child_sets = _resolve(*child)
        free |= child_free - visible
        forced |= child_forced
        global_sets |= child_sets
    return free - forced, forced, global_sets


def analyse(stmt):
    """Names of one top-level statement (see the module docstring)."""
    scope = _Scope("module")
    _scan(scope, [stmt])
    names = Names(binds=set(scope.stores), uses=set(scope.loads), mutates=set(scope.mutates),
                  method_calls=set(scope.method_calls), calls=set(scope.calls))
    for child in scope.children:
        free, forced, global_sets = _resolve(*child)
        names.uses |= free | forced
        names.global_sets |= global_sets
    return names
