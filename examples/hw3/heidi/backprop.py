# HW3 - Heidi
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w1, w2, b):
    return w1 * x**2 + w2 * x + b


def loss(x, y, w1, w2, b):
    return (forward(x, w1, w2, b) - y) ** 2


def gradients(x, y, w1, w2, b):
    # d loss / d w = 2 * (y_hat - y) * x
    diff = forward(x, w1, w2, b) - y
    dw1 = 2 * diff * x
    dw2 = 2 * diff * x
    db = 2 * diff
    return dw1, dw2, db


def train(xs, ys, w1, w2, b, lr, epochs):
    history = []
    for _ in range(epochs):
        for x, y in zip(xs, ys):
            dw1, dw2, db = gradients(x, y, w1, w2, b)
            w1 -= lr * dw1
            w2 -= lr * dw2
            b -= lr * db
        history.append(np.mean([loss(x, y, w1, w2, b) for x, y in zip(xs, ys)]))
    return w1, w2, b, history


def mlp_forward(X, W1, b1, W2, b2):
    Z = X @ W1 + b1
    H = 1 / (1 + np.exp(-Z))
    return H @ W2 + b2


def mlp_backward(X, Y, W1, b1, W2, b2):
    Z = X @ W1 + b1
    H = 1 / (1 + np.exp(-Z))
    Y_hat = H @ W2 + b2
    dY = 2 * (Y_hat - Y) / Y.size
    dZ = dY @ W2.T * H * (1 - H)
    return {"dW1": X.T @ dZ, "db1": dZ.sum(0), "dW2": H.T @ dY, "db2": dY.sum(0)}
