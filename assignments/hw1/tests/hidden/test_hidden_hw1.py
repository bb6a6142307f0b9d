"""Hidden tests for hw1: the student's answers against the reference solution's.

Random data comes from the `rng` fixture, seeded by the test's id, so every run sees
the same numbers. For the searches the noise is made orthogonal to the model's inputs,
which puts the least-squares fit exactly on a grid point: that point then beats its
neighbours by a wide margin, and a float32 solution cannot pick another by rounding.
Inputs arrive in every kind the contract allows, and the grids do not start at 0 and
do not step by 1, so an index returned in place of a grid value is caught.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch

from grader.testing import as_float, assert_close, grid, unpack

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

KINDS = ("a list", "a tuple", "a float64 array", "a float32 array", "a float32 tensor")


def as_kind(values: np.ndarray, kind: str) -> Any:
    """The values as one of the input kinds the contract allows."""
    if kind == "a list":
        return values.tolist()
    if kind == "a tuple":
        return tuple(values.tolist())
    if kind == "a float64 array":
        return values.astype(np.float64)
    if kind == "a float32 array":
        return values.astype(np.float32)
    if kind == "a float32 tensor":
        return torch.tensor(values, dtype=torch.float32)
    raise ValueError(f"unknown input kind {kind!r}")


def line_data(
    rng: np.random.Generator, *, size: int, w: float, b: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Noisy samples of y = x * w (+ b) whose least-squares fit is exactly w (and b)."""
    xs = rng.uniform(-3.0, 3.0, size)
    columns = [xs] if b is None else [xs, np.ones(size)]
    basis = np.column_stack(columns)
    noise = rng.normal(0.0, 0.5, size)
    noise -= basis @ np.linalg.lstsq(basis, noise, rcond=None)[0]
    offset = 0.0 if b is None else b
    return xs, xs * w + offset + noise


def interior_choice(rng: np.random.Generator, values: Sequence[float]) -> float:
    """A grid value at least two steps away from either end of the grid."""
    return values[int(rng.integers(2, len(values) - 2))]


@pytest.mark.question("q1", points=5)
def test_forward_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """forward gives the right values for a number, random arrays and a tensor."""
    x = rng.uniform(-5.0, 5.0, 7)
    w = rng.uniform(-3.0, 3.0)
    number = float(x[0])
    expected = reference.forward(number, w)
    assert_close(student.forward(number, w), expected, what="forward(x, w) on a number")
    for kind in ("a float64 array", "a float32 array", "a float32 tensor"):
        values = as_kind(x, kind)
        expected = reference.forward(values, w)
        got = student.forward(values, w)
        assert_close(got, expected, what=f"forward(x, w) on {kind}")


@pytest.mark.question("q2", points=5)
def test_loss_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """loss gives the squared error of one sample for random numbers."""
    for x, y, w in rng.uniform(-4.0, 4.0, (3, 3)).tolist():
        expected = reference.loss(x, y, w)
        assert_close(student.loss(x, y, w), expected, what="loss(x, y, w)")


@pytest.mark.question("q2", points=5)
def test_mse_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """mse is right for lists, tuples, float32 and float64 arrays, and tensors."""
    xs, ys = rng.uniform(-4.0, 4.0, (2, 8))
    w = rng.uniform(-2.0, 2.0)
    for kind in KINDS:
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.mse(x_values, y_values, w)
        got = student.mse(x_values, y_values, w)
        assert_close(got, expected, what=f"mse(xs, ys, w) on {kind}")


