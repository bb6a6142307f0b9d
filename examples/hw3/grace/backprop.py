# Grace, homework 3
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w1, w2, b):
    return w1 * x ** 2 + w2 * x + b


def loss(x, y, w1, w2, b):
    y_pred = forward(x, w1, w2, b)
    return (y_pred - y) ** 2


def gradients(x, y, w1, w2, b):
    y_pred = forward(x, w1, w2, b)
    grad_y = 2 * (y_pred - y)
    return grad_y * x ** 2, grad_y * x, grad_y


def train(xs, ys, w1, w2, b, lr, epochs):
    history = []
    for epoch in range(epochs):
        for x, y in zip(xs, ys):
            g1, g2, gb = gradients(x, y, w1, w2, b)
            w1, w2, b = w1 - lr * g1, w2 - lr * g2, b - lr * gb
        losses = [loss(x, y, w1, w2, b) for x, y in zip(xs, ys)]
        history.append(sum(losses) / len(losses))
    return w1, w2, b, history


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mlp_forward(X, W1, b1, W2, b2):
    return sigmoid(X @ W1 + b1) @ W2 + b2


def mlp_backward(X, Y, W1, b1, W2, b2):
    n = len(X)
    H = sigmoid(X @ W1 + b1)
    Y_hat = H @ W2 + b2
    dY_hat = 2 * (Y_hat - Y) / n  # mean over the samples
    dW2 = H.T @ dY_hat
    db2 = dY_hat.sum(axis=0)
    dZ = (dY_hat @ W2.T) * H * (1 - H)
    dW1 = X.T @ dZ
    db1 = dZ.sum(axis=0)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
