"""Template format of authoring/templates/<id>.md (a small jupytext/MyST-like notebook source).

* Plain text is Markdown; a line holding only ``+++`` ends one Markdown cell and starts the next.
* A fenced block opened by a line ```` ```python ```` and closed by ```` ``` ```` is one code cell
  (experiments, plots, setup). Other fences (```` ```text ````, ```` ```bash ````) stay Markdown.
* A line holding only ``{{directive}}`` or ``{{directive: arg, arg}}`` becomes generated cells:

  ``{{imports}}``             code cell: the reference module's import statements
  ``{{solution: f, g}}``      one solution cell: the definitions of f, g (signature + docstring
                              visible, body between ### BEGIN/END SOLUTION)
  ``{{tests}}``               one test cell per not-yet-placed check whose `needs` are all
                              defined by the solution cells above (registry order)
  ``{{tests: a, b}}``         test cells for the named checks
  ``{{tests: rest}}``         test cells for every check not placed yet (put one at the end)
  ``{{grading}}``             Markdown table of the graded items (public names, hidden total)
  ``{{total}}``               last cells: every public check once and their total

Lines starting with ``<!--`` and ending with ``-->`` (one line) are author notes, dropped.
"""
import re
from dataclasses import dataclass, field

DIRECTIVE = re.compile(r"^\{\{\s*([a-z_]+)\s*(?::\s*(.*?))?\s*\}\}\s*$")
CODE_FENCE = re.compile(r"^```python\s*$")
ANY_FENCE = re.compile(r"^(```+|~~~+)")


@dataclass
class Item:
    kind: str                      # "markdown", "code" or "directive"
    text: str = ""                 # cell source (markdown/code) or directive name
    args: list = field(default_factory=list)
    line: int = 0                  # 1-based line in the template (error messages)


def _clean(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return "\n".join(lines)


def parse(text, name="<template>"):
    items, markdown, md_start = [], [], 1
    lines = text.split("\n")
    i, literal_fence = 0, None

    def flush():
        nonlocal markdown
        body = _clean(markdown)
        if body:
            items.append(Item("markdown", body, line=md_start))
        markdown = []

    while i < len(lines):
        line = lines[i]
        if literal_fence:  # inside a non-python fence of a Markdown cell
            markdown.append(line)
            if line.strip().startswith(literal_fence):
                literal_fence = None
            i += 1
            continue
        if CODE_FENCE.match(line):
            flush()
            start, code = i + 1, []
            i += 1
            while i < len(lines) and lines[i].rstrip() != "```":
                code.append(lines[i])
                i += 1
            if i == len(lines):
                raise ValueError(f"{name}:{start}: unclosed ```python block")
            items.append(Item("code", _clean(code), line=start))
            i += 1
            md_start = i + 1
            continue
        fence = ANY_FENCE.match(line.strip())
        if fence:
            literal_fence = fence.group(1)
            markdown.append(line)
        elif line.strip() == "+++":
            flush()
            md_start = i + 2
        elif DIRECTIVE.match(line):
            flush()
            m = DIRECTIVE.match(line)
            args = [a.strip() for a in (m.group(2) or "").split(",") if a.strip()]
            items.append(Item("directive", m.group(1), args, line=i + 1))
            md_start = i + 2
        elif line.strip().startswith("<!--") and line.strip().endswith("-->"):
            pass
        else:
            if not markdown:
                md_start = i + 1
            markdown.append(line)
        i += 1
    if literal_fence:
        raise ValueError(f"{name}: unclosed {literal_fence} fence")
    flush()
    return items
