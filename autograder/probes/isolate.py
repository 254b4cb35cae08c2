"""Run a probe with the reference's helpers standing in for the student's (autograder/isolate.py).

`with_reference(ns, probe, args, source, names)`: executes SOURCE (the reference functions the
grader sent, and what they need) in a namespace of its own, puts NAMES of it into the student's
namespace for the duration of PROBE, then puts the student's objects back. The student's function
finds the reference helper where it looks it up (its module's globals); nothing is judged here.
"""
import builtins
import importlib


def with_reference(ns, probe, args, source, names):
    reference = {"__name__": "nngrade_reference", "__builtins__": builtins}
    exec(compile(source, "<reference>", "exec"), reference)
    missing = object()
    saved = {name: ns.get(name, missing) for name in names}
    module_name, _, func_name = probe.rpartition(".")
    func = getattr(importlib.import_module(f"{__package__}.{module_name}"), func_name)
    try:
        for name in names:
            ns[name] = reference[name]
        return func(ns, **args)
    finally:
        for name, value in saved.items():
            if value is missing:
                ns.pop(name, None)
            else:
                ns[name] = value
