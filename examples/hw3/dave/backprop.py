import numpy as np
import matplotlib.pyplot as plt

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w1, w2, b):
    return w1 * x ** 2 + w2 * x + b


def loss(x, y, w1, w2, b):
    y_pred = forward(x, w1, w2, b)
    return (y_pred - y) ** 2


def gradients(x, y, w1, w2, b):
    d = 2 * (forward(x, w1, w2, b) - y)
    dw1 = d * x ** 2
    dw2 = d * x
    db = d
    return dw1, dw2, db


def train(xs, ys, w1, w2, b, lr, epochs):
    history = []
    for epoch in range(epochs):
        for i in range(len(xs)):
            dw1, dw2, db = gradients(xs[i], ys[i], w1, w2, b)
            w1 = w1 - lr * dw1
            w2 = w2 - lr * dw2
            b = b - lr * db
            print("\tgrad: ", xs[i], ys[i], dw1, dw2, db)
        total = 0.0
        for i in range(len(xs)):
            total = total + loss(xs[i], ys[i], w1, w2, b)
        history.append(total / len(xs))
        print("progress:", epoch, "w1=", w1, "w2=", w2, "b=", b, "loss=", history[-1])
    return w1, w2, b, history


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def mlp_forward(X, W1, b1, W2, b2):
    return sigmoid(X @ W1 + b1) @ W2 + b2


def mlp_backward(X, Y, W1, b1, W2, b2):
    n = X.shape[0]
    o = W2.shape[1]
    H = sigmoid(X @ W1 + b1)
    Y_hat = H @ W2 + b2
    dY_hat = 2 * (Y_hat - Y) / (n * o)
    dW2 = H.T @ dY_hat
    db2 = dY_hat.sum(axis=0)
    dH = dY_hat @ W2.T
    dZ = dH * H * (1 - H)
    dW1 = X.T @ dZ
    db1 = dZ.sum(axis=0)
    print("gradient shapes:", dW1.shape, db1.shape, dW2.shape, db2.shape)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# ---- lecture part: train and plot the loss ----
print("predict (before training)", 4, forward(4, 1.0, 1.0, 0.0))
w1, w2, b, history = train(x_data, y_data, 1.0, 1.0, 0.0, 0.01, 100)
print("predict (after training)", 4, forward(4, w1, w2, b))

plt.plot(range(1, 101), history)
plt.xlabel("epoch")
plt.ylabel("Loss")
plt.title("w1 x^2 + w2 x + b")
plt.show()
