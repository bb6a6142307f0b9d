# Erin, homework 3

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]

import numpy as np


def forward(x, w1, w2, b):
    return w1 * x**2 + w2 * x + b


def loss(x, y, w1, w2, b):
    return (forward(x, w1, w2, b) - y) ** 2


def gradients(x, y, w1, w2, b):
    dl_dy = 2 * (forward(x, w1, w2, b) - y)
    return dl_dy * x**2, dl_dy * x, dl_dy


def train(xs, ys, w1, w2, b, lr, epochs):
    history = []
    for epoch in range(epochs):
        for x, y in zip(xs, ys):
            w1 = w1 - lr * 2 * x**2 * (forward(x, w1, w2, b) - y)
            w2 = w2 - lr * 2 * x * (forward(x, w1, w2, b) - y)
            b = b - lr * 2 * (forward(x, w1, w2, b) - y)
        history.append(sum(loss(x, y, w1, w2, b) for x, y in zip(xs, ys)) / len(xs))
    return w1, w2, b, history


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mlp_forward(X, W1, b1, W2, b2):
    return sigmoid(X @ W1 + b1) @ W2 + b2


def mlp_backward(X, Y, W1, b1, W2, b2):
    H = sigmoid(X @ W1 + b1)
    out = H @ W2 + b2
    d_out = 2 * (out - Y) / (Y.shape[0] * Y.shape[1])
    d_hidden = (d_out @ W2.T) * H * (1 - H)
    return {
        "dW1": X.T @ d_hidden,
        "db1": d_hidden.sum(axis=0),
        "dW2": H.T @ d_out,
        "db2": d_out.sum(axis=0),
    }


if __name__ == "__main__":
    print(train(x_data, y_data, 1.0, 1.0, 0.0, 0.01, 10))
