"""Hidden tests for hw4: the student's model and training against the reference's.

A student's `LinearModel()` lives in the student's worker and starts from random
weights. Each test reads that model's weight and bias (plain tensors), builds the
reference's `LinearModel` in this process with the very same values, and puts both
through the same calls: the same float32 data, epochs and learning rate. Gradient
descent at these rates is a contraction, so rounding differences between two correct
solutions shrink instead of growing, and the losses can be compared epoch by epoch.

Random data comes from the `rng` fixture, seeded by the test's id, so every run sees
the same numbers: points near a line with a random slope and intercept, and learning
rates well inside the range where full-batch descent on such data is stable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch

from grader.remote import RemoteObject
from grader.testing import as_array, as_float, assert_close, describe

if TYPE_CHECKING:
    from types import ModuleType

LECTURE_X = [[1.0], [2.0], [3.0]]
LECTURE_Y = [[2.0], [4.0], [6.0]]
PARAMETERS = {"linear.weight": (1, 1), "linear.bias": (1,)}


def new_model(student: Any) -> RemoteObject:
    """A new `LinearModel()` of the student's, which lives in the student's worker."""
    __tracebackhide__ = True
    model = student.LinearModel()
    if not isinstance(model, RemoteObject):
        raise AssertionError(
            f"LinearModel(): expected a torch.nn.Module, got {describe(model)}"
        )
    return model


def weights_of(model: RemoteObject) -> tuple[float, float]:
    """The weight w and bias b of the model's `linear` layer, as two floats."""
    __tracebackhide__ = True
    layer = model.linear
    if not isinstance(layer, RemoteObject):
        raise AssertionError(
            f"model.linear: expected a torch.nn.Linear layer, got {describe(layer)}"
        )
    w = as_float(layer.weight, what="model.linear.weight")
    b = as_float(layer.bias, what="model.linear.bias")
    return w, b


def twin(reference: ModuleType, w: float, b: float) -> Any:
    """The reference's LinearModel with weight w and bias b."""
    model = reference.LinearModel()
    with torch.no_grad():
        model.linear.weight.fill_(w)
        model.linear.bias.fill_(b)
    return model


def set_weights(model: RemoteObject, w: float, b: float) -> None:
    """Give the student's model the weight w and bias b, through nn.Module's own API."""
    state = {
        "linear.weight": torch.tensor([[w]], dtype=torch.float32),
        "linear.bias": torch.tensor([b], dtype=torch.float32),
    }
    model.load_state_dict(state)


