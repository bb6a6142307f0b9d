"""Tests for the wire format between the trusted grader and a student's worker."""

from __future__ import annotations

import collections
import json
import math
import pickle
import re
import struct
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pytest
import torch

from grader.wire import Handle, WireError, decode, encode

LIMIT = 1 << 20


class _Point(NamedTuple):
    x: int
    y: int


class _Tagged(list[Any]):
    """A list subclass, as a student's code might return."""


class _Record(dict[Any, Any]):
    """A dict subclass that hides its items behind an odd `items`."""

    def items(self) -> Any:
        raise AssertionError("the encoder must not call a subclass's items()")


class _Opaque:
    """A value the format cannot carry."""


class _Store:
    """Keeps objects by handle, as the worker does."""

    def __init__(self) -> None:
        self.objects: dict[int, Any] = {}

    def keep(self, value: Any) -> Handle:
        handle = Handle(len(self.objects) + 1, type(value).__name__)
        self.objects[handle.handle_id] = value
        return handle

    def resolve(self, handle: Handle) -> Any:
        return self.objects[handle.handle_id]


class _Touch:
    """Unpickling this would create a file: a decoder must never do it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (str(self.marker), "w"))


def _round_trip(value: Any) -> Any:
    return decode(encode(value, limit=LIMIT))


def _message(document: Any, buffers: tuple[bytes, ...] = ()) -> bytes:
    """A message built by hand, as a hostile worker could send it."""
    text = document if isinstance(document, bytes) else json.dumps(document).encode()
    parts = [struct.pack("!II", len(text), len(buffers)), text]
    for buffer in buffers:
        parts.extend((struct.pack("!Q", len(buffer)), buffer))
    return b"".join(parts)


def _nested_lists(levels: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(levels - 1):
        value = [value]
    return value


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        0,
        -1,
        2**63 - 1,
        2**63,
        -(2**63),
        -(2**63) - 1,
        10**100,
        -(10**100),
        0.1,
        -0.0,
        5e-324,
        1.7976931348623157e308,
        math.inf,
        -math.inf,
        math.nan,
        complex(1.5, -2.0),
        complex(math.inf, math.nan),
        "",
        "plain ascii",
        "héllo wörld, 日本語, 🐍, \x00, \ud800",
        b"",
        b"\x00\xff" * 3,
        [],
        (),
        {},
        [1, [2.5, [None, "x"]], (True, (b"y",))],
        ([1], (2,), [()]),
        {1: "one", 2.5: "float", None: "none", False: "bool", (3, "a"): ["tuple"]},
        {"nested": {b"bytes key": {(): complex(0, 1)}}},
    ],
    ids=repr,
)
def test_encode_round_trips_plain_value(value: Any) -> None:
    decoded = _round_trip(value)

    assert type(decoded) is type(value)
    assert repr(decoded) == repr(value)


def test_decode_negative_zero_keeps_its_sign() -> None:
    assert math.copysign(1.0, _round_trip(-0.0)) == -1.0


def test_decode_nan_is_a_float_nan() -> None:
    decoded = _round_trip([math.nan])

    assert type(decoded[0]) is float
    assert math.isnan(decoded[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (_Tagged([1, 2]), [1, 2]),
        (_Record({1: "a"}), {1: "a"}),
        (collections.OrderedDict([("b", 1), ("a", 2)]), {"b": 1, "a": 2}),
        (collections.defaultdict(list, {"k": [1]}), {"k": [1]}),
        (_Point(1, 2), (1, 2)),
    ],
    ids=["list-subclass", "dict-subclass", "ordered-dict", "defaultdict", "namedtuple"],
)
def test_encode_container_subclass_crosses_as_plain_container(
    value: Any, expected: Any
) -> None:
    decoded = _round_trip(value)

    assert type(decoded) is type(expected)
    assert decoded == expected


def test_decode_dict_keeps_key_order() -> None:
    value = {3: "c", 1: "a", 2: "b"}

    assert list(_round_trip(value)) == [3, 1, 2]


@pytest.mark.parametrize(
    "array",
    [
        np.array(3.25, dtype=np.float64),
        np.array(7, dtype=np.int8),
        np.array([], dtype=np.float32),
        np.zeros((2, 0, 3), dtype=np.int64),
        np.arange(12, dtype=np.float32).reshape(3, 4),
        np.arange(24, dtype=np.int16).reshape(2, 3, 4),
        np.array([0, 255], dtype=np.uint8),
        np.array([0, 2**64 - 1], dtype=np.uint64),
        np.array([True, False, True]),
        np.array([1 + 2j, -3.5j], dtype=np.complex128),
        np.array([0.5, -1.0], dtype=np.float16),
        np.array([1.5, 2.5], dtype=">f4"),
        np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
        np.arange(10, dtype=np.int32)[::3],
    ],
    ids=[
        "0d-float64",
        "0d-int8",
        "empty-float32",
        "empty-3d-int64",
        "2d-float32",
        "3d-int16",
        "uint8",
        "uint64",
        "bool",
        "complex128",
        "float16",
        "big-endian-float32",
        "fortran-order",
        "strided-view",
    ],
)
def test_encode_round_trips_numpy_array(array: np.ndarray) -> None:
    decoded = _round_trip(array)

    assert type(decoded) is np.ndarray
    assert decoded.dtype == array.dtype
    assert decoded.shape == array.shape
    assert np.array_equal(decoded, array)


@pytest.mark.parametrize(
    "scalar",
    [
        np.float64(0.1),
        np.float32(1.5),
        np.float16(-2.0),
        np.int8(-7),
        np.int64(-(2**63)),
        np.uint64(2**64 - 1),
        np.bool_(True),
        np.complex64(1 - 2j),
    ],
    ids=lambda s: type(s).__name__,
)
def test_encode_numpy_scalar_keeps_its_dtype(scalar: np.generic) -> None:
    decoded = _round_trip(scalar)

    assert type(decoded) is type(scalar)
    assert decoded == scalar


@pytest.mark.parametrize(
    "tensor",
    [
        torch.tensor([[1.5, -2.0], [0.25, 8.0]], dtype=torch.float32),
        torch.tensor([0.1, 1e300], dtype=torch.float64),
        torch.tensor([-(2**63), 2**63 - 1], dtype=torch.int64),
        torch.tensor([True, False]),
        torch.tensor(4.0),
        torch.zeros(0, 3),
        torch.arange(6, dtype=torch.int32).reshape(2, 3).t(),
    ],
    ids=["float32", "float64", "int64", "bool", "0d", "empty", "transposed"],
)
def test_encode_round_trips_tensor(tensor: torch.Tensor) -> None:
    decoded = _round_trip(tensor)

    assert type(decoded) is torch.Tensor
    assert decoded.dtype == tensor.dtype
    assert decoded.shape == tensor.shape
    assert torch.equal(decoded, tensor)


def test_encode_bfloat16_tensor_arrives_as_float32() -> None:
    tensor = torch.tensor([1.5, -2.0, 0.0078125], dtype=torch.bfloat16)

    decoded = _round_trip(tensor)

    assert decoded.dtype == torch.float32
    assert decoded.tolist() == [1.5, -2.0, 0.0078125]


def test_encode_tensor_that_requires_grad_arrives_detached() -> None:
    parameter = torch.nn.Parameter(torch.tensor([1.0, 2.0]))

    decoded = _round_trip(parameter)

    assert type(decoded) is torch.Tensor
    assert decoded.requires_grad is False
    assert decoded.tolist() == [1.0, 2.0]


def test_encode_torch_size_arrives_as_tuple() -> None:
    decoded = _round_trip(torch.Size([2, 3]))

    assert type(decoded) is tuple
    assert decoded == (2, 3)


def test_encode_tensor_counts_its_bytes_once_against_limit() -> None:
    tensor = torch.zeros(100, dtype=torch.float64)
    array_size = len(encode(tensor.numpy(), limit=LIMIT))

    message = encode(tensor, limit=array_size + 200)

    assert torch.equal(decode(message), tensor)


@pytest.mark.parametrize(
    "value",
    [
        _Opaque(),
        {1, 2},
        bytearray(b"ab"),
        print,
        np.str_("text"),
        np.array(["text"]),
        [1, {"deep": _Opaque()}],
    ],
    ids=["object", "set", "bytearray", "builtin", "np-str", "str-array", "nested"],
)
def test_encode_unsupported_value_raises_wire_error(value: Any) -> None:
    with pytest.raises(WireError, match="cannot be sent"):
        encode(value, limit=LIMIT)


def test_encode_unsupported_value_with_keep_crosses_as_handle() -> None:
    store = _Store()
    opaque = _Opaque()

    decoded = decode(encode([1, opaque, {opaque: "x"}], limit=LIMIT, keep=store.keep))

    assert decoded == [1, Handle(1, "_Opaque"), {Handle(2, "_Opaque"): "x"}]


def test_decode_resolve_maps_handle_back_to_its_object() -> None:
    store = _Store()
    opaque, model = _Opaque(), object()
    message = encode({"a": opaque, "b": (model,)}, limit=LIMIT, keep=store.keep)

    decoded = decode(message, resolve=store.resolve)

    assert decoded["a"] is opaque
    assert decoded["b"][0] is model


def test_encode_handle_crosses_as_itself() -> None:
    handle = Handle(7, "Model")

    assert _round_trip(handle) == handle


def test_decode_handle_type_name_is_cut_at_200_characters() -> None:
    message = _message({"t": "handle", "id": 3, "type": "T" * 1000})

    assert decode(message) == Handle(3, "T" * 200)


def test_encode_value_at_exact_limit_is_accepted() -> None:
    value = np.arange(10, dtype=np.int64)
    size = len(encode(value, limit=LIMIT))

    assert np.array_equal(decode(encode(value, limit=size)), value)


def test_encode_value_one_byte_over_limit_names_the_limit() -> None:
    value = np.arange(10, dtype=np.int64)
    size = len(encode(value, limit=LIMIT))

    with pytest.raises(WireError, match=rf"over the {size - 1} bytes limit"):
        encode(value, limit=size - 1)


@pytest.mark.parametrize(
    ("value", "limit", "named"),
    [
        ("x" * 2000, 1000, "1000 bytes"),
        (b"\x00" * 5000, 4096, "4.0 kB"),
        (np.zeros(200_000), LIMIT, "1.0 MB"),
        (torch.zeros(300_000), LIMIT, "1.0 MB"),
        ("é" * 600, 2048, "2.0 kB"),
    ],
    ids=["str", "bytes", "array", "tensor", "escaped-str"],
)
def test_encode_value_over_limit_raises_naming_the_limit(
    value: Any, limit: int, named: str
) -> None:
    with pytest.raises(WireError, match=re.escape(f"over the {named} limit")):
        encode(value, limit=limit)


def test_encode_huge_array_is_refused_before_copying() -> None:
    # An 8 TiB view of one number: any copy of it would fail long before the check.
    huge = np.broadcast_to(np.float64(0.0), (1 << 40,))

    with pytest.raises(WireError, match=r"over the 1\.0 MB limit"):
        encode(huge, limit=LIMIT)


def test_encode_nesting_at_depth_limit_is_accepted() -> None:
    value = _nested_lists(65)

    assert _round_trip(value) == value


@pytest.mark.parametrize("levels", [66, 500])
def test_encode_nesting_past_depth_limit_raises(levels: int) -> None:
    with pytest.raises(WireError, match="nested deeper than 64 levels"):
        encode(_nested_lists(levels), limit=LIMIT)


def test_encode_self_containing_list_raises() -> None:
    loop: list[Any] = []
    loop.append(loop)

    with pytest.raises(WireError, match="nested deeper than 64 levels"):
        encode(loop, limit=LIMIT)


def test_encode_int_too_long_for_text_raises_wire_error() -> None:
    with pytest.raises(WireError):
        encode(10**5000, limit=LIMIT)


def test_decode_array_is_writable_and_owns_its_memory() -> None:
    message = bytearray(encode(np.arange(4, dtype=np.float64), limit=LIMIT))

    decoded = decode(message)  # type: ignore[arg-type]  # a bytearray we can change
    message[-32:] = b"\xff" * 32
    decoded[0] = 42.0

    assert decoded.flags.writeable
    assert decoded.flags.owndata
    assert decoded.tolist() == [42.0, 1.0, 2.0, 3.0]


def test_decode_tensor_is_writable_and_owns_its_memory() -> None:
    message = bytearray(encode(torch.arange(3, dtype=torch.int64), limit=LIMIT))

    decoded = decode(message)  # type: ignore[arg-type]  # a bytearray we can change
    message[-24:] = b"\xff" * 24
    decoded += 1

    assert decoded.tolist() == [1, 2, 3]


_ARRAY_BYTES = np.arange(3, dtype=np.float64).tobytes()


@pytest.mark.parametrize(
    "message",
    [
        b"",
        b"\x00\x00\x00",
        struct.pack("!II", 3, 1) + b"[1]",
        struct.pack("!II", 3, 1) + b"[1]" + struct.pack("!Q", 10) + b"short",
        struct.pack("!II", 3, 0) + b"[1,",
        struct.pack("!II", 2, 0) + b"\xff\xfe",
        _message({"t": "bytes", "b": 0}),
        _message(
            {"t": "ndarray", "dtype": "|O", "shape": [3], "b": 0}, (b"\x00" * 24,)
        ),
        _message({"t": "npscalar", "dtype": "|O", "v": "00" * 8}),
        _message(
            {
                "t": "tensor",
                "dtype": "|O",
                "shape": [3],
                "b": 0,
                "torch_dtype": "float64",
            },
            (b"\x00" * 24,),
        ),
        _message(
            {"t": "ndarray", "dtype": "<U1", "shape": [6], "b": 0}, (b"\x00" * 24,)
        ),
        _message(
            {"t": "ndarray", "dtype": "<M8[s]", "shape": [3], "b": 0}, (b"0" * 24,)
        ),
        _message(
            {"t": "ndarray", "dtype": "V8", "shape": [3], "b": 0}, (b"\x00" * 24,)
        ),
        _message({"t": "ndarray", "dtype": "no such", "shape": [3], "b": 0}, (b"",)),
        _message(
            {"t": "ndarray", "dtype": "<f8", "shape": [4], "b": 0}, (_ARRAY_BYTES,)
        ),
        _message(
            {"t": "ndarray", "dtype": "<f8", "shape": [2], "b": 0}, (_ARRAY_BYTES,)
        ),
        _message(
            {"t": "ndarray", "dtype": "<f8", "shape": [-1, -3], "b": 0},
            (_ARRAY_BYTES,),
        ),
        _message(
            {"t": "ndarray", "dtype": "<f8", "shape": [2**40, 2**40], "b": 0},
            (_ARRAY_BYTES,),
        ),
        _message({"t": "ndarray", "dtype": "<f8", "shape": None, "b": 0}, (b"",)),
        _message(
            {"t": "tensor", "dtype": "<f8", "shape": [3], "b": 0, "torch_dtype": "obj"},
            (_ARRAY_BYTES,),
        ),
        _message({"t": "pickle", "v": "80049500"}),
        _message({"t": "__reduce__"}),
        _message({"v": [1, 2]}),
        _message({"t": "tuple", "v": 5}),
        _message({"t": "dict", "v": 7}),
        _message({"t": "dict", "v": [5]}),
        _message({"t": "dict", "v": [[[1], 2]]}),
        _message({"t": "float", "v": "not a number"}),
        _message({"t": "bigint", "v": "12a"}),
        _message({"t": "bigint", "v": "9" * 5000}),
        _message({"t": "complex", "v": "ab"}),
        _message({"t": "handle", "id": "x", "type": "T"}),
        _message({"t": "npscalar", "dtype": "<f8", "v": "zz"}),
        _message({"t": "npscalar", "dtype": "<f8", "v": ""}),
        _message(_nested_lists(200)),
    ],
    ids=[
        "empty",
        "truncated-header",
        "missing-buffer",
        "buffer-past-end",
        "bad-json",
        "json-not-utf8",
        "buffer-index-out-of-range",
        "object-array",
        "object-scalar",
        "object-tensor",
        "string-array",
        "datetime-array",
        "void-array",
        "unknown-dtype",
        "shape-too-big",
        "shape-too-small",
        "negative-shape",
        "overflowing-shape",
        "shape-not-a-list",
        "unknown-tensor-dtype",
        "pickle-tag",
        "unknown-tag",
        "no-tag",
        "tuple-not-a-list",
        "dict-not-a-list",
        "dict-pair-not-a-pair",
        "unhashable-key",
        "float-not-a-number",
        "bigint-not-digits",
        "bigint-too-long",
        "complex-not-a-pair",
        "handle-id-not-int",
        "scalar-not-hex",
        "scalar-empty",
        "nested-200",
    ],
)
def test_decode_hostile_message_raises_wire_error(message: bytes) -> None:
    with pytest.raises(WireError):
        decode(message)


def test_decode_truncated_real_message_raises_wire_error() -> None:
    message = encode({"x": np.arange(5), "y": b"abc"}, limit=LIMIT)

    for cut in range(len(message)):
        with pytest.raises(WireError):
            decode(message[:cut])


def test_decode_shape_mismatch_names_shape_and_size() -> None:
    message = _message(
        {"t": "ndarray", "dtype": "<f8", "shape": [2, 2], "b": 0}, (_ARRAY_BYTES,)
    )

    with pytest.raises(WireError, match=r"shape \(2, 2\) does not match its 24 bytes"):
        decode(message)


def test_decode_unknown_tag_names_it() -> None:
    with pytest.raises(WireError, match="unknown tag 'pickle'"):
        decode(_message({"t": "pickle"}))


@pytest.mark.parametrize("tag", ["pickle", "object", "ndarray", "npscalar", "tensor"])
def test_decode_pickled_payload_is_refused_unopened(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "unpickled"
    payload = pickle.dumps(_Touch(marker))
    document = {
        "t": tag,
        "dtype": "|O",
        "shape": [1],
        "b": 0,
        "v": payload.hex(),
        "torch_dtype": "float32",
    }

    with pytest.raises(WireError):
        decode(_message(document, (payload,)))

    assert not marker.exists()


def test_decode_json_length_past_end_raises_wire_error() -> None:
    with pytest.raises(WireError):
        decode(struct.pack("!II", 100, 0) + b"[1]")


def test_decode_deeply_nested_json_raises_wire_error() -> None:
    with pytest.raises(WireError):
        decode(_message(b"[" * 5000 + b"]" * 5000))


def test_decode_top_level_scalar_document_is_that_value() -> None:
    assert decode(_message("hi")) == "hi"
    assert decode(_message(3)) == 3
