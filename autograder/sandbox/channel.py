"""The grader's end of the reply pipe: bounded reading and bounded parsing of child lines.

The child is hostile and can write anything on the pipe. What the grader may allocate for it
is bounded *before* any parsing:

* a line is read in chunks of at most `READ_BYTES` into one buffer that never exceeds
  `MAX_LINE_BYTES` + 1; a longer line is never held (the child is killed: `bad_output`);
* every byte read while waiting for one answer counts against `MAX_REQUEST_BYTES`, so endless
  small lines (forged replies for other ids, junk) end the same way;
* a line must be ASCII (the worker writes `json.dumps(..., ensure_ascii=True)`) and may hold at
  most `MAX_JSON_TOKENS` structural characters (``, [ { :``): every JSON value or key but the
  first follows one of them, so this bounds the objects `json.loads` creates (an empty
  container costs ~64 bytes for 2-3 bytes of text: the 25x blow-up of a line of ``[{},{},...``);
* `json.loads` then runs on the decoded text; arrays inside are `codec.decode`d by the caller
  (`.npy` header checked before any allocation, size-capped).

Worst case per line (measured in bench/memory_reply.py, see bench/results.md): buffer + text +
parsed objects ≈ 16 + 16 + 64 (a 16 MiB string made 4-byte-wide by one escaped astral char) +
~13 (200 000 tokens) MiB.
"""
import json
import os
import select
import time

MiB = 2**20
# Largest legitimate reply measured (bench/memory_reply.py --legit, every probe of the seven
# reference submissions + the 203,530-parameter MNIST model's weights before and after training
# as float64 .npy): 4.4 MB. 16 MiB leaves a 3.8x margin and keeps the worst case far below the
# 300 MB grader budget.
MAX_LINE_BYTES = 16 * MiB
MAX_REQUEST_BYTES = 64 * MiB  # all bytes read while waiting for one answer (4 full lines)
# Legitimate maximum measured: 1,404 structural characters in one reply (describe_model of the
# MNIST model and plot facts); 200 000 is a 140x margin and bounds json.loads to ~13 MiB.
MAX_JSON_TOKENS = 200_000
READ_BYTES = 1 * MiB


class ChildGone(Exception):
    """The child must be killed: status "timeout" | "crashed" | "bad_output" | "refused"."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class ReplyChannel:
    """Reads JSON lines from the child's reply fd, within the caps above."""

    def __init__(self, fd):
        self.fd = fd
        self.buffer = bytearray()
        self.scanned = 0
        self.budget = MAX_REQUEST_BYTES

    def new_request(self):
        """The byte budget is per request: a new one starts now."""
        self.budget = MAX_REQUEST_BYTES

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
