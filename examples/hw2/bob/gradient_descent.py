"""hw2 - bob
numpy version: cost and gradient without python loops over the data
"""
import numpy as np


def cost(xs, ys, w):
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    return np.mean((xs * w - ys) ** 2)


def gradient(xs, ys, w):
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    return np.mean(2 * xs * (xs * w - ys))


def gradient_descent(xs, ys, w0, lr, epochs):
    w = w0
    history = np.zeros(epochs)
    for i in range(epochs):
        w -= lr * gradient(xs, ys, w)
        history[i] = cost(xs, ys, w)
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    w = w0
    history = np.zeros(epochs)
    for i in range(epochs):
        for x, y in zip(xs, ys):  # one sample at a time, in order
            w -= lr * 2 * x * (x * w - y)
        history[i] = cost(xs, ys, w)
    return w, history
