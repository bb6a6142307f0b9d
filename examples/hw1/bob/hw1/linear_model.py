"""hw1 - bob
vectorized with numpy, no for loops over the data
"""
import numpy as np


def forward(x, w):
    return np.asarray(x) * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    xs = np.array(xs, dtype=float)
    ys = np.array(ys, dtype=float)
    return np.mean(loss(xs, ys, w))


def exhaustive_search(xs, ys, w_grid):
    costs = np.array([mse(xs, ys, w) for w in w_grid])
    best = np.argmin(costs)  # argmin gives the first one if equal
    return w_grid[best], costs


def forward_affine(x, w, b):
    return np.asarray(x) * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    xs = np.array(xs, dtype=float)
    ys = np.array(ys, dtype=float)
    W, B = np.meshgrid(w_grid, b_grid, indexing="ij")  # W[i, j] = w_grid[i]
    y_pred = forward_affine(xs, W[:, :, None], B[:, :, None])
    costs = np.mean((y_pred - ys) ** 2, axis=2)
    i, j = np.unravel_index(np.argmin(costs), costs.shape)
    return w_grid[i], b_grid[j], costs
