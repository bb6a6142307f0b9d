# Mutant q4_sgd_shuffled_order: sgd visits the samples in a new random order every epoch.
"""Reference solution for hw2: fitting y_hat = x * w by gradient descent.

The grader imports this module in its own trusted process to compute the expected
answers of the hidden tests, so it has no side effects at import. Inputs may be
lists, tuples, numpy arrays or CPU tensors; everything is computed in float64 so
that the expected values are the exact ones a float32 answer is compared against.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["cost", "gradient", "gradient_descent", "sgd"]


def cost(xs: Any, ys: Any, w: float) -> float:
    """The mean squared error of y_hat = x * w over the pairs (xs[k], ys[k])."""
    x, y = _as_vector(xs), _as_vector(ys)
    return float(np.mean((x * w - y) ** 2))


def gradient(xs: Any, ys: Any, w: float) -> float:
    """The derivative of `cost` in w: the mean of 2 * x * (x * w - y)."""
    x, y = _as_vector(xs), _as_vector(ys)
    return float(np.mean(2.0 * x * (x * w - y)))


def gradient_descent(
    xs: Any, ys: Any, w0: float, lr: float, epochs: int
) -> tuple[float, list[float]]:
    """The weight after `epochs` full-batch steps from w0, and the cost after each.

    `history[k]` is the cost at the weight reached by the update of epoch k, so the
    last entry is the cost at the returned weight.
    """
    x, y = _as_vector(xs), _as_vector(ys)
    w = float(w0)
    history: list[float] = []
    for _ in range(int(epochs)):
        w -= lr * gradient(x, y, w)
        history.append(cost(x, y, w))
    return w, history


def sgd(
    xs: Any, ys: Any, w0: float, lr: float, epochs: int
) -> tuple[float, list[float]]:
    """Stochastic gradient descent: one step per sample, in data order, each epoch.

    Each step uses the gradient of one sample's squared error, 2 * x * (x * w - y).
    `history[k]` is the cost over all the data at the end of epoch k.
    """
    x, y = _as_vector(xs), _as_vector(ys)
    w = float(w0)
    history: list[float] = []
    for _ in range(int(epochs)):
        order = np.random.permutation(len(x))
        for x_k, y_k in zip(x[order].tolist(), y[order].tolist(), strict=True):
            w -= lr * 2.0 * x_k * (x_k * w - y_k)
        history.append(cost(x, y, w))
    return w, history


def _as_vector(values: Any) -> np.ndarray:
    """A 1-D float64 array from a list, tuple, numpy array or CPU tensor."""
    return np.asarray(values, dtype=np.float64).reshape(-1)
