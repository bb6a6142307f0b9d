# HW2 - Heidi
import random

random.seed(42)  # so my results are reproducible

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def cost(xs, ys, w):
    total = 0
    for x, y in zip(xs, ys):
        total += (x * w - y) ** 2
    return total / len(xs)


def gradient(xs, ys, w):
    total = 0
    for x, y in zip(xs, ys):
        total += 2 * x * (x * w - y)
    return total / len(xs)


def gradient_descent(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for _ in range(epochs):
        w = w - lr * gradient(xs, ys, w)
        history.append(cost(xs, ys, w))
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    data = list(zip(xs, ys))
    w = w0
    history = []
    for _ in range(epochs):
        random.shuffle(data)  # stochastic -> visit the samples in random order
        for x, y in data:
            w = w - lr * 2 * x * (x * w - y)
        history.append(cost(xs, ys, w))
    return w, history
