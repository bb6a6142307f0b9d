"""Homework 4: linear regression with torch.nn, trained by gradient descent.

Fill in the class and the two functions below. Replace each
`raise NotImplementedError(...)` line with your code and keep the names and
parameters as they are: the grader builds your model with `LinearModel()` and calls
`train(...)` and `predict(...)` by name. You may add helpers and your own experiments,
but put experiments under `if __name__ == "__main__":` so that they do not run, print
or plot when the grader imports this file.

The lecture's data, used in the examples below, as tensors of shape (3, 1): one row
per sample, one column for the single input feature.

    x_data = torch.tensor([[1.0], [2.0], [3.0]])
    y_data = torch.tensor([[2.0], [4.0], [6.0]])

Check your work with `grade check hw4`.
"""

import torch


class LinearModel(torch.nn.Module):
    """The model y_hat = x * w + b, built from torch.nn.

    In __init__, call the parent's constructor first (super().__init__()), then create
    one layer with one input and one output, torch.nn.Linear(1, 1), and store it as
    self.linear. The layer holds the model's two parameters: its weight w, of shape
    (1, 1), and its bias b, of shape (1,). Add no other parameters.

    forward(x) receives a batch x of shape (n, 1) and returns the layer's output for
    it, of shape (n, 1). You never call forward yourself: model(x) calls it.

    Example:
        model = LinearModel()
        model.linear.weight        -> a random 1x1 tensor, e.g. tensor([[0.53]])
        model(x_data).shape        -> torch.Size([3, 1])
    """

    def __init__(self):
        raise NotImplementedError("LinearModel.__init__() is not implemented yet")

    def forward(self, x):
        raise NotImplementedError("LinearModel.forward() is not implemented yet")


def train(model, x_data, y_data, epochs, lr):
    """Train the model in place on (x_data, y_data) by gradient descent.

    x_data and y_data are float tensors of shape (n, 1). Create the loss and the
    optimizer from the arguments you are given:

        criterion = torch.nn.MSELoss()                             (the mean)
        optimizer = torch.optim.SGD(model.parameters(), lr=lr)

    Then run `epochs` epochs. One epoch is one step on all the data, in this order:

        1. optimizer.zero_grad()        clear the gradients of the last epoch
        2. y_pred = model(x_data)       the forward pass
        3. loss = criterion(y_pred, y_data)
        4. loss.backward()              compute the gradients
        5. optimizer.step()             update the weight and the bias

    and record that epoch's loss as a number with loss.item(). Return the list of the
    recorded losses: exactly `epochs` numbers, the first one being the loss of the
    model as it was before training.

    Example (the lecture's data):
        losses = train(model, x_data, y_data, epochs=500, lr=0.01)
        len(losses)               -> 500
        losses[-1] < losses[0]    -> True: the loss falls as the model learns
    """
    raise NotImplementedError("train() is not implemented yet")


def predict(model, x):
    """The model's prediction for a single number x, returned as a number.

    The model takes a batch of shape (n, 1), so put x in a tensor of shape (1, 1)
    first, e.g. torch.tensor([[x]]), then return the one value the model outputs
    (.item() turns a one-element tensor into a Python float). Use the model you are
    given: it is the one that was trained.

    Example (after training on the lecture's data, where y = 2 * x):
        predict(model, 4.0)       -> about 8.0
    """
    raise NotImplementedError("predict() is not implemented yet")
