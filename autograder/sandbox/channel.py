"""The grader's end of the reply pipe: bounded reading and bounded parsing of child lines.

The child is hostile and can write anything on the pipe. What the grader may allocate for it
is bounded *before* any parsing:

* a line is read in chunks of at most `READ_BYTES` into one buffer that never exceeds
  `MAX_LINE_BYTES` + 1; a longer line is never held (the child is killed: `bad_output`);
* every byte and line read while waiting for one answer counts against `MAX_REQUEST_BYTES` and
  `MAX_REQUEST_LINES`, so endless small lines (forged replies for other ids, junk) end the same
  way, within a second;
* a line must be ASCII (the worker writes `json.dumps(..., ensure_ascii=True)`) and may hold at
  most `MAX_JSON_TOKENS` structural characters (``, [ { :``): every JSON value or key but the
  first follows one of them, so this bounds the objects `json.loads` creates (an empty
  container costs ~64 bytes for 2-3 bytes of text: the 25x blow-up of a line of ``[{},{},...``);
* `json.loads` then runs on the decoded text; arrays inside are `codec.decode`d by the caller
  (`.npy` header checked before any allocation, size-capped).

Worst case per line: buffer + text + parsed objects ≈ 16 + 16 + 60 (a 15 MiB string made
4-byte-wide by one escaped astral character) + 7 (99 000 empty containers) MiB: measured +90 MB
of grader RSS (bench/memory_reply.py `under_caps`; bench/results.md).
"""
import json
import os
import select
import time

from autograder.sandbox.protocol import ChildGone

MiB = 2**20
# Largest legitimate reply, measured (`bench/memory_reply.py legit`, every line the grader reads
# while grading the seven reference notebooks, hidden checks included): 1,066,888 bytes
# (03_activations); a reply carrying the 203,530 weights of the MNIST model twice (before and
# after training) as float64 .npy would be 4,343,574 bytes. 16 MiB is 3.9x the latter, and the
# worst case under all caps stays at 130 MB of grader RSS (bench/results.md; budget 300 MB).
MAX_LINE_BYTES = 16 * MiB
MAX_REQUEST_BYTES = 64 * MiB  # all bytes read while waiting for one answer (4 full lines)
# Lines read while waiting for one answer: loading sends one per code chunk (the reference
# notebooks: at most 15) + "loaded"; a probe one. Bounds the CPU a flood of tiny lines costs the
# grader (~7 µs of json.loads each: 100 000 lines ≈ 0.7 s).
MAX_REQUEST_LINES = 100_000
# Structural characters in one legitimate reply, measured the same way: at most 103 (Keras
# model descriptions). 200 000 leaves room for long lists of call records and still bounds what
# json.loads builds to ~13 MiB.
MAX_JSON_TOKENS = 200_000
READ_BYTES = 1 * MiB


class ReplyChannel:
    """Reads JSON lines from the child's reply fd, within the caps above."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = bytearray()
        self.scanned = 0
        self.budget, self.lines = MAX_REQUEST_BYTES, MAX_REQUEST_LINES

    def new_request(self):
        """The byte and line budgets are per request: new ones start now."""
        self.budget, self.lines = MAX_REQUEST_BYTES, MAX_REQUEST_LINES

    def line(self, deadline):
        """Next line as text (without the newline); ChildGone on oversize, EOF or timeout."""
        while True:
            end = self.buffer.find(b"\n", self.scanned)
            if end >= 0:
                if end > MAX_LINE_BYTES:
                    raise ChildGone("bad_output")
                with memoryview(self.buffer) as view:
                    try:
                        text = str(view[:end], "ascii")
                    except UnicodeDecodeError:
                        raise ChildGone("bad_output") from None
                del self.buffer[:end + 1]
                self.scanned = 0
                self.lines -= 1
                if self.lines < 0:
                    raise ChildGone("bad_output")  # a flood of lines for this one request
                return text
            self.scanned = len(self.buffer)
            room = MAX_LINE_BYTES + 1 - len(self.buffer)
            if room <= 0:
                raise ChildGone("bad_output")  # an oversize line: never held, never parsed
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildGone("timeout")
            ready, _, _ = select.select([self.fd], [], [], min(remaining, 1.0))
            if not ready:
                continue
            chunk = os.read(self.fd, min(READ_BYTES, room))
            if not chunk:
                raise ChildGone("crashed")
            self.budget -= len(chunk)
            if self.budget < 0:
                raise ChildGone("bad_output")  # a flood of lines for this one request
            self.buffer += chunk

    def message(self, deadline):
        """Next line parsed as a JSON object; ChildGone("bad_output") for anything else."""
        text = self.line(deadline)
        tokens = text.count(",") + text.count("[") + text.count("{") + text.count(":")
        if tokens > MAX_JSON_TOKENS:
            raise ChildGone("bad_output")
        try:
            message = json.loads(text)
        except (ValueError, RecursionError):
            raise ChildGone("bad_output") from None
        if not isinstance(message, dict):
            raise ChildGone("bad_output")
        return message
