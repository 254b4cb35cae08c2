"""Run student code in a limited, isolated child process; only plain values come back.

See docs/SECURITY.md for what is enforced where.
"""

_RUNNER_NAMES = ("LoadReport", "ProbeReply", "Sandbox")


def __getattr__(name):
    """`Sandbox` & co. load the POSIX-only runner on first use, so that `isolation.status()`
    (portable) can be imported where the runner cannot (Windows)."""
    if name in _RUNNER_NAMES:
        from autograder.sandbox import runner
        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
