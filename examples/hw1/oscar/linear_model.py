# oscar hw1 (copied the loop from a python 2 tutorial)
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) * (y_pred - y)


def mse(xs, ys, w):
    l_sum = 0
    for x_val, y_val in zip(xs, ys):
        l_sum += loss(x_val, y_val, w)
    return l_sum / len(xs)


def exhaustive_search(xs, ys, w_grid):
    mse_list = []
    for w in w_grid:
        mse_list.append(mse(xs, ys, w))
    best = int(np.argmin(mse_list))
    return w_grid[best], mse_list


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    for w in w_grid:
        row = []
        for b in b_grid:
            l_sum = 0
            for x_val, y_val in zip(xs, ys):
                l_sum += (forward_affine(x_val, w, b) - y_val) ** 2
            row.append(l_sum / len(xs))
        costs.append(row)
    i, j = np.unravel_index(np.argmin(costs), np.shape(costs))
    return w_grid[i], b_grid[j], costs


for w in np.arange(0.0, 4.1, 0.1):
    print 'w=', w, 'MSE=', mse(x_data, y_data, w)
