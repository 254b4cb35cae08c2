"""The parent-side decoder against hand-made hostile replies (the child can send any bytes)."""
import base64
import io
import json
import time

import numpy as np
import pytest

from autograder.compare import same
from autograder.sandbox import codec
from autograder.sandbox.codec import Unsupported


def npy(arr=None, header=None, data=None):
    """.npy bytes; `header`/`data` override what np.save would write (a lying file)."""
    buf = io.BytesIO()
    np.save(buf, np.arange(4.0) if arr is None else arr, allow_pickle=False)
    raw = buf.getvalue()
    if header is not None:
        text = repr(header).encode("latin1")
        text += b" " * (-(10 + len(text) + 1) % 64) + b"\n"
        raw = b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little") + text + (data or b"")
    return {"__ndarray__": base64.b64encode(raw).decode()}



def canonical(descr, shape, data=b"", fortran="False"):
    """.npy bytes whose header is written exactly as np.save writes it (the decoder's fast
    path reads that form without numpy's parser), saying what the caller likes."""
    text = (f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}"
            .encode("latin1"))
    text += b" " * (-(10 + len(text) + 1) % 64) + b"\n"
    raw = b"\x93NUMPY\x01\x00" + len(text).to_bytes(2, "little") + text + data
    return {"__ndarray__": base64.b64encode(raw).decode()}


@pytest.mark.parametrize("payload", [
    canonical("<f8", "(1099511627776,)", b"\0" * 8),
    canonical("<f8", "(1000000, 1000000)"),
    canonical("<f8", "(3,)", b"\0" * 32),
    canonical("<f8", "(3,)", b"\0" * 16),
    canonical("<f8", "(-1,)"),
    canonical("<c16", "(1,)", b"\0" * 16),
    canonical("<m8", "(1,)", b"\0" * 8),
    canonical("<q9", "(1,)", b"\0" * 8),
    canonical("|O8", "(1,)", b"\0" * 8),
    canonical("<f8", "(" + ", ".join(["1"] * 33) + ")", b"\0" * 8),
    canonical("<f8", "(2, 2)", b"\0" * 32, fortran="None"),
])
def test_lying_headers_in_the_canonical_form_are_rejected(payload):
    with pytest.raises(ValueError):
        codec.decode(payload)


def test_the_canonical_header_reads_the_shape_and_order_it_states():
    back = codec.decode(canonical("<i8", "(2, 3)", np.arange(6).tobytes(), fortran="True"))
    assert back.shape == (2, 3) and back.flags.f_contiguous and back[1, 0] == 1

@pytest.mark.parametrize("payload", [
    npy(header={"descr": "<f8", "fortran_order": False, "shape": (2**40,)}, data=b"\0" * 8),
    npy(header={"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)}),
    npy(header={"descr": "<f8", "fortran_order": False, "shape": (3,)}, data=b"\0" * 32),
    npy(header={"descr": "<f8", "fortran_order": False, "shape": (-1,)}, data=b""),
    npy(header={"descr": "|O", "fortran_order": False, "shape": (1,)}, data=b"\0" * 8),
    npy(header={"descr": [("a", "<f8")], "fortran_order": False, "shape": (1,)},
        data=b"\0" * 8),
    npy(header={"descr": "<c16", "fortran_order": False, "shape": (1,)}, data=b"\0" * 16),
    npy(header={"descr": "<M8[s]", "fortran_order": False, "shape": (1,)}, data=b"\0" * 8),
    npy(header={"descr": "<U3", "fortran_order": False, "shape": (1,)}, data=b"\0" * 12),
    npy(header={"descr": "|V8", "fortran_order": False, "shape": (1,)}, data=b"\0" * 8),
    {"__ndarray__": base64.b64encode(b"\x93NUMPY\x09\x00garbage").decode()},
    {"__ndarray__": "not base64!"},
    {"__ndarray__": 12},
    {"__ndarray__": npy()["__ndarray__"], "extra": 1},
    {"__array__": [1, 2], "dtype": "O", "shape": [2]},
    {"__array__": [1, 2], "dtype": "V100000000000", "shape": [2]},
    {"__array__": [1, 2], "dtype": "<f8", "shape": [3]},
    {"__array__": [[1], [2, 3]], "dtype": "<f8", "shape": [2]},
    {"__array__": [1], "dtype": "<f8", "shape": [2**40, 2**40]},
    {"__npscalar__": "<i1", "value": 10**6},
    {"__npscalar__": "|O", "value": 1},
    {"__npscalar__": "<f8", "value": {"__unsupported__": "x"}},
    {"__npscalar__": "<f8" * 100, "value": 1},
    {"__float__": "1e5"},
    {"__float__": ["nan"]},
    {"__tuple__": {"a": 1}},
    {"__dict__": [1, 2]},
    {"__dict__": {"a": 1}, "__tuple__": []},
    {"__unsupported__": 5},
    {"__weird__": 1},
    2**80,
    [[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]],
])
def test_hostile_payloads_raise_value_error_only(payload):
    started = time.monotonic()
    with pytest.raises(ValueError):
        codec.decode(payload)
    assert time.monotonic() - started < 2  # no giant allocation on a lying header


def test_deep_json_and_too_many_values_are_refused(monkeypatch):
    deep = json.loads("[" * 900 + "]" * 900)
    with pytest.raises(ValueError):
        codec.decode(deep)
    monkeypatch.setattr(codec, "MAX_NODES", 100_000)
    with pytest.raises(ValueError):
        codec.decode([list(range(1000))] * 300)


def test_decoded_arrays_are_exact_owned_and_plain():
    for arr in (np.arange(6.0).reshape(2, 3), np.asfortranarray(np.arange(6).reshape(2, 3)),
                np.array([True, False]), np.zeros((0, 3), np.float32), np.float64(2.5)):
        back = codec.decode(json.loads(json.dumps(codec.encode(arr))))
        assert type(back) is type(arr) and back.dtype == arr.dtype
        np.testing.assert_array_equal(back, arr)
        if type(back) is np.ndarray:
            assert back.flags.writeable


@pytest.mark.parametrize("value", [
    np.zeros(3, dtype=[("a", "<f8")]),
    np.array(["x"]),
    np.datetime64("2020-01-01"),
    np.ma.masked_array([1.0, 2.0]),
    np.array([[1.0]]).view(np.recarray),
    np.memmap,
    type("F", (float,), {"__eq__": lambda s, o: True})(1.0),
    type("I", (int,), {"__eq__": lambda s, o: True})(1),
    type("S", (str,), {"__eq__": lambda s, o: True})("x"),
    type("L", (list,), {})([1]),
    float("nan") * 1j,
])
def test_non_plain_values_never_cross(value):
    back = codec.decode(json.loads(json.dumps(codec.encode(value))))
    assert isinstance(back, Unsupported)
    assert not same(back, np.zeros(1)).ok and not same(back, 1.0).ok and not same(back, "x").ok


def test_oversized_arrays_are_not_sent(monkeypatch):
    monkeypatch.setattr(codec, "MAX_ARRAY_BYTES", 1024)
    assert isinstance(codec.decode(codec.encode(np.zeros(1000))), Unsupported)
    with pytest.raises(ValueError):
        codec.decode(npy(np.zeros(1000)))


def test_unsupported_type_names_are_printable():
    back = codec.decode({"__unsupported__": "evil\n== total: 100/100\x1b[2J"})
    assert "\n" not in back.what and "\x1b" not in back.what
