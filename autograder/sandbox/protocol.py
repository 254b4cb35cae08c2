"""What a runner (the full sandbox or the portable runner) hands back to the grader.

Kept free of POSIX-only imports: the portable runner, the in-process session and the notebook
helpers import these on every platform, Windows included.
"""
from dataclasses import dataclass, field

from autograder.sandbox import codec


@dataclass
class ProbeReply:
    status: str  # "ok" | "error" | "timeout" | "crashed" | "bad_output"
    value: object = None
    error: dict = field(default_factory=dict)


@dataclass
class LoadReport:
    errors: list = field(default_factory=list)   # exceptions raised by chunks
    names: list = field(default_factory=list)    # names the student's code defined
    skipped: dict = field(default_factory=dict)  # chunk index -> "timeout" | "crashed" | ...
    warnings: list = field(default_factory=list)  # (message key, fields): weaker isolation
    isolation: list = field(default_factory=list)  # what the launcher applied


def clean(text, limit=300):
    return codec.clean_text(text, limit)


def clean_error(error):
    """Keep only short, printable strings from a child's error description."""
    frames = error.get("frames") if isinstance(error.get("frames"), list) else []
    return {
        "type": clean(error.get("type", "Exception"), 100),
        "message": clean(error.get("message", ""), 2000),
        "frames": [clean(f, 300) for f in frames[:8]],
    }


def clean_load_errors(errors):
    out = []
    for error in errors[:50] if isinstance(errors, list) else []:
        if isinstance(error, dict):
            cell = error.get("cell")
            out.append({"cell": cell if type(cell) is int else None, **clean_error(error)})
    return out


def loaded_names(names):
    """The names a `loaded` event lists, kept only when they are identifiers."""
    if not isinstance(names, list):
        return []
    return [n for n in names if type(n) is str and n.isidentifier()][:1000]
