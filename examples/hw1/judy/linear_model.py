# Judy
# homework 1 - linear model
import math

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    total = 0.0
    for x, y in zip(xs, ys):
        total += loss(x, y, w)
    # root of the mean so it is in the same units as y
    return math.sqrt(total / len(xs))


def exhaustive_search(xs, ys, w_grid):
    costs = []
    for w in w_grid:
        costs.append(mse(xs, ys, w))
    best = 0
    for i in range(1, len(costs)):
        if costs[i] < costs[best]:
            best = i
    return w_grid[best], costs


def forward_affine(x, w, b):
    return x * w + b


def mse_affine(xs, ys, w, b):
    total = 0.0
    for x, y in zip(xs, ys):
        total += (forward_affine(x, w, b) - y) ** 2
    return math.sqrt(total / len(xs))


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = [[mse_affine(xs, ys, w, b) for b in b_grid] for w in w_grid]
    best_i, best_j = 0, 0
    for i in range(len(w_grid)):
        for j in range(len(b_grid)):
            if costs[i][j] < costs[best_i][best_j]:
                best_i, best_j = i, j
    return w_grid[best_i], b_grid[best_j], costs
