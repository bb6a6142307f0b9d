# Mallory - HW1
import numpy as np

x_data = np.array([1.0, 2.0, 3.0])
y_data = np.array([2.0, 4.0, 6.0])


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    xs = np.array(xs, dtype=np.float64)
    ys = np.array(ys, dtype=np.float64)
    return np.mean(loss(xs, ys, w))


def exhaustive_search(xs, ys, w_grid):
    costs = np.array([mse(xs, ys, w) for w in w_grid])
    return w_grid[int(np.argmin(costs))], costs


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    xs = np.array(xs, dtype=np.float64)
    ys = np.array(ys, dtype=np.float64)
    # table for plotting: b on the y axis, w on the x axis
    costs = np.zeros((len(b_grid), len(w_grid)))
    best_w, best_b, best_cost = w_grid[0], b_grid[0], np.inf
    for i, w in enumerate(w_grid):
        for j, b in enumerate(b_grid):
            cost = np.mean((forward_affine(xs, w, b) - ys) ** 2)
            costs[j, i] = cost
            if cost < best_cost:
                best_w, best_b, best_cost = w, b, cost
    return best_w, best_b, costs
