# HW2 gradient descent
# Alice

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]

w = 1.0  # a random guess, like in class


def forward(x, w):
    return x * w


def cost(xs, ys, w):
    cost = 0
    for x, y in zip(xs, ys):
        y_pred = forward(x, w)
        cost += (y_pred - y) ** 2
    return cost / len(xs)


def gradient(xs, ys, w):
    grad = 0
    for x, y in zip(xs, ys):
        grad += 2 * x * (x * w - y)
    return grad / len(xs)


def gradient_descent(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        grad_val = gradient(xs, ys, w)
        w = w - lr * grad_val
        cost_val = cost(xs, ys, w)
        history.append(cost_val)
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        for x_val, y_val in zip(xs, ys):
            grad = 2 * x_val * (x_val * w - y_val)
            w = w - lr * grad
        history.append(cost(xs, ys, w))
    return w, history


print("predict (before training)", 4, forward(4, w))
w, hist = gradient_descent(x_data, y_data, w, 0.01, 10)
print("predict (after training)", 4, forward(4, w))
