"""Run probes in this process, on a namespace we already hold.

Used for trusted code (the reference solutions) and inside a notebook kernel (nbgrader test
cells, where the student's code already runs in the kernel). Values take the same codec round
trip as in the sandbox, so every frontend compares exactly the same data.
"""
import functools
import importlib
import json
import traceback

from autograder.sandbox import codec
from autograder.sandbox.protocol import LoadReport, ProbeReply


def roundtrip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value))))


class InProcessSession:
    def __init__(self, namespace):
        self.ns = namespace
        self.report = LoadReport(names=[k for k in namespace if isinstance(k, str)])

    def probe(self, name, args, timeout=None):
        module_name, _, func_name = name.rpartition(".")
        probe = getattr(importlib.import_module(f"autograder.probes.{module_name}"), func_name)
        try:
            value = probe(self.ns, **roundtrip(args))
        except Exception as exc:
            frames = [f"{f.filename}, line {f.lineno}, in {f.name}"
                      for f in traceback.extract_tb(exc.__traceback__)
                      if "autograder" not in f.filename][-4:]
            return ProbeReply("error", error={"type": type(exc).__name__,
                                              "message": str(exc)[:2000], "frames": frames})
        try:
            return ProbeReply("ok", value=roundtrip(value))
        except (ValueError, TypeError) as exc:
            return ProbeReply("bad_output", error={"message": str(exc)[:300]})


@functools.lru_cache(maxsize=None)
def reference_session(assignment):
    """The reference solution's namespace (instructor side only), one per process."""
    from autograder.assignments import module_of
    module = importlib.import_module(f"solutions.{module_of(assignment)}")
    return InProcessSession(vars(module))
