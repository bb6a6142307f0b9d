"""Hidden tests for hw3: the student's answers against the reference solution's, and
against gradients that torch's autograd computes here, in the trusted process.

Random data comes from the `rng` fixture, seeded by the test's id, so every run sees
the same numbers. Training data are noisy samples of a random quadratic with x
between -2 and 2, so no weights fit every sample and the order of the updates changes
where training ends; every learning rate keeps 2 * lr * (x**4 + x**2 + 1) below 1,
so the runs converge and float32 answers stay within the tolerances. The networks
have random sizes, always more than one sample and, but for one network, more than one
output, so that a mean over the wrong number of elements is caught.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
import torch

from grader.testing import as_array, as_float, assert_close, unpack

if TYPE_CHECKING:
    from types import ModuleType

GRADIENT_KEYS = ("dW1", "db1", "dW2", "db2")
NET_ORDER = ("X", "Y", "W1", "b1", "W2", "b2")  # mlp_backward's parameters
RATES = (0.002, 0.005, 0.012, 0.02)


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


def noisy_quadratic(
    rng: np.random.Generator, *, size: int, noise: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Samples of a random quadratic in x plus noise, with x between -2 and 2."""
    xs = rng.uniform(-2.0, 2.0, size)
    w1, w2, b = rng.uniform(-1.5, 1.5, 3)
    return xs, w1 * xs**2 + w2 * xs + b + rng.normal(0.0, noise, size)


def random_weights(rng: np.random.Generator) -> tuple[float, float, float]:
    """A starting (w1, w2, b)."""
    w1, w2, b = rng.uniform(-1.0, 1.0, 3).tolist()
    return w1, w2, b


def check_training(got: Any, expected: Any, *, what: str, epochs: int) -> None:
    """Fail unless a (w1, w2, b, history) answer matches the expected one."""
    __tracebackhide__ = True
    *weights, history = unpack(got, 4, what=f"{what} returning (w1, w2, b, history)")
    *want_weights, want_history = expected
    values = as_array(history, what=f"history of {what}").reshape(-1)
    if values.size != epochs:
        raise AssertionError(
            f"history of {what}: expected {epochs} mean losses, one per epoch, "
            f"got {values.size}"
        )
    for name, value, want in zip(("w1", "w2", "b"), weights, want_weights, strict=True):
        assert_close(
            as_float(value, what=f"{name} of {what}"), want, what=f"{name} of {what}"
        )
    assert_close(values, want_history, what=f"history of {what}")


def random_network(
    rng: np.random.Generator, *, n: int, d: int, h: int, o: int
) -> dict[str, np.ndarray]:
    """Inputs, targets and parameters of a network of the given sizes."""
    return {
        "X": rng.normal(0.0, 1.0, (n, d)),
        "Y": rng.normal(0.0, 1.0, (n, o)),
        "W1": rng.normal(0.0, 1.0, (d, h)),
        "b1": rng.normal(0.0, 0.5, h),
        "W2": rng.normal(0.0, 1.0, (h, o)),
        "b2": rng.normal(0.0, 0.5, o),
    }


def random_sizes(
    rng: np.random.Generator, *, outputs: int | None = None
) -> dict[str, int]:
    """Random sizes n, d, h and o, with more than one sample."""
    n, d, h = int(rng.integers(2, 9)), int(rng.integers(1, 5)), int(rng.integers(1, 7))
    o = outputs if outputs is not None else int(rng.integers(2, 5))
    return {"n": n, "d": d, "h": h, "o": o}


