"""The grader's memory while a real sandbox child floods the reply pipe (issue 10 §3).

Each flood must end as `bad_output` (the child is killed and restarted: the next probe works)
quickly, and the grader's peak RSS stays within the 300 MB budget (measured in a fresh
interpreter by bench/memory_reply.py; the same scenarios are the rows of bench/results.md).
"""
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from autograder.sandbox import channel, codec
from tests.sandbox.conftest import call, open_sandbox, value

BENCH = Path(__file__).resolve().parents[2] / "bench" / "memory_reply.py"

FLOODS = r'''
import os
import sys

import numpy as np

FD = int(sys.argv[2])


def write(text):
    os.write(FD, text.encode("utf-8"))
    return 1


def big_line(size):
    os.write(FD, b"[" + b"{}," * (size // 3) + b"{}]\n")
    return 1


def endless(newline):
    block = (b'{"id":0}\n' if newline else b"1,") * 4096
    while True:
        os.write(FD, block)


def array(nbytes):
    return np.ones(nbytes // 8)


def fine():
    return 2
'''


def after_flood(box, func, *args):
    started = time.monotonic()
    reply = call(box, func, *args, timeout=60)
    return reply, time.monotonic() - started


@pytest.mark.parametrize("func,args", [
    ("big_line", [40 * 2**20]),           # a 40 MB line (the 1 GB-RSS reply)
    ("endless", [False]),                 # a line that never ends (1 GB and beyond)
    ("endless", [True]),                  # endless small lines, none answering the request
    ("write", ['{"x":[' + "[]," * 200_001 + '0]}\n']),  # within the size cap, too many tokens
    ("write", ['{"x":"\u00e9"}\n']),      # not ASCII (the worker writes only ASCII)
])
def test_floods_end_as_bad_output_and_the_child_restarts(tmp_path, func, args):
    with open_sandbox(FLOODS, tmp_path) as (box, _):
        reply, seconds = after_flood(box, func, *args)
        assert reply.status == "bad_output", reply
        assert seconds < 5
        assert value(box, "fine") == 2  # restarted, reloaded


def test_largest_legitimate_array_crosses_and_a_larger_one_is_a_marker(tmp_path):
    with open_sandbox(FLOODS, tmp_path) as (box, _):
        fits = value(box, "array", codec.MAX_ARRAY_BYTES)
        too_big = value(box, "array", codec.MAX_ARRAY_BYTES + 8)
    assert type(fits) is np.ndarray and fits.nbytes == codec.MAX_ARRAY_BYTES
    assert isinstance(too_big, codec.Unsupported) and "too large" in too_big.what
    encoded = json.dumps(codec.encode(np.ones(codec.MAX_ARRAY_BYTES // 8)))
    assert len(encoded) < channel.MAX_LINE_BYTES


@pytest.mark.parametrize("scenario", ["line_40mb", "line_1gb", "small_lines", "under_caps"])
def test_grader_peak_rss_stays_within_300_mb(scenario):
    done = subprocess.run([sys.executable, str(BENCH), "scenario", scenario],
                          capture_output=True, text=True, timeout=300)
    row = json.loads(done.stdout.strip().splitlines()[-1])
    assert row["peak_mb"] <= 300, row
    assert row["status"] == ("ok" if scenario == "under_caps" else "bad_output"), row
