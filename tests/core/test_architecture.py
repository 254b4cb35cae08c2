"""docs/ARCHITECTURE.md's frontend table matches the code: every `nngrade` subcommand has a row,
every row's subcommand exists, and every `module.function` the table names is importable."""
import importlib
import re
from pathlib import Path

from autograder import cli

DOC = Path(__file__).resolve().parents[2] / "docs" / "ARCHITECTURE.md"


def table_rows():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Frontends: who calls what", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "---" not in line
            and not line.startswith("| frontend")]


def subcommands():
    parser = cli.parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)


def test_every_cli_subcommand_is_on_the_map_and_only_those():
    named = {m.group(1) for row in table_rows() for m in [re.match(r"\| `nngrade ([a-z-]+)", row)]
             if m}
    assert named == subcommands()


def test_every_function_the_map_names_exists():
    names = set()
    for row in table_rows():
        for ref in re.findall(r"`([a-z_]+(?:\.[A-Za-z_]+)+)`", row):
            if not ref.startswith(("nngrade", "python")) and not ref.endswith(".py"):
                names.add(ref)
    assert len(names) >= 15
    for ref in sorted(names):
        parts = ref.split(".")
        for cut in range(len(parts), 0, -1):  # longest importable module prefix
            try:
                obj = importlib.import_module("autograder." + ".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                obj = getattr(obj, attr)
            break
        else:
            raise AssertionError(f"{ref}: no such module in autograder")


def named_in_doc(rel, text):
    """REL (a path below autograder/) is named: by that path, or by its dotted module name."""
    if rel in text or f"autograder/{rel}" in text:
        return True
    dotted = rel[:-3].replace("/", ".")
    return re.search(r"(?<![\w.])(autograder\.)?" + re.escape(dotted) + r"(?![\w])", text) \
        is not None


def test_every_module_is_on_the_map():
    text = DOC.read_text(encoding="utf-8")
    package = Path(cli.__file__).resolve().parent
    modules = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py")
                     if "__pycache__" not in p.parts and p.relative_to(package).as_posix()
                     != "__init__.py")
    assert len(modules) > 60
    missing = [rel for rel in modules if not named_in_doc(rel, text)]
    assert not missing, f"modules not named in docs/ARCHITECTURE.md: {missing}"


def test_the_module_map_names_only_existing_modules():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    package = Path(cli.__file__).resolve().parent
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    named = {n for row in rows for n in re.findall(r"`([a-z_/]+\.py)`", row.split(" | ")[0])}
    assert named and not [n for n in named if not (package / n).is_file()]
