"""Homework 3: back-propagation by hand.

Fill in every function below. Replace each `raise NotImplementedError(...)` line with
your code and keep the function names and parameters as they are: the grader calls
them by name. You may add helper functions, imports (numpy, torch, math) and your own
experiments, but put experiments under `if __name__ == "__main__":` so that they do not
run, print or plot when the grader imports this file.

In this homework you work out every gradient yourself with the chain rule. For
questions q2, q3 and q4, PyTorch's automatic differentiation is not allowed: a file
that uses it anywhere scores 0 on those questions (README.md lists what counts).
You may still use torch tensors for the arithmetic.

The model of q1 to q3 is a quadratic in x:

    y_hat = w1 * x**2 + w2 * x + b        loss = (y_hat - y) ** 2

The lecture's data, used in the examples below:

    x_data = [1.0, 2.0, 3.0]
    y_data = [2.0, 4.0, 6.0]

Check your work with `grade check hw3`.
"""

import numpy as np


def forward(x, w1, w2, b):
    """Predict y for input x with the model y_hat = w1 * x**2 + w2 * x + b.

    x is a single number, a numpy array or a torch tensor; for an array or a tensor,
    compute the prediction for every element.

    Example:
        forward(2.0, 1.0, 1.0, 0.0)  -> 1*4 + 1*2 + 0 = 6.0
        forward(np.array([1.0, 2.0, 3.0]), 1.0, 0.0, 0.5) -> array([1.5, 4.5, 9.5])
    """
    raise NotImplementedError("forward() is not implemented yet")


def loss(x, y, w1, w2, b):
    """The squared error of one sample: (y_hat - y) ** 2, where y_hat = forward(...).

    Example:
        loss(2.0, 4.0, 1.0, 1.0, 0.0) -> (6.0 - 4.0) ** 2 = 4.0
    """
    raise NotImplementedError("loss() is not implemented yet")


def gradients(x, y, w1, w2, b):
    """The derivatives of loss(x, y, w1, w2, b) in w1, w2 and b, for one sample.

    Return a tuple (dw1, dw2, db). Work them out with the chain rule, as in the
    lecture's computational graph: the loss is r ** 2 with r = y_hat - y, so
    d loss / d r = 2 * r; then ask how fast r changes when w1, w2 or b changes.
    Multiply along the path from the loss to each weight.

    Example (x = 2.0, y = 4.0, w1 = 1.0, w2 = 1.0, b = 0.0):
        y_hat = 6.0, r = 2.0, d loss / d r = 4.0
        gradients(2.0, 4.0, 1.0, 1.0, 0.0) -> (16.0, 8.0, 4.0)
    """
    raise NotImplementedError("gradients() is not implemented yet")


def train(xs, ys, w1, w2, b, lr, epochs):
    """Train the model with one gradient step per sample, starting from (w1, w2, b).

    In every epoch, visit the samples in the order they are given and, for each one:
        1. compute (dw1, dw2, db) = gradients(x, y, w1, w2, b) at the current weights;
        2. update all three weights with these gradients:
           w1 = w1 - lr * dw1,  w2 = w2 - lr * dw2,  b = b - lr * db
    Compute all three gradients before you change any weight: the gradient of w2
    must use the old w1, not the one you just updated.

    Return a tuple (w1, w2, b, history):
        w1, w2, b  the weights after the last update
        history    one number per epoch, so len(history) == epochs:
                   history[k] = the mean of loss(x, y, w1, w2, b) over all samples,
                   computed at the end of epoch k

    Example (the lecture's data, w1 = 1.0, w2 = 1.0, b = 0.0, lr = 0.01, epochs = 1):
        sample (1, 2): y_hat = 2.0, the gradients are 0, nothing changes
        sample (2, 4): gradients (16, 8, 4): w1 = 0.84, w2 = 0.92, b = -0.04
        sample (3, 6): y_hat = 10.28, gradients (77.04, 25.68, 8.56):
                       w1 = 0.0696, w2 = 0.6632, b = -0.1256
        history[0] = mean loss over the three samples = 6.8705...
        result: (0.0696, 0.6632, -0.1256, [6.8705...])
    """
    raise NotImplementedError("train() is not implemented yet")


def sigmoid(z):
    """The logistic function 1 / (1 + exp(-z)), elementwise (given, you may use it)."""
    return 1.0 / (1.0 + np.exp(-z))


def mlp_forward(X, W1, b1, W2, b2):
    """The output of a network with one hidden layer of sigmoid units.

        H     = sigmoid(X @ W1 + b1)      the hidden layer, shape (n, h)
        Y_hat = H @ W2 + b2               the output, shape (n, o)

    The inputs are numpy arrays: X has shape (n, d) (one row per sample), W1 (d, h),
    b1 (h,), W2 (h, o) and b2 (o,). Return Y_hat, an array of shape (n, o).

    Example (n = d = h = o = 1):
        mlp_forward([[1.0]], [[0.0]], [0.0], [[2.0]], [0.5])
            H = sigmoid(0.0) = 0.5, Y_hat = 0.5 * 2.0 + 0.5 -> array([[1.5]])
    """
    raise NotImplementedError("mlp_forward() is not implemented yet")


def mlp_backward(X, Y, W1, b1, W2, b2):
    """The gradients of the network's loss in W1, b1, W2 and b2, by the chain rule.

    The loss is the mean squared error over ALL n * o elements of the output:

        L = mean((Y_hat - Y) ** 2)        (what torch.nn.functional.mse_loss gives)

    where Y_hat = mlp_forward(X, W1, b1, W2, b2) and Y has shape (n, o).

    Return a dict {"dW1": ..., "db1": ..., "dW2": ..., "db2": ...}; each gradient has
    the shape of its parameter: dW1 (d, h), db1 (h,), dW2 (h, o), db2 (o,).

    Go from the loss back to the inputs, one step at a time, keeping H from the
    forward pass:
        dL/dY_hat = 2 * (Y_hat - Y) / (n * o)          shape (n, o)
        dL/dW2    = H.T @ dL/dY_hat;   dL/db2 = dL/dY_hat summed over the rows
        dL/dH     = dL/dY_hat @ W2.T
        the sigmoid's derivative is H * (1 - H): use it to get dL/dZ for
        Z = X @ W1 + b1, then find dL/dW1 and dL/db1 the way you found dL/dW2 and
        dL/db2.

    Example (n = d = h = o = 1; the inputs of mlp_forward's example and Y = [[1.0]]):
        Y_hat = 1.5, dL/dY_hat = 2 * (1.5 - 1.0) / 1 = 1.0
        dW2 = [[0.5]], db2 = [1.0], dL/dH = 2.0, dL/dZ = 2.0 * 0.5 * 0.5 = 0.5
        dW1 = [[0.5]], db1 = [0.5]
    """
    raise NotImplementedError("mlp_backward() is not implemented yet")
