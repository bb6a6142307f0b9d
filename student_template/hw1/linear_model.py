"""Homework 1: a linear model, its mean squared error, and exhaustive search.

Fill in every function below. Replace each `raise NotImplementedError(...)` line with
your code and keep the function names and parameters as they are: the grader calls
them by name. You may add helper functions, imports (numpy, torch, math) and your own
experiments, but put experiments under `if __name__ == "__main__":` so that they do not
run, print or plot when the grader imports this file.

The lecture's data, used in the examples below:

    x_data = [1.0, 2.0, 3.0]
    y_data = [2.0, 4.0, 6.0]

Check your work with `grade check hw1`.
"""

import numpy as np


def forward(x, w):
    """Predict y for input x with the linear model y_hat = x * w.

    x is a single number, a numpy array or a torch tensor; for an array or a tensor,
    multiply every element by w and return an array or tensor of the same shape.

    Example:
        forward(3.0, 2.0)                       -> 6.0
        forward(np.array([1.0, 2.0, 3.0]), 2.0) -> array([2., 4., 6.])
    """
    raise NotImplementedError("forward() is not implemented yet")


def loss(x, y, w):
    """The squared error of one sample: (y_hat - y) ** 2, where y_hat = forward(x, w).

    Example (one sample from the lecture's data):
        loss(3.0, 6.0, 1.0) -> (3.0 - 6.0) ** 2 = 9.0
        loss(3.0, 6.0, 2.0) -> 0.0
    """
    raise NotImplementedError("loss() is not implemented yet")


def mse(xs, ys, w):
    """The mean squared error of the model over all samples (xs[k], ys[k]).

    Add up the loss of every sample, then divide by the number of samples. xs and ys
    may be lists, tuples, numpy arrays or 1-D torch tensors of the same length.

    Example (the lecture's data, w = 1.0):
        the losses are (1 - 2)**2 = 1, (2 - 4)**2 = 4 and (3 - 6)**2 = 9
        mse([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0) -> (1 + 4 + 9) / 3 = 4.666...
    """
    raise NotImplementedError("mse() is not implemented yet")


def exhaustive_search(xs, ys, w_grid):
    """Try every weight in w_grid and return the one with the least MSE.

    Return a pair (best_w, costs):
        costs   the MSE at every weight, in grid order:
                costs[i] = mse(xs, ys, w_grid[i])
                (a list, a numpy array or a torch tensor)
        best_w  the weight itself (a value from w_grid, not its position) with the
                smallest cost; if several weights share the smallest cost, return the
                one that comes first in w_grid

    Example (the lecture's data, w_grid = [0.0, 0.1, ..., 4.0]):
        costs[0]  = mse at w = 0.0 = (4 + 16 + 36) / 3 = 18.666...
        costs[20] = mse at w = 2.0 = 0.0
        best_w    = 2.0
    """
    raise NotImplementedError("exhaustive_search() is not implemented yet")


def forward_affine(x, w, b):
    """Predict y for input x with the model y_hat = x * w + b (b is the bias).

    Like forward(), x is a number, a numpy array or a torch tensor.

    Example:
        forward_affine(3.0, 2.0, 1.0) -> 7.0
    """
    raise NotImplementedError("forward_affine() is not implemented yet")


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    """Try every pair (w, b) from the two grids and return the pair with the least MSE.

    Return a triple (best_w, best_b, costs):
        costs   a 2-D table with one row per w and one column per b:
                costs[i][j] = the MSE of y_hat = x * w_grid[i] + b_grid[j]
                so its shape is (len(w_grid), len(b_grid)); nested lists, a numpy
                array or a torch tensor
        best_w, best_b
                the grid values with the smallest cost; on a tie, the pair met first
                when w is the outer loop and b the inner loop

    Example (the lecture's data, w_grid = [1.0, 2.0, 3.0], b_grid = [-1.0, 0.0]):
        costs[0][1] = mse at (1.0, 0.0) = 4.666...
        costs[1][1] = mse at (2.0, 0.0) = 0.0
        costs has 3 rows and 2 columns; best_w = 2.0, best_b = 0.0
    """
    raise NotImplementedError("exhaustive_search_affine() is not implemented yet")
