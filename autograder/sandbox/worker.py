"""Sandbox child: runs student code and the probes on it; speaks JSON lines on two pipes.

Started by `runner.py` as ``python -I worker.py REQ_FD RESP_FD`` in the grading directory, with
this file, ``codec.py`` and the ``probes`` package copied beside it. It imports nothing from
`autograder` (the grader's package is not meant to be reachable from here).

Requests:  {"op": "load", "chunks": [source, ...], "labels": [cell no, ...], "skip": [index, ...]}
           {"op": "probe", "probe": "module.function", "args": {...encoded...}}
Replies:   {"event": "chunk", "index": i}            before each chunk runs (crash attribution)
           {"event": "loaded", "errors": [...], "names": [...]}
           {"ok": true, "value": ...} / {"ok": false, "error": {...}}
"""
import builtins
import importlib
import json
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import codec  # noqa: E402  (needs the path above)

MAX_TEXT = 2000


def describe_exception(exc):
    """Type, message and the student's own frames (code compiled as '<cell N>')."""
    frames = [
        f"{f.filename}, line {f.lineno}, in {f.name}: {(f.line or '').strip()}"[:300]
        for f in traceback.extract_tb(exc.__traceback__)
        if f.filename.startswith("<cell")
    ]
    try:
        message = str(exc)[:MAX_TEXT]
    except BaseException:  # a hostile __str__
        message = "<unprintable>"
    return {"type": type(exc).__name__[:100], "message": message, "frames": frames[-8:]}


def run_chunks(ns, chunks, labels, skip, send):
    errors = []
    for index, source in enumerate(chunks):
        if index in skip:
            continue
        send({"event": "chunk", "index": index})
        try:
            exec(compile(source, f"<cell {labels[index]}>", "exec"), ns)
        except BaseException as exc:  # SystemExit and KeyboardInterrupt included
            errors.append({"cell": labels[index], **describe_exception(exc)})
    names = sorted(k for k in list(ns) if isinstance(k, str) and not k.startswith("_"))
    send({"event": "loaded", "errors": errors, "names": names[:1000]})


def run_probe(ns, name, args):
    module_name, _, func_name = name.rpartition(".")
    probe = getattr(importlib.import_module(f"probes.{module_name}"), func_name)
    return probe(ns, **args)


def main():
    requests = os.fdopen(int(sys.argv[1]), "r", encoding="utf-8")
    replies = os.fdopen(int(sys.argv[2]), "w", encoding="utf-8")

    def send(message):
        replies.write(json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n")
        replies.flush()

    ns = {"__name__": "__main__", "__builtins__": builtins}
    for line in requests:
        message = json.loads(line)
        if message["op"] == "load":
            chunks = message["chunks"]
            labels = message.get("labels") or list(range(1, len(chunks) + 1))
            run_chunks(ns, chunks, labels, set(message.get("skip", [])), send)
            continue
        try:
            value = run_probe(ns, message["probe"], codec.decode(message["args"]))
            reply = {"ok": True, "value": codec.encode(value)}
        except BaseException as exc:
            reply = {"ok": False, "error": describe_exception(exc)}
        send(reply)


if __name__ == "__main__":
    main()
