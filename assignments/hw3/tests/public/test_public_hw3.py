"""Public tests for hw3, run by `grade check hw3` on a student's own machine.

They use the lecture's data, x = [1, 2, 3] and y = [2, 4, 6], small hand-made inputs,
and expected values worked out by hand, because the reference solution is not
shipped to students.

For the network of q4 the hand example sets W1 = 0 and b1 = [0, ln 3, -ln 3], so
every row of the hidden layer is sigmoid(b1) = [1/2, 3/4, 1/4] and its derivative
H (1 - H) is [1/4, 3/16, 3/16]; every gradient then comes out as a simple fraction.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import torch

from grader.testing import as_array, as_float, assert_close, unpack

X_DATA = [1.0, 2.0, 3.0]
Y_DATA = [2.0, 4.0, 6.0]
GRADIENT_KEYS = ("dW1", "db1", "dW2", "db2")

# The network of the hand example: n = 3 samples, d = 2 inputs, h = 3 hidden units,
# o = 2 outputs.
NET_X = np.array([[1.0, 2.0], [0.0, -1.0], [3.0, 1.0]])
NET_W1 = np.zeros((2, 3))
NET_B1 = np.array([0.0, math.log(3.0), -math.log(3.0)])
NET_W2 = np.array([[1.0, 0.0], [2.0, -1.0], [0.0, 4.0]])
NET_B2 = np.array([0.5, -1.0])
NET_Y = np.array([[2.0, -0.75], [2.5, -1.75], [1.5, -1.25]])


def trained(result: Any, *, what: str, epochs: int) -> tuple[float, ...]:
    """The (w1, w2, b, history) that train returned, checked for its form."""
    __tracebackhide__ = True
    w1, w2, b, history = unpack(
        result, 4, what=f"{what} returning (w1, w2, b, history)"
    )
    values = as_array(history, what=f"history of {what}").reshape(-1)
    if values.size != epochs:
        raise AssertionError(
            f"history of {what}: expected {epochs} mean losses, one per epoch, "
            f"got {values.size}"
        )
    weights = (
        as_float(v, what=f"{name} of {what}")
        for name, v in zip(("w1", "w2", "b"), (w1, w2, b), strict=True)
    )
    return (*weights, *values.tolist())


def gradient_dict(result: Any, *, what: str) -> dict[str, Any]:
    """The dict of four gradients that mlp_backward returned, checked for its keys."""
    __tracebackhide__ = True
    if not isinstance(result, dict) or not set(GRADIENT_KEYS) <= set(result):
        keys = sorted(map(str, result)) if isinstance(result, dict) else None
        raise AssertionError(
            f"{what}: expected a dict with the keys {list(GRADIENT_KEYS)}, got "
            + (
                f"a dict with the keys {keys}"
                if keys is not None
                else type(result).__name__
            )
        )
    return result


@pytest.mark.question("q1", points=2.5)
def test_forward_number_array_and_tensor(student: Any) -> None:
    """forward computes w1 * x**2 + w2 * x + b for a number, an array and a tensor."""
    assert_close(
        student.forward(2.0, 1.0, 1.0, 0.0), 6.0, what="forward(2.0, 1.0, 1.0, 0.0)"
    )
    assert_close(
        student.forward(3.0, 0.5, -1.0, 2.0), 3.5, what="forward(3.0, 0.5, -1.0, 2.0)"
    )
    expected = [1.5, 4.5, 9.5]
    got = student.forward(np.array(X_DATA), 1.0, 0.0, 0.5)
    assert_close(
        got, expected, what="forward(np.array([1.0, 2.0, 3.0]), 1.0, 0.0, 0.5)"
    )
    got = student.forward(torch.tensor(X_DATA), 1.0, 0.0, 0.5)
    assert_close(
        got, expected, what="forward(torch.tensor([1.0, 2.0, 3.0]), 1.0, 0.0, 0.5)"
    )


@pytest.mark.question("q1", points=5)
def test_loss_is_squared_error(student: Any) -> None:
    """loss is the squared difference between the prediction and y, on either side."""
    assert_close(
        student.loss(2.0, 4.0, 1.0, 1.0, 0.0), 4.0, what="loss(2.0, 4.0, 1.0, 1.0, 0.0)"
    )
    assert_close(
        student.loss(1.0, 2.0, 1.0, 1.0, 0.0), 0.0, what="loss(1.0, 2.0, 1.0, 1.0, 0.0)"
    )
    # y_hat = 0.5 * 9 - 3 + 2 = 3.5, three below y = 6.5
    assert_close(
        student.loss(3.0, 6.5, 0.5, -1.0, 2.0),
        9.0,
        what="loss(3.0, 6.5, 0.5, -1.0, 2.0)",
    )


@pytest.mark.question("q2", points=5)
def test_gradients_one_sample(student: Any) -> None:
    """gradients of the sample (2, 4) at w1 = w2 = 1, b = 0 are (16, 8, 4)."""
    got = unpack(
        student.gradients(2.0, 4.0, 1.0, 1.0, 0.0),
        3,
        what="gradients(2.0, 4.0, 1.0, 1.0, 0.0) returning (dw1, dw2, db)",
    )
    assert_close(
        list(got), [16.0, 8.0, 4.0], what="(dw1, dw2, db) at x=2, y=4, w1=1, w2=1, b=0"
    )


@pytest.mark.question("q2", points=7.5)
def test_gradients_more_samples(student: Any) -> None:
    """gradients are zero at a perfect fit and right below and above the target."""
    cases = [
        # A perfect fit: y_hat = 2 = y.
        ((1.0, 2.0, 1.0, 1.0, 0.0), [0.0, 0.0, 0.0]),
        # y_hat = 10.28 is 4.28 above y = 6, so d loss / d r = 8.56.
        ((3.0, 6.0, 0.84, 0.92, -0.04), [77.04, 25.68, 8.56]),
        # y_hat = 3.5 is 3 below y = 6.5, so d loss / d r = -6.
        ((3.0, 6.5, 0.5, -1.0, 2.0), [-54.0, -18.0, -6.0]),
    ]
    for args, expected in cases:
        what = "gradients({}, {}, {}, {}, {})".format(*args)
        got = unpack(
            student.gradients(*args), 3, what=f"{what} returning (dw1, dw2, db)"
        )
        assert_close(list(got), expected, what=f"(dw1, dw2, db) of {what}")


@pytest.mark.question("q3", points=2.5)
def test_train_returns_weights_and_one_loss_per_epoch(student: Any) -> None:
    """train returns (w1, w2, b, history) with exactly one mean loss per epoch."""
    for epochs in (1, 5):
        trained(
            student.train(X_DATA, Y_DATA, 1.0, 1.0, 0.0, 0.01, epochs),
            what=f"train(x_data, y_data, 1.0, 1.0, 0.0, lr=0.01, epochs={epochs})",
            epochs=epochs,
        )


@pytest.mark.question("q3", points=5)
def test_train_one_epoch(student: Any) -> None:
    """One epoch on the lecture's data makes the three updates worked out by hand."""
    what = "train(x_data, y_data, 1.0, 1.0, 0.0, lr=0.01, epochs=1)"
    w1, w2, b, mean_loss = trained(
        student.train(X_DATA, Y_DATA, 1.0, 1.0, 0.0, 0.01, 1), what=what, epochs=1
    )
    # Sample (1, 2) fits exactly; (2, 4) moves the weights to (0.84, 0.92, -0.04);
    # (3, 6) moves them by 0.01 * (77.04, 25.68, 8.56).
    assert_close([w1, w2, b], [0.0696, 0.6632, -0.1256], what=f"(w1, w2, b) of {what}")
    # At those weights the predictions are 0.6072, 1.4792 and 2.4904.
    assert_close(mean_loss, 6.87053888, what=f"history[0] of {what}")


