"""Public tests for hw4, run by `grade check hw4` on a student's own machine.

They use only the lecture's data, x = [[1], [2], [3]] and y = [[2], [4], [6]], and no
reference solution, which is not shipped to students. A new `LinearModel` starts from
random weights, so the tests read the model's own weight w and bias b first and work
out the expected values from them: the model's output is x * w + b, its MSE is the
mean of (x * w + b - y) ** 2, and one step of gradient descent at rate lr moves

    w  by  -lr * mean(2 * (x * w + b - y) * x)
    b  by  -lr * mean(2 * (x * w + b - y))

which `gradient_descent` below repeats, in float64, epoch after epoch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from grader.remote import RemoteObject
from grader.testing import as_array, as_float, assert_close, describe

X_DATA = [[1.0], [2.0], [3.0]]
Y_DATA = [[2.0], [4.0], [6.0]]


def lecture_data() -> tuple[torch.Tensor, torch.Tensor]:
    """The lecture's data as float32 tensors of shape (3, 1)."""
    return torch.tensor(X_DATA), torch.tensor(Y_DATA)


def new_model(student: Any) -> RemoteObject:
    """A new `LinearModel()` of the student's, which lives in the student's worker."""
    __tracebackhide__ = True
    model = student.LinearModel()
    if not isinstance(model, RemoteObject):
        raise AssertionError(
            f"LinearModel(): expected a torch.nn.Module, got {describe(model)}"
        )
    return model


