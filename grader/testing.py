"""Helpers for assignment tests: compare a student's answer with the expected one.

Each helper fails with a short "expected X, got Y" message that a student can act on,
and hides its own frames from the traceback. Values arrive from the student's worker
as plain data (numbers, lists, tuples, numpy arrays, tensors), so a helper first turns
them into numpy, then compares with tolerances that float32 passes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["as_array", "as_float", "assert_close", "describe", "grid", "unpack"]

RTOL = 1e-4
ATOL = 1e-5
_PREVIEW_CHARS = 120


def describe(value: Any) -> str:
    """A short, safe description of a value for a failure message."""
    kind = type(value).__name__
    if isinstance(value, np.ndarray) or _is_tensor(value):
        return f"{kind} of shape {tuple(value.shape)}"
    text = repr(value)
    if len(text) > _PREVIEW_CHARS:
        text = text[:_PREVIEW_CHARS] + "..."
    return text if kind in {"float", "int", "bool", "NoneType"} else f"{kind} {text}"


def as_array(value: Any, *, what: str) -> np.ndarray:
    """The value as a float64 numpy array, or a failure naming what was expected."""
    __tracebackhide__ = True
    if _is_tensor(value):
        value = value.detach().cpu().double().numpy()
    if isinstance(value, bool) or value is None or isinstance(value, str | bytes):
        raise AssertionError(f"{what}: expected numbers, got {describe(value)}")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(
            f"{what}: expected numbers, got {describe(value)}"
        ) from None
    return array


def as_float(value: Any, *, what: str) -> float:
    """The value as one float; a float, numpy scalar or 0-d/one-element tensor
    passes."""
    __tracebackhide__ = True
    array = as_array(value, what=what)
    if array.size != 1:
        raise AssertionError(
            f"{what}: expected a single number, got an array of shape {array.shape}"
        )
    return float(array.reshape(()))


def unpack(value: Any, count: int, *, what: str) -> tuple[Any, ...]:
    """Split a returned tuple or list of `count` items, or fail saying what came
    back."""
    __tracebackhide__ = True
    if not isinstance(value, tuple | list) or len(value) != count:
        raise AssertionError(
            f"{what}: expected a tuple of {count} values, got {describe(value)}"
        )
    return tuple(value)


def assert_close(
    got: Any,
    expected: Any,
    *,
    what: str,
    rtol: float = RTOL,
    atol: float = ATOL,
) -> None:
    """Fail unless `got` matches `expected` in shape and, within tolerance, in value."""
    __tracebackhide__ = True
    want = as_array(expected, what=what)
    have = as_array(got, what=what)
    if want.size == 1 and have.size == 1:
        have, want = have.reshape(()), want.reshape(())
    if have.shape != want.shape:
        raise AssertionError(
            f"{what}: expected shape {want.shape}, got shape {have.shape}"
        )
    if not np.allclose(have, want, rtol=rtol, atol=atol, equal_nan=True):
        raise AssertionError(f"{what}: expected {_show(want)}, got {_show(have)}")


def _show(array: np.ndarray) -> str:
    if array.ndim == 0:
        value = float(array)
        return repr(value) if math.isfinite(value) else str(value)
    text = np.array2string(array, precision=6, threshold=12, separator=", ")
    return (
        text if len(text) <= 4 * _PREVIEW_CHARS else text[: 4 * _PREVIEW_CHARS] + "..."
    )


def _is_tensor(value: Any) -> bool:
    return type(value).__module__.startswith("torch") and hasattr(value, "detach")


def grid(start: float, stop: float, step: float) -> Sequence[float]:
    """The lecture's grid of candidate values: start, start+step, ... up to stop."""
    count = round((stop - start) / step) + 1
    return [round(start + i * step, 10) for i in range(count)]