def autograd_gradients(net: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The gradients of mse_loss(mlp_forward(...), Y), from torch's autograd."""
    tensors = {k: torch.tensor(v, dtype=torch.float64) for k, v in net.items()}
    params = [tensors[k].requires_grad_() for k in ("W1", "b1", "W2", "b2")]
    w1, b1, w2, b2 = params
    output = torch.sigmoid(tensors["X"] @ w1 + b1) @ w2 + b2
    loss = torch.nn.functional.mse_loss(output, tensors["Y"])
    grads = torch.autograd.grad(loss, params)
    return {key: g.numpy() for key, g in zip(GRADIENT_KEYS, grads, strict=True)}


def check_gradients(got: Any, expected: dict[str, np.ndarray], *, what: str) -> None:
    """Fail unless the answer is a dict of the four gradients matching `expected`."""
    __tracebackhide__ = True
    if not isinstance(got, dict) or not set(GRADIENT_KEYS) <= set(got):
        raise AssertionError(
            f"{what}: expected a dict with the keys {list(GRADIENT_KEYS)}, "
            f"got {type(got).__name__}"
        )
    for key in GRADIENT_KEYS:
        assert_close(got[key], expected[key], what=f"{key} of {what}")


@pytest.mark.question("q1", points=2.5)
def test_forward_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """forward gives the right values for a number, random arrays and a tensor."""
    x = rng.uniform(-3.0, 3.0, 6)
    w1, w2, b = rng.uniform(-2.0, 2.0, 3).tolist()
    number = float(x[0])
    expected = reference.forward(number, w1, w2, b)
    got = student.forward(number, w1, w2, b)
    assert_close(got, expected, what="forward(x, w1, w2, b) on a number")
    for kind in ("a float64 array", "a float32 array", "a float32 tensor"):
        values = as_kind(x, kind)
        expected = reference.forward(values, w1, w2, b)
        got = student.forward(values, w1, w2, b)
        assert_close(got, expected, what=f"forward(x, w1, w2, b) on {kind}")


@pytest.mark.question("q1", points=5)
def test_loss_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """loss gives the squared error of one sample for random numbers."""
    for x, y, w1, w2, b in rng.uniform(-3.0, 3.0, (4, 5)).tolist():
        expected = reference.loss(x, y, w1, w2, b)
        got = student.loss(x, y, w1, w2, b)
        assert_close(got, expected, what="loss(x, y, w1, w2, b)")


@pytest.mark.question("q2", points=7.5)
def test_gradients_match_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """gradients give (dw1, dw2, db) of one sample for random numbers."""
    for x, y, w1, w2, b in rng.uniform(-3.0, 3.0, (6, 5)).tolist():
        expected = reference.gradients(x, y, w1, w2, b)
        got = unpack(
            student.gradients(x, y, w1, w2, b),
            3,
            what="gradients(x, y, w1, w2, b) returning (dw1, dw2, db)",
        )
        assert_close(list(got), list(expected), what="(dw1, dw2, db)")


@pytest.mark.question("q2", points=5)
def test_gradients_match_autograd(student: Any, rng: np.random.Generator) -> None:
    """gradients agree with torch's autograd on the loss of one sample."""
    for x, y, *weights in rng.uniform(-2.5, 2.5, (4, 5)).tolist():
        params = torch.tensor(weights, dtype=torch.float64, requires_grad=True)
        w1, w2, b = params
        loss = (w1 * x**2 + w2 * x + b - y) ** 2
        (expected,) = torch.autograd.grad(loss, params)
        got = unpack(
            student.gradients(x, y, *weights),
            3,
            what="gradients(x, y, w1, w2, b) returning (dw1, dw2, db)",
        )
        assert_close(list(got), expected.numpy(), what="(dw1, dw2, db)")


@pytest.mark.question("q3", points=5)
def test_train_matches_reference_for_every_input_kind(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """train gives the right weights and history for every input kind."""
    xs, ys = noisy_quadratic(rng, size=9)
    start, lr, epochs = random_weights(rng), 0.01, 12
    for kind in ("a list", "a tuple", "a float32 array", "a float32 tensor"):
        x_values, y_values = as_kind(xs, kind), as_kind(ys, kind)
        expected = reference.train(x_values, y_values, *start, lr, epochs)
        got = student.train(x_values, y_values, *start, lr, epochs)
        check_training(got, expected, what=f"train on {kind}", epochs=epochs)


@pytest.mark.question("q3", points=5)
def test_train_uses_the_given_start_rate_and_epochs(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """train starts from the given weights and steps with lr for exactly epochs."""
    xs, ys = (values.tolist() for values in noisy_quadratic(rng, size=7))
    for lr in RATES:
        start = random_weights(rng)
        for epochs in (1, 3, 25):
            expected = reference.train(xs, ys, *start, lr, epochs)
            got = student.train(xs, ys, *start, lr, epochs)
            check_training(
                got,
                expected,
                what="train(xs, ys, w1, w2, b, lr, epochs)",
                epochs=epochs,
            )


@pytest.mark.question("q3", points=2.5)
def test_train_visits_samples_in_data_order(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """train updates once per sample, in the order the samples are given."""
    xs, ys = noisy_quadratic(rng, size=8, noise=1.5)
    order = rng.permutation(8)
    start, lr = random_weights(rng), 0.02
    for x_values, y_values in ((xs, ys), (xs[order], ys[order]), (xs[::-1], ys[::-1])):
        for epochs in (1, 4):
            expected = reference.train(
                x_values.tolist(), y_values.tolist(), *start, lr, epochs
            )
            got = student.train(
                x_values.tolist(), y_values.tolist(), *start, lr, epochs
            )
            check_training(
                got,
                expected,
                what="train(xs, ys, w1, w2, b, lr, epochs)",
                epochs=epochs,
            )


@pytest.mark.question("q4", points=5)
def test_mlp_forward_matches_reference(
    student: Any, reference: ModuleType, rng: np.random.Generator
) -> None:
    """mlp_forward gives the right outputs for networks of random sizes."""
    for _ in range(4):
        sizes = random_sizes(rng)
        net = random_network(rng, **sizes)
        params = [net[k] for k in ("X", "W1", "b1", "W2", "b2")]
        expected = reference.mlp_forward(*params)
        got = student.mlp_forward(*params)
        assert_close(
            got,
            expected,
            what="mlp_forward(X, W1, b1, W2, b2) with " + _shape_text(sizes),
        )


@pytest.mark.question("q4", points=7.5)
def test_mlp_backward_matches_autograd(student: Any, rng: np.random.Generator) -> None:
    """mlp_backward agrees with torch's autograd on networks of random sizes."""
    for _ in range(4):
        sizes = random_sizes(rng)
        net = random_network(rng, **sizes)
        got = student.mlp_backward(*(net[k] for k in NET_ORDER))
        check_gradients(
            got, autograd_gradients(net), what="mlp_backward with " + _shape_text(sizes)
        )


@pytest.mark.question("q4", points=5)
def test_mlp_backward_float32_and_single_output(
    student: Any, rng: np.random.Generator
) -> None:
    """mlp_backward is right for float32 inputs and for a network with one output."""
    for outputs in (1, 3):
        sizes = random_sizes(rng, outputs=outputs)
        net = {k: v.astype(np.float32) for k, v in random_network(rng, **sizes).items()}
        got = student.mlp_backward(*(net[k] for k in NET_ORDER))
        check_gradients(
            got,
            autograd_gradients(net),
            what="mlp_backward on float32 arrays with " + _shape_text(sizes),
        )


def _shape_text(sizes: dict[str, int]) -> str:
    return ", ".join(f"{k}={v}" for k, v in sizes.items())