def parameter(model: RemoteObject, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """`model.linear.<name>` as an array, or a failure if it is missing or misshapen."""
    __tracebackhide__ = True
    what = f"model.linear.{name}"
    layer = model.linear
    if not isinstance(layer, RemoteObject):
        raise AssertionError(
            f"model.linear: expected a torch.nn.Linear layer, got {describe(layer)}"
        )
    value = getattr(layer, name)
    if value is None:
        raise AssertionError(
            f"{what}: expected a tensor of shape {shape}, got None: "
            "create the layer as torch.nn.Linear(1, 1), with its bias"
        )
    array = as_array(value, what=what)
    if array.shape != shape:
        raise AssertionError(f"{what}: expected shape {shape}, got shape {array.shape}")
    return array


def weights_of(model: RemoteObject) -> tuple[float, float]:
    """The model's weight w and bias b, read from its `linear` layer."""
    __tracebackhide__ = True
    weight = parameter(model, "weight", (1, 1))
    bias = parameter(model, "bias", (1,))
    return float(weight[0, 0]), float(bias[0])


def mse(w: float, b: float) -> float:
    """The MSE of y_hat = x * w + b on the lecture's data."""
    x, y = np.array(X_DATA), np.array(Y_DATA)
    return float(np.mean((x * w + b - y) ** 2))


def gradient_descent(
    w: float, b: float, *, epochs: int, lr: float
) -> tuple[list[float], float, float]:
    """The losses and final (w, b) of full-batch descent on the lecture's data."""
    x, y = np.array(X_DATA), np.array(Y_DATA)
    losses = []
    for _ in range(epochs):
        residual = x * w + b - y
        losses.append(float(np.mean(residual**2)))
        w, b = w - lr * np.mean(2 * residual * x), b - lr * np.mean(2 * residual)
    return losses, float(w), float(b)


def loss_values(value: Any, *, epochs: int, what: str) -> np.ndarray:
    """The losses train returned, one number per epoch, or a failure saying why not."""
    __tracebackhide__ = True
    if isinstance(value, list | tuple):
        losses = [as_float(v, what=f"{what}[{i}]") for i, v in enumerate(value)]
    else:
        losses = as_array(value, what=what).reshape(-1).tolist()
    if len(losses) != epochs:
        raise AssertionError(
            f"{what}: expected {epochs} losses, one per epoch, got {len(losses)}"
        )
    return np.array(losses)


def assert_losses_close(got: np.ndarray, expected: list[float], *, what: str) -> None:
    """Fail at the first epoch whose loss differs from the expected one."""
    __tracebackhide__ = True
    for epoch, (have, want) in enumerate(zip(got, expected, strict=True), start=1):
        assert_close(have, want, what=f"{what}, the loss of epoch {epoch}")


@pytest.mark.question("q1", points=5)
def test_linear_model_holds_one_linear_layer(student: Any) -> None:
    """LinearModel() keeps a Linear(1, 1) layer as `linear`: a 1x1 weight and a bias."""
    model = new_model(student)
    parameter(model, "weight", (1, 1))
    parameter(model, "bias", (1,))


@pytest.mark.question("q1", points=5)
def test_linear_model_forward_applies_the_layer(student: Any) -> None:
    """model(x) is x * w + b for a batch of shape (3, 1), with the layer's w and b."""
    model = new_model(student)
    w, b = weights_of(model)
    x, _ = lecture_data()
    expected = np.array(X_DATA) * w + b
    assert_close(model(x), expected, what="model(x_data), of shape (3, 1)")


@pytest.mark.question("q2", points=5)
def test_train_returns_one_loss_per_epoch(student: Any) -> None:
    """train returns a list with one number per epoch, each a finite loss."""
    model = new_model(student)
    x, y = lecture_data()
    what = "train(model, x_data, y_data, epochs=7, lr=0.01)"
    losses = loss_values(student.train(model, x, y, 7, 0.01), epochs=7, what=what)
    if not np.all(np.isfinite(losses)) or np.any(losses < 0):
        raise AssertionError(f"{what}: expected 7 losses >= 0, got {losses.tolist()}")


@pytest.mark.question("q2", points=5)
def test_train_first_loss_is_the_starting_mse(student: Any) -> None:
    """The first loss train returns is the mean squared error of the untrained model."""
    model = new_model(student)
    w, b = weights_of(model)
    x, y = lecture_data()
    what = "train(model, x_data, y_data, epochs=3, lr=0.01)"
    losses = loss_values(student.train(model, x, y, 3, 0.01), epochs=3, what=what)
    assert_close(
        losses[0], mse(w, b), what=f"{what}: the loss of epoch 1, before any step"
    )


@pytest.mark.question("q2", points=10)
def test_train_follows_gradient_descent_on_lecture_data(student: Any) -> None:
    """train takes one gradient descent step on the MSE per epoch, loss by loss.

    The losses and the final weights follow gradient descent from the model's own start.
    """
    model = new_model(student)
    w, b = weights_of(model)
    x, y = lecture_data()
    expected, want_w, want_b = gradient_descent(w, b, epochs=40, lr=0.01)
    what = "train(model, x_data, y_data, epochs=40, lr=0.01)"
    losses = loss_values(student.train(model, x, y, 40, 0.01), epochs=40, what=what)
    assert_losses_close(losses, expected, what=what)
    got_w, got_b = weights_of(model)
    assert_close(got_w, want_w, what="model.linear.weight after training")
    assert_close(got_b, want_b, what="model.linear.bias after training")


@pytest.mark.question("q2", points=5)
def test_train_fits_the_lecture_line(student: Any) -> None:
    """After 400 epochs at lr = 0.05 on the lecture's data, 4 * w + b is about 8.

    The last loss is also below the first and below 0.001.
    """
    model = new_model(student)
    x, y = lecture_data()
    what = "train(model, x_data, y_data, epochs=400, lr=0.05)"
    losses = loss_values(student.train(model, x, y, 400, 0.05), epochs=400, what=what)
    if not losses[-1] < min(losses[0], 1e-3):
        raise AssertionError(
            f"{what}: expected the last loss below the first and below 0.001, got "
            f"{float(losses[0])!r} first and {float(losses[-1])!r} last"
        )
    w, b = weights_of(model)
    assert_close(4 * w + b, 8.0, atol=0.05, what="4 * w + b of the trained model")


@pytest.mark.question("q3", points=5)
def test_predict_untrained_model(student: Any) -> None:
    """predict returns x * w + b of the model it is given, as one number."""
    model = new_model(student)
    w, b = weights_of(model)
    for x in (4.0, -1.5):
        got = as_float(student.predict(model, x), what=f"predict(model, {x})")
        assert_close(got, x * w + b, what=f"predict(model, {x})")


@pytest.mark.question("q3", points=10)
def test_predict_after_training_on_lecture_data(student: Any) -> None:
    """After training, predict(model, 4.0) is the trained model's prediction.

    The model is trained on the lecture's data first, so the prediction is about 8.
    """
    model = new_model(student)
    x, y = lecture_data()
    student.train(model, x, y, 400, 0.05)
    w, b = weights_of(model)
    got = as_float(student.predict(model, 4.0), what="predict(model, 4.0)")
    assert_close(got, 4 * w + b, what="predict(model, 4.0) after training")
