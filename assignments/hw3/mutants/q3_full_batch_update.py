# Mutant q3_full_batch_update: train averages the gradients over the data and updates once per epoch.
"""Reference solution for hw3: gradients worked out by hand with the chain rule.

The grader imports this module in its own trusted process to compute the expected
answers of the hidden tests, so it has no side effects at import. Inputs may be
numbers, lists, tuples, numpy arrays or CPU tensors; everything is computed in
float64 so that the expected values are the exact ones a float32 answer is compared
against. No automatic differentiation is used anywhere: the point of the homework is
to derive every gradient from the chain rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "forward",
    "gradients",
    "loss",
    "mlp_backward",
    "mlp_forward",
    "train",
]


def forward(x: Any, w1: float, w2: float, b: float) -> Any:
    """The prediction y_hat = w1 * x**2 + w2 * x + b, elementwise; a number, array or
    tensor keeps its kind, a list or tuple becomes a numpy array."""
    x = _as_operand(x)
    return w1 * x**2 + w2 * x + b


def loss(x: Any, y: Any, w1: float, w2: float, b: float) -> Any:
    """The squared error (y_hat - y) ** 2 of one sample."""
    return (forward(x, w1, w2, b) - _as_operand(y)) ** 2


def gradients(
    x: float, y: float, w1: float, w2: float, b: float
) -> tuple[float, float, float]:
    """The derivatives of one sample's loss in w1, w2 and b.

    With r = y_hat - y, the loss is r ** 2, so d loss / d r = 2 r, and r moves with
    w1, w2 and b at rates x ** 2, x and 1.
    """
    x, y = float(x), float(y)
    dloss_dr = 2.0 * (forward(x, w1, w2, b) - y)
    return dloss_dr * x**2, dloss_dr * x, dloss_dr


def train(
    xs: Any, ys: Any, w1: float, w2: float, b: float, lr: float, epochs: int
) -> tuple[float, float, float, list[float]]:
    """Per-sample gradient descent in data order; the mean loss after each epoch.

    Each step computes all three gradients at the current weights, then updates the
    three weights together.
    """
    x, y = _as_vector(xs), _as_vector(ys)
    w1, w2, b = float(w1), float(w2), float(b)
    history: list[float] = []
    for _ in range(int(epochs)):
        samples = zip(x.tolist(), y.tolist(), strict=True)
        steps = [gradients(x_k, y_k, w1, w2, b) for x_k, y_k in samples]
        dw1, dw2, db = np.mean(steps, axis=0).tolist()
        w1, w2, b = w1 - lr * dw1, w2 - lr * dw2, b - lr * db
        history.append(float(np.mean(loss(x, y, w1, w2, b))))
    return w1, w2, b, history


def mlp_forward(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> np.ndarray:
    """The output sigmoid(X @ W1 + b1) @ W2 + b2 of a one-hidden-layer network."""
    hidden = _sigmoid(_as_array(X) @ _as_array(W1) + _as_array(b1))
    output: np.ndarray = hidden @ _as_array(W2) + _as_array(b2)
    return output


def mlp_backward(
    X: Any, Y: Any, W1: Any, b1: Any, W2: Any, b2: Any
) -> dict[str, np.ndarray]:
    """The gradients of the mean squared error over all outputs, by the chain rule.

    The loss is the mean over all n * o elements of (Y_hat - Y) ** 2, the value of
    `torch.nn.functional.mse_loss`, so its derivative in Y_hat is
    2 (Y_hat - Y) / (n * o). From there, layer by layer: a bias gets the sum over the
    rows of the gradient arriving at its layer's output, a weight matrix the product
    of its input's transpose with that gradient, and the sigmoid multiplies what
    passes through it by H (1 - H).
    """
    X, Y, W1, b1, W2, b2 = (_as_array(v) for v in (X, Y, W1, b1, W2, b2))
    hidden = _sigmoid(X @ W1 + b1)
    output = hidden @ W2 + b2

    d_output = 2.0 * (output - Y.reshape(output.shape)) / output.size
    d_hidden = d_output @ W2.T
    d_pre = d_hidden * hidden * (1.0 - hidden)

    return {
        "dW1": X.T @ d_pre,
        "db1": d_pre.sum(axis=0),
        "dW2": hidden.T @ d_output,
        "db2": d_output.sum(axis=0),
    }


def _sigmoid(z: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-z))
    return result


def _as_operand(x: Any) -> Any:
    """Lists and tuples become arrays so that arithmetic is elementwise."""
    if isinstance(x, list | tuple):
        return np.asarray(x, dtype=np.float64)
    return x


def _as_vector(values: Any) -> np.ndarray:
    """A 1-D float64 array from a list, tuple, numpy array or CPU tensor."""
    return np.asarray(values, dtype=np.float64).reshape(-1)


def _as_array(values: Any) -> np.ndarray:
    """A float64 array of the same shape from a list, tuple, array or CPU tensor."""
    return np.asarray(values, dtype=np.float64)
