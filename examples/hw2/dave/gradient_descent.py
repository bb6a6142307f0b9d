import matplotlib.pyplot as plt

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) * (y_pred - y)


def cost(xs, ys, w):
    total = 0.0
    for i in range(len(xs)):
        total = total + loss(xs[i], ys[i], w)
    return total / len(xs)


def gradient(xs, ys, w):
    total = 0.0
    for i in range(len(xs)):
        total = total + 2 * xs[i] * (xs[i] * w - ys[i])
    return total / len(xs)


def gradient_descent(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        w = w - lr * gradient(xs, ys, w)
        l = cost(xs, ys, w)
        history.append(l)
        print("Epoch:", epoch, "w=", w, "loss=", l)
    return w, history


def sgd(xs, ys, w0, lr, epochs):
    w = w0
    history = []
    for epoch in range(epochs):
        for i in range(len(xs)):
            grad = 2 * xs[i] * (xs[i] * w - ys[i])
            w = w - lr * grad
            print("\tgrad: ", xs[i], ys[i], grad)
        history.append(cost(xs, ys, w))
        print("progress:", epoch, "w=", w, "cost=", history[-1])
    return w, history


# ---- lecture part: train, print and plot ----
print("predict (before training)", 4, forward(4, 1.0))
w, history = gradient_descent(x_data, y_data, 1.0, 0.01, 100)
print("predict (after training)", 4, forward(4, w))

plt.plot(range(1, 101), history)
plt.xlabel("epoch")
plt.ylabel("Loss")
plt.title("gradient descent")
plt.show()

w_sgd, history_sgd = sgd(x_data, y_data, 1.0, 0.01, 10)
plt.plot(range(1, 11), history_sgd)
plt.show()