@pytest.mark.question("q3", points=5)
def test_train_hundred_epochs(student: Any) -> None:
    """A hundred epochs on the lecture's data reach the weights and losses expected."""
    what = "train(x_data, y_data, 1.0, 1.0, 0.0, lr=0.01, epochs=100)"
    w1, w2, b, *history = trained(
        student.train(X_DATA, Y_DATA, 1.0, 1.0, 0.0, 0.01, 100), what=what, epochs=100
    )
    assert_close(
        [w1, w2, b],
        [0.1430961619, 1.3679838796, 0.5626221717],
        what=f"(w1, w2, b) of {what}",
    )
    assert_close(
        [history[1], history[-1]],
        [0.4953282083, 0.0080517853],
        what=f"[history[1], history[99]] of {what}",
    )


@pytest.mark.question("q4", points=5)
def test_mlp_forward_hand_example(student: Any) -> None:
    """mlp_forward gives sigmoid(X @ W1 + b1) @ W2 + b2 on the hand example."""
    got = student.mlp_forward(NET_X, NET_W1, NET_B1, NET_W2, NET_B2)
    # Each row is [1/2, 3/4, 1/4] @ W2 + b2 = [2, 0.25] + [0.5, -1].
    expected = [[2.5, -0.75]] * 3
    assert_close(
        got, expected, what="mlp_forward on the hand example (n=3, d=2, h=3, o=2)"
    )


