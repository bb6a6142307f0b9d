"""Homework 2: fitting the linear model y_hat = x * w by gradient descent.

Fill in every function below. Replace each `raise NotImplementedError(...)` line with
your code and keep the function names and parameters as they are: the grader calls
them by name. You may add helper functions, imports (numpy, torch, math) and your own
experiments, but put experiments under `if __name__ == "__main__":` so that they do not
run, print or plot when the grader imports this file.

The lecture's data, used in the examples below:

    x_data = [1.0, 2.0, 3.0]
    y_data = [2.0, 4.0, 6.0]

Check your work with `grade check hw2`.
"""

import numpy as np


def cost(xs, ys, w):
    """The mean squared error of the model y_hat = x * w over all samples.

    Add up (x * w - y) ** 2 over the samples (xs[k], ys[k]), then divide by the
    number of samples. xs and ys may be lists, tuples, numpy arrays or 1-D torch
    tensors of the same length.

    Example (the lecture's data, w = 1.0):
        the squared errors are (1 - 2)**2 = 1, (2 - 4)**2 = 4 and (3 - 6)**2 = 9
        cost([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0) -> (1 + 4 + 9) / 3 = 4.666...
    """
    raise NotImplementedError("cost() is not implemented yet")


def gradient(xs, ys, w):
    """The derivative of cost(xs, ys, w) with respect to w, worked out by hand.

    The derivative of one sample's squared error (x * w - y) ** 2 in w is
    2 * x * (x * w - y); the gradient of the cost is the mean of these over all
    samples. Its sign says which way the cost goes up: a step against it
    (w - lr * gradient) lowers the cost.

    Example (the lecture's data, w = 1.0):
        the terms are 2*1*(1 - 2) = -2, 2*2*(2 - 4) = -8 and 2*3*(3 - 6) = -18
        gradient([1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 1.0) -> -28 / 3 = -9.333...
    """
    raise NotImplementedError("gradient() is not implemented yet")


def gradient_descent(xs, ys, w0, lr, epochs):
    """Run `epochs` steps of (full-batch) gradient descent, starting from w = w0.

    In every epoch, update the weight once with the gradient over all the data:

        w = w - lr * gradient(xs, ys, w)

    Return a pair (w, history):
        w        the weight after the last update
        history  one cost per epoch, so len(history) == epochs:
                 history[k] = cost(xs, ys, w) computed AFTER the update of epoch k
                 (a list, a numpy array or a torch tensor)

    Careful: the lecture's loop prints the cost computed BEFORE the update
    (cost_val = cost(...) comes first, then w = w - 0.01 * grad_val). Here the
    cost comes after the update: history[0] is the cost at the weight reached by
    the first step, not the cost at w0, and history[-1] is the cost at the w you
    return. Use the lr and epochs you are given, not the lecture's values.

    Example (the lecture's data, w0 = 1.0, lr = 0.01, epochs = 2):
        epoch 0: gradient at w = 1.0 is -9.333..., so w becomes
                 1.0 - 0.01 * (-9.333...) = 1.09333...;
                 history[0] = cost at 1.09333... = 3.83620...
                 (the lecture would print 4.666..., the cost at w0)
        epoch 1: gradient at 1.09333... is -8.46222..., w becomes 1.17795...;
                 history[1] = 3.15353...
        result:  (1.17795..., [3.83620..., 3.15353...])
    """
    raise NotImplementedError("gradient_descent() is not implemented yet")


def sgd(xs, ys, w0, lr, epochs):
    """Run `epochs` epochs of stochastic gradient descent, starting from w = w0.

    In every epoch, visit the samples one by one in the order they are given
    (xs[0], ys[0]), (xs[1], ys[1]), ... and update the weight after each one, with
    the gradient of that single sample's squared error:

        w = w - lr * 2 * x * (x * w - y)

    So one epoch makes len(xs) updates. Do not shuffle the data.

    Return a pair (w, history):
        w        the weight after the last update
        history  one number per epoch, so len(history) == epochs:
                 history[k] = cost(xs, ys, w), the cost over ALL the data, computed
                 at the end of epoch k (not the loss of the last sample)

    Example (the lecture's data, w0 = 1.0, lr = 0.01, epochs = 1):
        sample (1, 2): 2*1*(1.0*1 - 2)    = -2.0,      w becomes 1.02
        sample (2, 4): 2*2*(1.02*2 - 4)   = -7.84,     w becomes 1.0984
        sample (3, 6): 2*3*(1.0984*3 - 6) = -16.2288,  w becomes 1.260688
        history[0] = cost at 1.260688 = 2.55071...
        result: (1.260688, [2.55071...])
    """
    raise NotImplementedError("sgd() is not implemented yet")
