# Carol - HW2
# torch again, everything in float32 tensors
import torch


def to_t(v):
    return torch.as_tensor(v, dtype=torch.float32)


def cost(xs, ys, w):
    x, y = to_t(xs), to_t(ys)
    return ((x * w - y) ** 2).mean()


def gradient(xs, ys, w):
    x, y = to_t(xs), to_t(ys)
    return (2 * x * (x * w - y)).mean()


def gradient_descent(xs, ys, w0, lr, epochs):
    x, y = to_t(xs), to_t(ys)
    w = torch.tensor(float(w0))
    losses = []
    for epoch in range(epochs):
        w = w - lr * gradient(x, y, w)
        losses.append(cost(x, y, w))
    return w, torch.stack(losses)


def sgd(xs, ys, w0, lr, epochs):
    x, y = to_t(xs), to_t(ys)
    w = torch.tensor(float(w0))
    losses = []
    for epoch in range(epochs):
        for i in range(len(x)):
            grad = 2 * x[i] * (x[i] * w - y[i])
            w = w - lr * grad
        losses.append(cost(x, y, w))
    return w, torch.stack(losses)
