"""Public tests for hw1, run by `grade check hw1` on a student's own machine.

They use only the lecture's data, x = [1, 2, 3] and y = [2, 4, 6], and expected values
worked out by hand, because the reference solution is not shipped to students. On this
data the residual x * w + b - y is (w - 2) * x + b, so with mean(x**2) = 14/3 and
mean(x) = 2:

    mse(w)           = 14/3 * (w - 2)**2
    mse_affine(w, b) = 14/3 * (w - 2)**2 + 4 * (w - 2) * b + b**2
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from grader.testing import as_float, assert_close, grid, unpack

X_DATA = [1.0, 2.0, 3.0]
Y_DATA = [2.0, 4.0, 6.0]
W_GRID = grid(0.0, 4.0, 0.1)
B_GRID = grid(-2.0, 2.0, 0.5)


def lecture_mse(w: float) -> float:
    """The MSE of y_hat = x * w on the lecture's data, from the closed form."""
    return 14 / 3 * (w - 2) ** 2


def lecture_mse_affine(w: float, b: float) -> float:
    """The MSE of y_hat = x * w + b on the lecture's data, from the closed form."""
    return 14 / 3 * (w - 2) ** 2 + 4 * (w - 2) * b + b**2


@pytest.mark.question("q1", points=2.5)
def test_forward_number(student: Any) -> None:
    """forward multiplies a single number x by the weight w."""
    assert_close(student.forward(3.0, 2.0), 6.0, what="forward(3.0, w=2.0)")


@pytest.mark.question("q1", points=2.5)
def test_forward_array_and_tensor(student: Any) -> None:
    """forward works elementwise on a numpy array and on a torch tensor."""
    expected = [3.0, 6.0, 9.0]
    got = student.forward(np.array(X_DATA), 3.0)
    assert_close(got, expected, what="forward(np.array([1.0, 2.0, 3.0]), w=3.0)")
    got = student.forward(torch.tensor(X_DATA), 3.0)
    assert_close(got, expected, what="forward(torch.tensor([1.0, 2.0, 3.0]), w=3.0)")


@pytest.mark.question("q2", points=5)
def test_loss_is_squared_error(student: Any) -> None:
    """loss is the squared difference between the prediction and y for one sample."""
    assert_close(student.loss(3.0, 6.0, 1.0), 9.0, what="loss(3.0, 6.0, w=1.0)")
    assert_close(student.loss(2.0, 4.0, 3.0), 4.0, what="loss(2.0, 4.0, w=3.0)")


@pytest.mark.question("q2", points=5)
def test_mse_lecture_data(student: Any) -> None:
    """mse on the lecture's data at w = 1.0 is 14/3, the mean of 1, 4 and 9."""
    got = student.mse(X_DATA, Y_DATA, 1.0)
    assert_close(got, 14 / 3, what="mse(x_data, y_data, w=1.0)")


@pytest.mark.question("q2", points=5)
def test_mse_several_weights_and_input_kinds(student: Any) -> None:
    """mse is right at several weights, for lists, numpy arrays and torch tensors."""
    cases = [
        ("lists", X_DATA, Y_DATA, 0.0),
        ("numpy arrays", np.array(X_DATA), np.array(Y_DATA), 2.5),
        ("torch tensors", torch.tensor(X_DATA), torch.tensor(Y_DATA), 4.0),
    ]
    for kind, xs, ys, w in cases:
        got = student.mse(xs, ys, w)
        assert_close(got, lecture_mse(w), what=f"mse(x_data, y_data, w={w}) on {kind}")
    got = student.mse(X_DATA, Y_DATA, 2.0)
    assert_close(got, 0.0, what="mse(x_data, y_data, w=2.0)")


@pytest.mark.question("q3", points=7.5)
def test_exhaustive_search_best_w(student: Any) -> None:
    """exhaustive_search returns w = 2.0 for the lecture's data and grid 0.0..4.0."""
    best_w, _ = unpack(
        student.exhaustive_search(X_DATA, Y_DATA, W_GRID),
        2,
        what="exhaustive_search(...) returning (best_w, costs)",
    )
    assert_close(as_float(best_w, what="best_w"), 2.0, what="best_w")


@pytest.mark.question("q3", points=7.5)
def test_exhaustive_search_costs(student: Any) -> None:
    """exhaustive_search returns the MSE at every w of the grid, in grid order."""
    _, costs = unpack(
        student.exhaustive_search(X_DATA, Y_DATA, W_GRID),
        2,
        what="exhaustive_search(...) returning (best_w, costs)",
    )
    expected = [lecture_mse(w) for w in W_GRID]
    assert_close(costs, expected, what="costs for the grid 0.0, 0.1, ..., 4.0")


@pytest.mark.question("q4", points=5)
def test_forward_affine(student: Any) -> None:
    """forward_affine computes x * w + b for a number and for a numpy array."""
    assert_close(
        student.forward_affine(3.0, 2.0, 1.0),
        7.0,
        what="forward_affine(3.0, w=2.0, b=1.0)",
    )
    got = student.forward_affine(np.array(X_DATA), 2.0, -0.5)
    assert_close(
        got, [1.5, 3.5, 5.5], what="forward_affine([1.0, 2.0, 3.0], w=2.0, b=-0.5)"
    )


@pytest.mark.question("q4", points=5)
def test_exhaustive_search_affine_best(student: Any) -> None:
    """exhaustive_search_affine finds w = 2.0 and b = 0.0 on the lecture's data."""
    best_w, best_b, _ = unpack(
        student.exhaustive_search_affine(X_DATA, Y_DATA, W_GRID, B_GRID),
        3,
        what="exhaustive_search_affine(...) returning (best_w, best_b, costs)",
    )
    assert_close(as_float(best_w, what="best_w"), 2.0, what="best_w")
    assert_close(as_float(best_b, what="best_b"), 0.0, what="best_b")


@pytest.mark.question("q4", points=5)
def test_exhaustive_search_affine_costs(student: Any) -> None:
    """The affine cost table has one row per w and one column per b, with each MSE."""
    _, _, costs = unpack(
        student.exhaustive_search_affine(X_DATA, Y_DATA, W_GRID, B_GRID),
        3,
        what="exhaustive_search_affine(...) returning (best_w, best_b, costs)",
    )
    expected = [[lecture_mse_affine(w, b) for b in B_GRID] for w in W_GRID]
    assert_close(
        costs,
        expected,
        what=f"costs for {len(W_GRID)} values of w (rows) and {len(B_GRID)} of b",
    )