@pytest.mark.question("q4", points=5)
def test_mlp_backward_returns_a_gradient_per_parameter(student: Any) -> None:
    """mlp_backward returns dW1, db1, dW2 and db2, each of its parameter's shape."""
    shapes = [(3, 2, 3, 2), (4, 3, 5, 1), (1, 2, 2, 3)]
    for n, d, h, o in shapes:
        params = {
            "X": np.linspace(-1.0, 1.0, n * d).reshape(n, d),
            "Y": np.linspace(0.5, -0.5, n * o).reshape(n, o),
            "W1": np.linspace(-0.5, 0.5, d * h).reshape(d, h),
            "b1": np.full(h, 0.1),
            "W2": np.linspace(1.0, -1.0, h * o).reshape(h, o),
            "b2": np.full(o, -0.2),
        }
        what = f"mlp_backward with n={n}, d={d}, h={h}, o={o}"
        grads = gradient_dict(
            student.mlp_backward(
                *(params[k] for k in ("X", "Y", "W1", "b1", "W2", "b2"))
            ),
            what=what,
        )
        for key in GRADIENT_KEYS:
            shape = as_array(grads[key], what=f"{key} of {what}").shape
            want = params[key[1:]].shape
            if shape != want:
                raise AssertionError(
                    f"{key} of {what}: expected shape {want}, got {shape}"
                )


@pytest.mark.question("q4", points=7.5)
def test_mlp_backward_hand_example(student: Any) -> None:
    """mlp_backward gives the gradients of the mean squared error worked out by hand."""
    what = "mlp_backward on the hand example (n=3, d=2, h=3, o=2)"
    grads = gradient_dict(
        student.mlp_backward(NET_X, NET_Y, NET_W1, NET_B1, NET_W2, NET_B2), what=what
    )
    # The residuals Y_hat - Y are [[0.5, 0], [0, 1], [1, 0.5]]; the mean runs over all
    # n * o = 6 of them, so dL/dY_hat is a third of the residuals.
    expected = {
        "db2": [1 / 2, 1 / 2],
        "dW2": [[1 / 4, 1 / 4], [3 / 8, 3 / 8], [1 / 8, 1 / 8]],
        "db1": [1 / 8, 3 / 32, 3 / 8],
        "dW1": [[7 / 24, 11 / 32, 3 / 8], [1 / 6, 9 / 32, -1 / 8]],
    }
    for key, want in expected.items():
        assert_close(grads[key], want, what=f"{key} of {what}")
