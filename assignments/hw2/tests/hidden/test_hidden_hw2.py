"""Hidden tests for hw2: the student's answers against the reference solution's.

Random data comes from the `rng` fixture, seeded by the test's id, so every run sees
the same numbers. The data are noisy samples of a random line through the origin, so
no single weight fits every sample and the order of single-sample updates changes
where SGD ends. Learning rates, starting weights and epoch counts differ from the
lecture's, so values copied from the lecture are caught; every rate keeps
2 * lr * x**2 below 1, so the runs converge and float32 answers stay within the
tolerances.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch

from grader.testing import as_array, as_float, assert_close, unpack

if TYPE_CHECKING:
    from types import ModuleType

KINDS = ("a list", "a tuple", "a float64 array", "a float32 array", "a float32 tensor")
RATES = (0.004, 0.02, 0.035, 0.05)


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


def noisy_line(
    rng: np.random.Generator, *, size: int, noise: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Samples of y = x * w plus noise, for a random w, with x between -3 and 3."""
    xs = rng.uniform(-3.0, 3.0, size)
    w = rng.uniform(-2.0, 2.0)
    return xs, xs * w + rng.normal(0.0, noise, size)


def check_run(
    got: Any, expected: tuple[float, list[float]], *, what: str, epochs: int
) -> None:
    """Fail unless a (w, history) answer matches the expected pair."""
    __tracebackhide__ = True
    w, history = unpack(got, 2, what=f"{what} returning (w, history)")
    values = as_array(history, what=f"history of {what}").reshape(-1)
    if values.size != epochs:
        raise AssertionError(
            f"history of {what}: expected {epochs} costs, one per epoch, "
            f"got {values.size}"
        )
    want_w, want_history = expected
    assert_close(as_float(w, what=f"w of {what}"), want_w, what=f"w of {what}")
    assert_close(values, want_history, what=f"history of {what}")


@pytest.mark.question("q1", points=5)
def test_cost_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """cost is right for lists, tuples, float32 and float64 arrays, and tensors."""
    xs, ys = noisy_line(rng, size=9)
    w = rng.uniform(-3.0, 3.0)
    for kind in KINDS:
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.cost(x_values, y_values, w)
        got = student.cost(x_values, y_values, w)
        assert_close(got, expected, what=f"cost(xs, ys, w) on {kind}")


