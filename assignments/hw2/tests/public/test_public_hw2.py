"""Public tests for hw2, run by `grade check hw2` on a student's own machine.

They use only the lecture's data, x = [1, 2, 3] and y = [2, 4, 6], with the lecture's
start w0 = 1.0 and learning rate lr = 0.01, and expected values worked out by hand,
because the reference solution is not shipped to students. On this data y = 2 * x,
so every residual x * w - y is (w - 2) * x, and with mean(x**2) = 14/3:

    cost(w)     = 14/3 * (w - 2)**2
    gradient(w) = 28/3 * (w - 2)

A full-batch step multiplies the distance w - 2 by 1 - lr * 28/3, and an epoch of
single-sample steps multiplies it by (1 - 2 lr) (1 - 8 lr) (1 - 18 lr), one factor
1 - 2 lr x**2 per sample.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from grader.testing import as_array, as_float, assert_close, unpack

X_DATA = [1.0, 2.0, 3.0]
Y_DATA = [2.0, 4.0, 6.0]
W0 = 1.0
LR = 0.01


def lecture_cost(w: float) -> float:
    """The cost of y_hat = x * w on the lecture's data, from the closed form."""
    return 14 / 3 * (w - 2) ** 2


def lecture_gradient(w: float) -> float:
    """The derivative of the cost on the lecture's data, from the closed form."""
    return 28 / 3 * (w - 2)


def lecture_weights(factor: float, epochs: int) -> list[float]:
    """The weights after epochs 1..epochs when each epoch multiplies w - 2 by factor."""
    return [2 + (W0 - 2) * factor**k for k in range(1, epochs + 1)]


GD_FACTOR = 1 - LR * 28 / 3
SGD_FACTOR = (1 - 2 * LR) * (1 - 8 * LR) * (1 - 18 * LR)


def run_parts(result: Any, *, what: str, epochs: int) -> tuple[float, np.ndarray]:
    """The (w, history) pair a training function returned, checked for its form."""
    __tracebackhide__ = True
    w, history = unpack(result, 2, what=f"{what} returning (w, history)")
    values = as_array(history, what=f"history of {what}").reshape(-1)
    if values.size != epochs:
        raise AssertionError(
            f"history of {what}: expected {epochs} costs, one per epoch, "
            f"got {values.size}"
        )
    return as_float(w, what=f"w returned by {what}"), values


@pytest.mark.question("q1", points=2.5)
def test_cost_lecture_data(student: Any) -> None:
    """cost on the lecture's data at w = 1.0 is 14/3, the mean of 1, 4 and 9."""
    got = student.cost(X_DATA, Y_DATA, 1.0)
    assert_close(got, 14 / 3, what="cost(x_data, y_data, w=1.0)")


@pytest.mark.question("q1", points=5)
def test_cost_several_weights_and_input_kinds(student: Any) -> None:
    """cost is right at several weights, for lists, numpy arrays and torch tensors."""
    cases = [
        ("lists", X_DATA, Y_DATA, 0.0),
        ("numpy arrays", np.array(X_DATA), np.array(Y_DATA), 2.5),
        ("torch tensors", torch.tensor(X_DATA), torch.tensor(Y_DATA), 4.0),
        ("lists", X_DATA, Y_DATA, 2.0),
    ]
    for kind, xs, ys, w in cases:
        got = student.cost(xs, ys, w)
        assert_close(
            got, lecture_cost(w), what=f"cost(x_data, y_data, w={w}) on {kind}"
        )


@pytest.mark.question("q2", points=5)
def test_gradient_lecture_data(student: Any) -> None:
    """gradient on the lecture's data at w = 1.0 is -28/3, the mean of -2, -8, -18."""
    got = student.gradient(X_DATA, Y_DATA, 1.0)
    assert_close(got, -28 / 3, what="gradient(x_data, y_data, w=1.0)")


