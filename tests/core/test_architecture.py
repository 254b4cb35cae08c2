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
