# Erin, homework 2

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def cost(xs, ys, w):
    cost = 0
    for x, y in zip(xs, ys):
        cost += (forward(x, w) - y) ** 2
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
        cost_val = cost(xs, ys, w)
        grad_val = gradient(xs, ys, w)
        w = w - lr * grad_val
        history.append(cost_val)
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        for x, y in zip(xs, ys):
            grad = 2 * x * (x * w - y)
            w = w - lr * grad
        history.append(cost(xs, ys, w))
    return w, history


if __name__ == "__main__":
    w, history = gradient_descent(x_data, y_data, 1.0, 0.01, 10)
    for epoch, c in enumerate(history):
        print("Epoch:", epoch, "loss=", c)