@pytest.mark.question("q2", points=7.5)
def test_gradient_several_weights_and_input_kinds(student: Any) -> None:
    """gradient has the right sign and size on both sides of w = 2 and is 0 there."""
    cases = [
        ("lists", X_DATA, Y_DATA, 0.0),
        ("numpy arrays", np.array(X_DATA), np.array(Y_DATA), 3.5),
        ("torch tensors", torch.tensor(X_DATA), torch.tensor(Y_DATA), 2.0),
    ]
    for kind, xs, ys, w in cases:
        got = student.gradient(xs, ys, w)
        assert_close(
            got, lecture_gradient(w), what=f"gradient(x_data, y_data, w={w}) on {kind}"
        )


@pytest.mark.question("q3", points=5)
def test_gradient_descent_returns_w_and_one_cost_per_epoch(student: Any) -> None:
    """gradient_descent returns (w, history) with exactly one cost per epoch."""
    for epochs in (1, 10):
        run_parts(
            student.gradient_descent(X_DATA, Y_DATA, W0, LR, epochs),
            what=f"gradient_descent(x_data, y_data, 1.0, 0.01, epochs={epochs})",
            epochs=epochs,
        )


@pytest.mark.question("q3", points=5)
def test_gradient_descent_final_w(student: Any) -> None:
    """gradient_descent ends at the weight the lecture's updates reach."""
    for epochs in (1, 10):
        what = f"gradient_descent(x_data, y_data, 1.0, 0.01, epochs={epochs})"
        w, _ = run_parts(
            student.gradient_descent(X_DATA, Y_DATA, W0, LR, epochs),
            what=what,
            epochs=epochs,
        )
        expected = lecture_weights(GD_FACTOR, epochs)[-1]
        assert_close(w, expected, what=f"w returned by {what}")


@pytest.mark.question("q3", points=5)
def test_gradient_descent_history_is_cost_after_each_update(student: Any) -> None:
    """history[k] is the cost after the update of epoch k, not before it."""
    what = "gradient_descent(x_data, y_data, 1.0, 0.01, epochs=10)"
    _, history = run_parts(
        student.gradient_descent(X_DATA, Y_DATA, W0, LR, 10), what=what, epochs=10
    )
    # The first entry is 3.8362..., the cost at w = 1.0933...; 4.666... (the cost
    # at w0, which the lecture prints) would be the cost before the update.
    expected = [lecture_cost(w) for w in lecture_weights(GD_FACTOR, 10)]
    assert_close(history, expected, what=f"history of {what}")


@pytest.mark.question("q4", points=5)
def test_sgd_returns_w_and_one_cost_per_epoch(student: Any) -> None:
    """sgd returns (w, history) with exactly one cost per epoch, not one per sample."""
    for epochs in (1, 10):
        run_parts(
            student.sgd(X_DATA, Y_DATA, W0, LR, epochs),
            what=f"sgd(x_data, y_data, 1.0, 0.01, epochs={epochs})",
            epochs=epochs,
        )


@pytest.mark.question("q4", points=5)
def test_sgd_final_w(student: Any) -> None:
    """sgd makes one update per sample: w = 1.260688 after one epoch."""
    for epochs, expected in ((1, 1.260688), (10, lecture_weights(SGD_FACTOR, 10)[-1])):
        what = f"sgd(x_data, y_data, 1.0, 0.01, epochs={epochs})"
        w, _ = run_parts(
            student.sgd(X_DATA, Y_DATA, W0, LR, epochs), what=what, epochs=epochs
        )
        assert_close(w, expected, what=f"w returned by {what}")


@pytest.mark.question("q4", points=5)
def test_sgd_history_is_cost_over_all_data(student: Any) -> None:
    """history[k] is the cost over all the data at the end of epoch k."""
    what = "sgd(x_data, y_data, 1.0, 0.01, epochs=10)"
    _, history = run_parts(
        student.sgd(X_DATA, Y_DATA, W0, LR, 10), what=what, epochs=10
    )
    # history[0] is cost(1.260688) = 2.5507...; the loss of the last sample alone,
    # (3 * 1.260688 - 6)**2 = 4.919..., is not the cost over the data.
    expected = [lecture_cost(w) for w in lecture_weights(SGD_FACTOR, 10)]
    assert_close(history, expected, what=f"history of {what}")