def line_data(rng: np.random.Generator, size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Noisy points near a random line, as float32 tensors of shape (size, 1)."""
    slope, intercept = rng.uniform(-3.0, 3.0), rng.uniform(-2.0, 2.0)
    x = rng.uniform(-2.0, 3.0, (size, 1))
    y = x * slope + intercept + rng.normal(0.0, 0.3, (size, 1))
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


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


def assert_trains_like_reference(
    student: Any,
    reference: ModuleType,
    data: tuple[torch.Tensor, torch.Tensor],
    *,
    epochs: int,
    lr: float,
    what: str,
) -> None:
    """Train a new student model and its reference twin alike, then compare them.

    The losses must agree epoch by epoch, and the weights after the last epoch.
    """
    __tracebackhide__ = True
    model = new_model(student)
    expected_model = twin(reference, *weights_of(model))
    expected = reference.train(expected_model, *data, epochs, lr)
    result = student.train(model, *data, epochs, lr)
    losses = loss_values(result, epochs=epochs, what=what)
    for epoch, (got, want) in enumerate(zip(losses, expected, strict=True), start=1):
        assert_close(got, want, what=f"{what}, the loss of epoch {epoch}")
    w, b = weights_of(model)
    assert_close(w, expected_model.linear.weight, what=f"{what}, the final weight")
    assert_close(b, expected_model.linear.bias, what=f"{what}, the final bias")


@pytest.mark.question("q1", points=5)
def test_linear_model_parameters_are_exactly_the_layers(student: Any) -> None:
    """The model's parameters are exactly the Linear layer's 1x1 weight and its bias."""
    model = new_model(student)
    state = model.state_dict()
    if not isinstance(state, dict):
        raise AssertionError(
            f"model.state_dict(): expected a dict of tensors, got {describe(state)}"
        )
    names = sorted(str(name) for name in state)
    if names != sorted(PARAMETERS):
        raise AssertionError(
            f"model.state_dict(): expected the parameters {sorted(PARAMETERS)}, "
            f"got {names}"
        )
    for name, shape in PARAMETERS.items():
        array = as_array(state[name], what=f"model.state_dict()[{name!r}]")
        if array.shape != shape:
            raise AssertionError(
                f"{name}: expected shape {shape}, got shape {array.shape}"
            )


@pytest.mark.question("q1", points=5)
def test_linear_model_forward_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """model(x) and model.forward(x) give the reference's outputs on a random batch."""
    model = new_model(student)
    expected_model = twin(reference, *weights_of(model))
    x = torch.tensor(rng.uniform(-5.0, 5.0, (9, 1)), dtype=torch.float32)
    with torch.no_grad():
        expected = expected_model(x)
    assert_close(model(x), expected, what="model(x) on a batch of shape (9, 1)")
    got = model.forward(x)
    assert_close(got, expected, what="model.forward(x) on a batch of shape (9, 1)")


@pytest.mark.question("q2", points=5)
def test_train_matches_reference_on_lecture_data(
    student: Any, reference: ModuleType
) -> None:
    """train matches the reference's losses and final weights on the lecture's data."""
    data = torch.tensor(LECTURE_X), torch.tensor(LECTURE_Y)
    what = "train on the lecture's data"
    assert_trains_like_reference(
        student, reference, data, epochs=300, lr=0.01, what=what
    )


@pytest.mark.question("q2", points=5)
def test_train_matches_reference_for_other_rates_and_epochs(
    student: Any, reference: ModuleType
) -> None:
    """train uses the learning rate and the number of epochs it is given, even 1."""
    data = torch.tensor(LECTURE_X), torch.tensor(LECTURE_Y)
    for number, (epochs, lr) in enumerate([(25, 0.001), (60, 0.1), (1, 0.03)], 1):
        what = f"train with other epochs and lr (case {number})"
        assert_trains_like_reference(
            student, reference, data, epochs=epochs, lr=lr, what=what
        )


@pytest.mark.question("q2", points=10)
def test_train_matches_reference_on_random_linear_data(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """train matches the reference epoch by epoch on random points near a line."""
    for number in (1, 2):
        data = line_data(rng, int(rng.integers(6, 30)))
        lr = float(rng.uniform(0.02, 0.08))
        what = f"train on random data (data set {number})"
        assert_trains_like_reference(
            student, reference, data, epochs=120, lr=lr, what=what
        )


@pytest.mark.question("q2", points=5)
def test_train_is_deterministic_and_keeps_no_state(
    student: Any, rng: np.random.Generator
) -> None:
    """train is deterministic and keeps nothing from one call to the next.

    Two models with the same starting weights, trained one after the other, get the
    same losses and end with the same weights.
    """
    data = line_data(rng, 12)
    first, second = new_model(student), new_model(student)
    set_weights(second, *weights_of(first))
    losses = []
    for label, model in (("first", first), ("second", second)):
        result = student.train(model, *data, 50, 0.05)
        what = f"train on the {label} model"
        losses.append(loss_values(result, epochs=50, what=what))
    first_losses, second_losses = losses
    pairs = zip(second_losses, first_losses, strict=True)
    for epoch, (got, want) in enumerate(pairs, start=1):
        assert_close(got, want, what=f"{what}, the loss of epoch {epoch}")
    assert_close(weights_of(second), weights_of(first), what=f"{what}, final weights")


@pytest.mark.question("q3", points=5)
def test_predict_matches_reference_at_random_points(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """predict gives the reference's prediction, a single number, at random inputs."""
    model = new_model(student)
    expected_model = twin(reference, *weights_of(model))
    for x in [0.0, *rng.uniform(-10.0, 10.0, 4).tolist()]:
        expected = reference.predict(expected_model, x)
        got = as_float(student.predict(model, x), what="predict(model, x)")
        assert_close(got, expected, what="predict(model, x) at a random x")


@pytest.mark.question("q3", points=10)
def test_predict_uses_the_weights_the_model_has_now(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """After the model's weights change, predict follows them, bias included."""
    model = new_model(student)
    for w, b in rng.uniform(-4.0, 4.0, (3, 2)).tolist():
        set_weights(model, w, b)
        expected_model = twin(reference, *weights_of(model))
        for x in rng.uniform(-6.0, 6.0, 3).tolist():
            expected = reference.predict(expected_model, x)
            got = as_float(student.predict(model, x), what="predict(model, x)")
            assert_close(got, expected, what="predict(model, x) after new weights")
