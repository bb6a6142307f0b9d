# Frank - hw2
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def cost(xs, ys, w):
    xs = np.array(xs, dtype=np.float64)
    ys = np.array(ys, dtype=np.float64)
    return np.mean((xs * w - ys) ** 2)


def gradient(xs, ys, w):
    # d/dw (x*w - y)^2 = x * (x*w - y)
    xs = np.array(xs, dtype=np.float64)
    ys = np.array(ys, dtype=np.float64)
    return np.mean(xs * (xs * w - ys))


def gradient_descent(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        w = w - lr * gradient(xs, ys, w)
        history.append(cost(xs, ys, w))
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        for x, y in zip(xs, ys):
            w = w - lr * gradient([x], [y], w)  # gradient of one sample
        history.append(cost(xs, ys, w))
    return w, history


w_final, hist = gradient_descent(x_data, y_data, 1.0, 0.01, 100)
print("w after 100 epochs:", w_final)
