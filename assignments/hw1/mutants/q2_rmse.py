"""Mutant: mse returns the root of the mean squared error."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "exhaustive_search",
    "exhaustive_search_affine",
    "forward",
    "forward_affine",
    "loss",
    "mse",
]


def forward(x: Any, w: float) -> Any:
    """The prediction y_hat = x * w, elementwise; a number, array or tensor keeps its
    kind, a list or tuple becomes a numpy array."""
    return _as_operand(x) * w


def loss(x: float, y: float, w: float) -> Any:
    """The squared error (y_hat - y) ** 2 of one sample."""
    return (forward(x, w) - y) ** 2


def mse(xs: Any, ys: Any, w: float) -> float:
    """The mean of the squared errors over the pairs (xs[k], ys[k])."""
    x, y = _as_vector(xs), _as_vector(ys)
    return float(np.sqrt(np.mean((x * w - y) ** 2)))


def exhaustive_search(xs: Any, ys: Any, w_grid: Any) -> tuple[float, np.ndarray]:
    """The grid weight with the least MSE, and the MSE at every grid weight.

    Ties go to the first weight in grid order, which is what `np.argmin` returns.
    """
    x, y, w = _as_vector(xs), _as_vector(ys), _as_vector(w_grid)
    costs = np.mean((np.outer(w, x) - y) ** 2, axis=1)
    best = int(np.argmin(costs))
    return float(w[best]), costs


def forward_affine(x: Any, w: float, b: float) -> Any:
    """The prediction y_hat = x * w + b, elementwise."""
    return _as_operand(x) * w + b


def exhaustive_search_affine(
    xs: Any, ys: Any, w_grid: Any, b_grid: Any
) -> tuple[float, float, np.ndarray]:
    """The grid pair (w, b) with the least MSE, and the MSE table.

    `costs[i, j]` is the MSE at `(w_grid[i], b_grid[j])`, so rows follow the weights.
    Ties go to the first pair in row-major order, the order `np.argmin` scans in.
    """
    x, y = _as_vector(xs), _as_vector(ys)
    w, b = _as_vector(w_grid), _as_vector(b_grid)
    residuals = w[:, None, None] * x + b[None, :, None] - y
    costs = np.mean(residuals**2, axis=2)
    row, column = np.unravel_index(np.argmin(costs), costs.shape)
    return float(w[row]), float(b[column]), costs


def _as_operand(x: Any) -> Any:
    """Lists and tuples become arrays so that `*` is elementwise, not repetition."""
    if isinstance(x, list | tuple):
        return np.asarray(x, dtype=np.float64)
    return x


def _as_vector(values: Any) -> np.ndarray:
    """A 1-D float64 array from a list, tuple, numpy array or CPU tensor."""
    return np.asarray(values, dtype=np.float64).reshape(-1)
