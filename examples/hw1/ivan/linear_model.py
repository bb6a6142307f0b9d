# hw1 Ivan
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    total = 0
    for x, y in zip(xs, ys):
        total += loss(x, y, w)
    return total / len(xs)


def exhaustive_search(xs, ys, w_grid):
    costs = [mse(xs, ys, w) for w in w_grid]
    best = int(np.argmin(costs))
    return best, costs


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best = (None, None, float("inf"))
    for w in w_grid:
        row = []
        for b in b_grid:
            total = 0
            for x, y in zip(xs, ys):
                total += (forward_affine(x, w, b) - y) ** 2
            row.append(total / len(xs))
            if row[-1] < best[2]:
                best = (w, b, row[-1])
        costs.append(row)
    return best[0], best[1], costs


print("best w index:", exhaustive_search(x_data, y_data, np.arange(0, 4.1, 0.1))[0])
