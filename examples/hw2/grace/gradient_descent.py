# Grace, homework 2

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) ** 2


def cost(xs, ys, w):
    l_sum = 0
    for x, y in zip(xs, ys):
        l_sum += loss(x, y, w)
    return l_sum / len(xs)


def gradient(xs, ys, w):
    g_sum = 0
    for x, y in zip(xs, ys):
        g_sum += 2 * x * (x * w - y)
    return g_sum / len(xs)


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
        for x_val, y_val in zip(xs, ys):
            grad = 2 * x_val * (x_val * w - y_val)
            w = w - lr * grad
            l = loss(x_val, y_val, w)
        print("progress:", epoch, "w=", w, "loss=", l)
        history.append(l)
    return w, history