@pytest.mark.question("q1", points=2.5)
def test_cost_matches_reference_for_any_length(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """cost is right for data of any length, a single sample included."""
    for size in (1, 2, 6, 17):
        xs, ys = (values.tolist() for values in noisy_line(rng, size=size))
        w = rng.uniform(-3.0, 3.0)
        expected = reference.cost(xs, ys, w)
        got = student.cost(xs, ys, w)
        assert_close(got, expected, what=f"cost(xs, ys, w) for len(xs) = {size}")


@pytest.mark.question("q2", points=5)
def test_gradient_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient is right for lists, tuples, float32 and float64 arrays, and tensors."""
    xs, ys = noisy_line(rng, size=9)
    w = rng.uniform(-3.0, 3.0)
    for kind in KINDS:
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.gradient(x_values, y_values, w)
        got = student.gradient(x_values, y_values, w)
        assert_close(got, expected, what=f"gradient(xs, ys, w) on {kind}")


@pytest.mark.question("q2", points=5)
def test_gradient_matches_reference_for_any_length(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient is right for data of any length, on both sides of the best w."""
    for size in (1, 2, 6, 17):
        xs, ys = (values.tolist() for values in noisy_line(rng, size=size))
        for w in (-2.5, 2.5):
            expected = reference.gradient(xs, ys, w)
            got = student.gradient(xs, ys, w)
            assert_close(
                got, expected, what=f"gradient(xs, ys, w) for len(xs) = {size}"
            )


@pytest.mark.question("q2", points=2.5)
def test_gradient_is_the_slope_of_the_cost(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient equals the slope of the cost measured by finite differences."""
    xs, ys = noisy_line(rng, size=12)
    step = 1e-3
    for w in rng.uniform(-3.0, 3.0, 3).tolist():
        # The cost is a parabola in w, so the central difference is its exact slope.
        rise = reference.cost(xs, ys, w + step) - reference.cost(xs, ys, w - step)
        got = student.gradient(xs.tolist(), ys.tolist(), w)
        assert_close(got, rise / (2 * step), what="gradient(xs, ys, w)")


@pytest.mark.question("q3", points=5)
def test_gradient_descent_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient_descent gives the right w and history for every input kind."""
    xs, ys = noisy_line(rng, size=10)
    w0, lr, epochs = rng.uniform(-3.0, 3.0), 0.02, 15
    for kind in ("a list", "a tuple", "a float32 array", "a float32 tensor"):
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.gradient_descent(x_values, y_values, w0, lr, epochs)
        got = student.gradient_descent(x_values, y_values, w0, lr, epochs)
        check_run(got, expected, what=f"gradient_descent on {kind}", epochs=epochs)


@pytest.mark.question("q3", points=5)
def test_gradient_descent_uses_the_given_start_rate_and_epochs(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient_descent starts from w0 and steps with lr for exactly epochs epochs."""
    xs, ys = (values.tolist() for values in noisy_line(rng, size=7))
    for lr in RATES:
        w0 = rng.uniform(-3.0, 3.0)
        for epochs in (1, 2, 5):
            expected = reference.gradient_descent(xs, ys, w0, lr, epochs)
            got = student.gradient_descent(xs, ys, w0, lr, epochs)
            check_run(
                got,
                expected,
                what="gradient_descent(xs, ys, w0, lr, epochs)",
                epochs=epochs,
            )


@pytest.mark.question("q3", points=5)
def test_gradient_descent_long_run_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradient_descent stays right over a long run on a larger data set."""
    xs, ys = (values.tolist() for values in noisy_line(rng, size=20))
    w0, lr, epochs = rng.uniform(-3.0, 3.0), 0.035, 60
    expected = reference.gradient_descent(xs, ys, w0, lr, epochs)
    got = student.gradient_descent(xs, ys, w0, lr, epochs)
    check_run(got, expected, what="gradient_descent over 60 epochs", epochs=epochs)


@pytest.mark.question("q4", points=5)
def test_sgd_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """sgd gives the right w and history for every input kind."""
    xs, ys = noisy_line(rng, size=10)
    w0, lr, epochs = rng.uniform(-3.0, 3.0), 0.02, 8
    for kind in ("a list", "a tuple", "a float32 array", "a float32 tensor"):
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.sgd(x_values, y_values, w0, lr, epochs)
        got = student.sgd(x_values, y_values, w0, lr, epochs)
        check_run(got, expected, what=f"sgd on {kind}", epochs=epochs)


@pytest.mark.question("q4", points=5)
def test_sgd_uses_the_given_start_rate_and_epochs(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """sgd starts from w0 and steps with lr for exactly epochs epochs."""
    xs, ys = (values.tolist() for values in noisy_line(rng, size=8))
    for lr in RATES:
        w0 = rng.uniform(-3.0, 3.0)
        for epochs in (1, 3, 20):
            expected = reference.sgd(xs, ys, w0, lr, epochs)
            got = student.sgd(xs, ys, w0, lr, epochs)
            check_run(got, expected, what="sgd(xs, ys, w0, lr, epochs)", epochs=epochs)


@pytest.mark.question("q4", points=5)
def test_sgd_visits_samples_in_data_order(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """sgd updates once per sample, in the order the samples are given."""
    xs, ys = noisy_line(rng, size=8, noise=1.5)
    order = rng.permutation(8)
    w0, lr = rng.uniform(-3.0, 3.0), 0.05
    # The same samples in another order end elsewhere: the order is part of the answer.
    for x_values, y_values in ((xs, ys), (xs[order], ys[order]), (xs[::-1], ys[::-1])):
        for epochs in (1, 4):
            expected = reference.sgd(
                x_values.tolist(), y_values.tolist(), w0, lr, epochs
            )
            got = student.sgd(x_values.tolist(), y_values.tolist(), w0, lr, epochs)
            check_run(got, expected, what="sgd(xs, ys, w0, lr, epochs)", epochs=epochs)
