# HW3 backprop by hand
# Alice
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]

# random guesses, like in class
w1 = 1.0
w2 = 1.0
b = 0.0


def forward(x, w1, w2, b):
    return w1 * x * x + w2 * x + b


def loss(x, y, w1, w2, b):
    y_pred = forward(x, w1, w2, b)
    return (y_pred - y) * (y_pred - y)


def gradients(x, y, w1, w2, b):
    # chain rule: dloss/dy_pred = 2 * (y_pred - y)
    # dy_pred/dw1 = x^2, dy_pred/dw2 = x, dy_pred/db = 1
    dloss = 2 * (forward(x, w1, w2, b) - y)
    return dloss * x * x, dloss * x, dloss


def train(xs, ys, w1, w2, b, lr, epochs):
    history = []
    for epoch in range(epochs):
        for x_val, y_val in zip(xs, ys):
            grad_w1, grad_w2, grad_b = gradients(x_val, y_val, w1, w2, b)
            w1 = w1 - lr * grad_w1
            w2 = w2 - lr * grad_w2
            b = b - lr * grad_b
        l_sum = 0
        for x_val, y_val in zip(xs, ys):
            l_sum += loss(x_val, y_val, w1, w2, b)
        history.append(l_sum / len(xs))
    return w1, w2, b, history


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def mlp_forward(X, W1, b1, W2, b2):
    H = sigmoid(np.dot(X, W1) + b1)
    return np.dot(H, W2) + b2


def mlp_backward(X, Y, W1, b1, W2, b2):
    # forward pass, keep the hidden layer
    Z = np.dot(X, W1) + b1
    H = sigmoid(Z)
    Y_pred = np.dot(H, W2) + b2
    # mse over every element -> divide by n * o
    dY = 2 * (Y_pred - Y) / Y_pred.size
    dW2 = np.dot(H.T, dY)
    db2 = np.sum(dY, axis=0)
    dH = np.dot(dY, W2.T)
    dZ = dH * H * (1 - H)
    dW1 = np.dot(X.T, dZ)
    db1 = np.sum(dZ, axis=0)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


print("predict (before training)", 4, forward(4, w1, w2, b))
w1, w2, b, hist = train(x_data, y_data, w1, w2, b, 0.01, 100)
print("predict (after training)", 4, forward(4, w1, w2, b))
