"""The plain-data format that crosses between the trusted grader and a student's worker.

A message is a JSON document followed by raw buffers (for arrays and tensors). The
decoder builds only built-in values, numpy arrays and torch tensors from it: nothing
the student defined is ever unpickled or executed in the trusted process. Values the
format cannot carry stay in the worker and cross as a `Handle` instead.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "Handle",
    "WireError",
    "decode",
    "encode",
]

_HEADER = struct.Struct("!II")  # JSON length, number of buffers
_BUFFER = struct.Struct("!Q")
_MAX_DEPTH = 64

_NUMPY_KINDS = frozenset("biufc")
_TENSOR_DTYPES = {
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
    "int8": np.int8,
    "int16": np.int16,
    "int32": np.int32,
    "int64": np.int64,
    "uint8": np.uint8,
    "bool": np.bool_,
    "complex64": np.complex64,
    "complex128": np.complex128,
}


class WireError(Exception):
    """A value could not be encoded or a message could not be decoded."""


@dataclass(frozen=True)
class Handle:
    """A reference to an object that lives in the worker and never crosses."""

    handle_id: int
    type_name: str


def encode(
    value: Any,
    *,
    limit: int,
    keep: Callable[[Any], Handle] | None = None,
) -> bytes:
    """Encode a value as a message of at most `limit` bytes.

    `keep` turns a value the format cannot carry into a handle (in the worker);
    without it such a value is an error.
    """
    buffers: list[bytes] = []
    budget = [limit, limit]
    tree = _to_tree(value, buffers, budget, keep, depth=0)
    document = json.dumps(tree, allow_nan=True, separators=(",", ":")).encode()
    parts = [_HEADER.pack(len(document), len(buffers)), document]
    for buffer in buffers:
        parts.extend((_BUFFER.pack(len(buffer)), buffer))
    message = b"".join(parts)
    if len(message) > limit:
        raise WireError(
            f"the value is {_size(len(message))}, over the {_size(limit)} limit"
        )
    return message


def decode(message: bytes, *, resolve: Callable[[Handle], Any] | None = None) -> Any:
    """Decode a message into built-in values, numpy arrays and tensors.

    `resolve` maps a handle to the object it stands for (in the worker); without it a
    handle decodes as itself.
    """
    try:
        json_length, count = _HEADER.unpack_from(message, 0)
        offset = _HEADER.size
        if offset + json_length > len(message):
            raise WireError("the document runs past the end of the message")
        document = json.loads(message[offset : offset + json_length])
        offset += json_length
        buffers: list[memoryview] = []
        view = memoryview(message)
        for _ in range(count):
            (length,) = _BUFFER.unpack_from(message, offset)
            offset += _BUFFER.size
            if offset + length > len(message):
                raise WireError("a buffer runs past the end of the message")
            buffers.append(view[offset : offset + length])
            offset += length
        return _from_tree(document, buffers, resolve, depth=0)
    except (struct.error, ValueError, KeyError, TypeError, IndexError) as error:
        raise WireError(f"malformed message: {error}") from error
    except RecursionError as error:
        raise WireError("malformed message: nested too deeply") from error


def _to_tree(
    value: Any,
    buffers: list[bytes],
    budget: list[int],
    keep: Callable[[Any], Handle] | None,
    *,
    depth: int,
) -> Any:
    if depth > _MAX_DEPTH:
        raise WireError(f"the value is nested deeper than {_MAX_DEPTH} levels")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        _spend(budget, len(value) if kind is str else 1)
        return value
    if kind is int:
        if abs(value) < 2**63:
            return value
        try:
            return {"t": "bigint", "v": str(value)}
        except ValueError as error:  # more digits than Python will print
            raise WireError("an integer is too large to send") from error
    if kind is float:
        return value if math.isfinite(value) else {"t": "float", "v": repr(value)}
    if kind is complex:
        return {"t": "complex", "v": [value.real, value.imag]}
    if kind is Handle:
        return {"t": "handle", "id": value.handle_id, "type": value.type_name}
    if kind in (list, tuple, dict) or isinstance(value, list | tuple | dict):
        return _container(value, buffers, budget, keep, depth=depth)
    if isinstance(value, np.generic):
        return _numpy_scalar(value)
    if isinstance(value, np.ndarray):
        return _array("ndarray", np.asarray(value), buffers, budget)
    if _is_torch(value, "Tensor"):
        return _tensor(value, buffers, budget)
    if _is_torch(value, "Size"):
        return {"t": "tuple", "v": [int(n) for n in value]}
    if kind is bytes:
        _spend(budget, len(value))
        buffers.append(value)
        return {"t": "bytes", "b": len(buffers) - 1}
    if keep is None:
        raise WireError(f"a value of type {kind.__name__} cannot be sent")
    return _to_tree(keep(value), buffers, budget, keep, depth=depth)


def _container(
    value: Any,
    buffers: list[bytes],
    budget: list[int],
    keep: Callable[[Any], Handle] | None,
    *,
    depth: int,
) -> Any:
    _spend(budget, 8)
    if isinstance(value, dict):
        pairs = [
            [
                _to_tree(k, buffers, budget, keep, depth=depth + 1),
                _to_tree(v, buffers, budget, keep, depth=depth + 1),
            ]
            for k, v in dict.items(value)
        ]
        return {"t": "dict", "v": pairs}
    items = [_to_tree(item, buffers, budget, keep, depth=depth + 1) for item in value]
    if isinstance(value, tuple):
        return {"t": "tuple", "v": items}
    return items


def _numpy_scalar(value: np.generic) -> Any:
    array = np.asarray(value)
    if array.dtype.kind not in _NUMPY_KINDS:
        raise WireError(f"a numpy scalar of dtype {array.dtype} cannot be sent")
    return {"t": "npscalar", "dtype": array.dtype.str, "v": array.tobytes().hex()}


def _array(
    tag: str,
    array: np.ndarray,
    buffers: list[bytes],
    budget: list[int],
    *,
    counted: bool = False,
) -> Any:
    convert = array.dtype.kind not in _NUMPY_KINDS
    if not counted:
        _spend(budget, array.size * (8 if convert else array.dtype.itemsize))
    if convert:
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise WireError(
                f"an array of dtype {array.dtype} cannot be sent"
            ) from error
    buffers.append(np.ascontiguousarray(array).tobytes())
    return {
        "t": tag,
        "dtype": array.dtype.str,
        "shape": list(array.shape),
        "b": len(buffers) - 1,
    }


def _tensor(value: Any, buffers: list[bytes], budget: list[int]) -> Any:
    tensor = value.detach()
    device = str(tensor.device)
    dtype = str(tensor.dtype).removeprefix("torch.")
    converted = dtype not in _TENSOR_DTYPES  # bfloat16 and friends travel as float32
    _spend(budget, tensor.numel() * (4 if converted else tensor.element_size()))
    if converted:
        tensor, dtype = tensor.float(), "float32"
    array = tensor.cpu().contiguous().numpy()
    node = _array("tensor", array, buffers, budget, counted=True)
    node.update(
        torch_dtype=dtype, device=device, requires_grad=bool(value.requires_grad)
    )
    return node


def _from_tree(
    node: Any,
    buffers: list[memoryview],
    resolve: Callable[[Handle], Any] | None,
    *,
    depth: int,
) -> Any:
    if depth > _MAX_DEPTH + 1:
        raise WireError("the message is nested too deeply")
    if node is None or type(node) in (bool, int, float, str):
        return node
    if type(node) is list:
        return [_from_tree(item, buffers, resolve, depth=depth + 1) for item in node]
    if type(node) is not dict:
        raise WireError(f"unexpected node {type(node).__name__}")
    tag = node["t"]
    if tag == "tuple":
        return tuple(
            _from_tree(item, buffers, resolve, depth=depth + 1) for item in node["v"]
        )
    if tag == "dict":
        return {
            _from_tree(k, buffers, resolve, depth=depth + 1): _from_tree(
                v, buffers, resolve, depth=depth + 1
            )
            for k, v in node["v"]
        }
    return _leaf(tag, node, buffers, resolve)


def _leaf(
    tag: str,
    node: dict[str, Any],
    buffers: list[memoryview],
    resolve: Callable[[Handle], Any] | None,
) -> Any:
    if tag == "float":
        return float(node["v"])
    if tag == "bigint":
        return int(node["v"])
    if tag == "complex":
        return complex(float(node["v"][0]), float(node["v"][1]))
    if tag == "bytes":
        return bytes(buffers[node["b"]])
    if tag == "npscalar":
        dtype = _numeric_dtype(node["dtype"])
        return np.frombuffer(bytes.fromhex(node["v"]), dtype=dtype)[0]
    if tag == "ndarray":
        return _array_from(node, buffers)
    if tag == "tensor":
        return _tensor_from(node, buffers)
    if tag == "handle":
        handle = Handle(int(node["id"]), str(node["type"])[:200])
        return resolve(handle) if resolve is not None else handle
    raise WireError(f"unknown tag {tag!r}")


def _array_from(node: dict[str, Any], buffers: list[memoryview]) -> np.ndarray:
    dtype = _numeric_dtype(node["dtype"])
    shape = tuple(int(n) for n in node["shape"])
    data = buffers[node["b"]]
    if any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(data):
        raise WireError(
            f"an array of shape {shape} does not match its {len(data)} bytes"
        )
    return np.frombuffer(data, dtype=dtype).reshape(shape).copy()


def _tensor_from(node: dict[str, Any], buffers: list[memoryview]) -> Any:
    import torch

    array = _array_from(node, buffers)
    if node.get("torch_dtype") not in _TENSOR_DTYPES:
        raise WireError(f"unknown tensor dtype {node.get('torch_dtype')!r}")
    return torch.from_numpy(array)


def _numeric_dtype(text: Any) -> np.dtype[Any]:
    dtype = np.dtype(str(text))
    if dtype.kind not in _NUMPY_KINDS or dtype.hasobject:
        raise WireError(f"dtype {dtype} is not numeric")
    return dtype


def _is_torch(value: Any, name: str) -> bool:
    kind = type(value)
    return any(
        klass.__module__ == "torch" and klass.__name__ == name for klass in kind.__mro__
    )


def _spend(budget: list[int], amount: int) -> None:
    # budget is [bytes left, the limit]: checked as the value is walked, so a 2 GB
    # array is refused before any of it is copied.
    budget[0] -= amount
    if budget[0] < 0:
        raise WireError(f"the value is over the {_size(budget[1])} limit")


def _size(count: int) -> str:
    if count >= 1 << 20:
        return f"{count / (1 << 20):.1f} MB"
    if count >= 1 << 10:
        return f"{count / (1 << 10):.1f} kB"
    return f"{count} bytes"
