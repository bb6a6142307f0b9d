"""Mutant: train steps before loss.backward(), so no step ever has a gradient."""

from __future__ import annotations

import torch

__all__ = ["LinearModel", "predict", "train"]


class LinearModel(torch.nn.Module):
    """The model y_hat = x * w + b, as one `torch.nn.Linear(1, 1)` layer."""

    def __init__(self) -> None:
        super().__init__()
        self.linear = torch.nn.Linear(1, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The predictions for a batch `x` of shape (n, 1)."""
        y_pred: torch.Tensor = self.linear(x)
        return y_pred


def train(
    model: torch.nn.Module,
    x_data: torch.Tensor,
    y_data: torch.Tensor,
    epochs: int,
    lr: float,
) -> list[float]:
    """Fit the model in place by full-batch SGD on the mean squared error.

    Each epoch takes one step on all the data; the loss recorded for an epoch is the
    one computed in it, before its step.
    """
    criterion = torch.nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses: list[float] = []
    for _ in range(epochs):
        optimizer.zero_grad()
        loss = criterion(model(x_data), y_data)
        optimizer.step()
        loss.backward()
        losses.append(loss.item())
    return losses


def predict(model: torch.nn.Module, x: float) -> float:
    """The model's prediction for a single input x."""
    with torch.no_grad():
        return float(model(torch.tensor([[float(x)]])).item())