@pytest.mark.question("q2", points=5)
def test_mse_matches_reference_for_any_length(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """mse is right for data of any length, a single sample included."""
    for size in (1, 2, 5, 16):
        xs, ys = rng.uniform(-4.0, 4.0, (2, size)).tolist()
        w = rng.uniform(-2.0, 2.0)
        expected = reference.mse(xs, ys, w)
        got = student.mse(xs, ys, w)
        assert_close(got, expected, what=f"mse(xs, ys, w) for len(xs) = {size}")


@pytest.mark.question("q3", points=5)
def test_exhaustive_search_best_w_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """exhaustive_search returns the best value from the given grid on random data."""
    w_grid = grid(-1.0, 3.0, 0.25)
    for kind in ("a list", "a float32 array", "a float32 tensor"):
        xs, ys = line_data(rng, size=10, w=interior_choice(rng, w_grid))
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected, _ = reference.exhaustive_search(x_values, y_values, w_grid)
        best_w, _ = unpack(
            student.exhaustive_search(x_values, y_values, w_grid),
            2,
            what="exhaustive_search(xs, ys, w_grid) returning (best_w, costs)",
        )
        assert_close(
            as_float(best_w, what="best_w"), expected, what=f"best_w on {kind}"
        )


@pytest.mark.question("q3", points=5)
def test_exhaustive_search_costs_match_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """exhaustive_search returns the MSE at every grid value on random data."""
    w_grid = grid(0.5, 3.5, 0.1)
    xs, ys = line_data(rng, size=12, w=interior_choice(rng, w_grid))
    for kind in ("a tuple", "a float32 tensor"):
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        _, expected = reference.exhaustive_search(x_values, y_values, w_grid)
        _, costs = unpack(
            student.exhaustive_search(x_values, y_values, w_grid),
            2,
            what="exhaustive_search(xs, ys, w_grid) returning (best_w, costs)",
        )
        assert_close(costs, expected, what=f"costs on {kind}")


@pytest.mark.question("q3", points=5)
def test_exhaustive_search_tie_goes_to_first(
    student: Any, reference: ModuleType
) -> None:
    """When several grid values share the least MSE, the first one in the grid wins."""
    cases = [
        # The cost is symmetric about w = 3, so 2.5 and 3.5 tie exactly.
        ([1.0, 2.0, 3.0, 4.0], [3.0, 6.0, 9.0, 12.0], [2.0, 2.5, 3.5, 4.0]),
        # With every x = 0 the cost does not depend on w: all grid values tie.
        ([0.0, 0.0, 0.0], [1.0, -1.0, 2.0], [0.5, 1.0, 1.5]),
    ]
    for xs, ys, w_grid in cases:
        expected, _ = reference.exhaustive_search(xs, ys, w_grid)
        best_w, _ = unpack(
            student.exhaustive_search(xs, ys, w_grid),
            2,
            what="exhaustive_search(xs, ys, w_grid) returning (best_w, costs)",
        )
        assert_close(as_float(best_w, what="best_w"), expected, what="best_w on a tie")


@pytest.mark.question("q4", points=5)
def test_exhaustive_search_affine_best_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """exhaustive_search_affine returns the best (w, b) of the grids on random data."""
    w_grid, b_grid = grid(-1.0, 3.0, 0.25), grid(-2.0, 2.0, 0.5)
    for kind in ("a list", "a float32 array", "a float32 tensor"):
        w, b = interior_choice(rng, w_grid), interior_choice(rng, b_grid)
        xs, ys = line_data(rng, size=10, w=w, b=b)
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        want_w, want_b, _ = reference.exhaustive_search_affine(
            x_values, y_values, w_grid, b_grid
        )
        best_w, best_b, _ = unpack(
            student.exhaustive_search_affine(x_values, y_values, w_grid, b_grid),
            3,
            what="exhaustive_search_affine(...) returning (best_w, best_b, costs)",
        )
        assert_close(as_float(best_w, what="best_w"), want_w, what=f"best_w on {kind}")
        assert_close(as_float(best_b, what="best_b"), want_b, what=f"best_b on {kind}")


@pytest.mark.question("q4", points=5)
def test_exhaustive_search_affine_costs_match_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """The affine cost table has a row per w and a column per b, on random data."""
    w_grid, b_grid = grid(0.5, 2.5, 0.25), grid(-1.0, 1.5, 0.5)
    xs, ys = line_data(rng, size=12, w=1.5, b=0.0)
    for kind in ("a tuple", "a float32 tensor"):
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        *_, expected = reference.exhaustive_search_affine(
            x_values, y_values, w_grid, b_grid
        )
        *_, costs = unpack(
            student.exhaustive_search_affine(x_values, y_values, w_grid, b_grid),
            3,
            what="exhaustive_search_affine(...) returning (best_w, best_b, costs)",
        )
        assert_close(costs, expected, what=f"the cost table on {kind}")


@pytest.mark.question("q4", points=5)
def test_exhaustive_search_affine_tie_goes_to_first_in_row_major_order(
    student: Any, reference: ModuleType
) -> None:
    """On a tie, the first (w, b) in row-major order wins: w outer, b inner."""
    # The cost is symmetric under (w - 2, b) -> (2 - w, -b): (1.5, 1.0) and
    # (2.5, -1.0) tie exactly, and scanning b first would meet (2.5, -1.0) first.
    xs, ys = [1.0, 2.0, 3.0], [2.0, 4.0, 6.0]
    w_grid, b_grid = [1.5, 2.5], [-1.0, 0.0, 1.0]
    want_w, want_b, _ = reference.exhaustive_search_affine(xs, ys, w_grid, b_grid)
    best_w, best_b, _ = unpack(
        student.exhaustive_search_affine(xs, ys, w_grid, b_grid),
        3,
        what="exhaustive_search_affine(...) returning (best_w, best_b, costs)",
    )
    assert_close(as_float(best_w, what="best_w"), want_w, what="best_w on a tie")
    assert_close(as_float(best_b, what="best_b"), want_b, what="best_b on a tie")
