# HW1 linear model
# Alice

import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]

# keep every w we tried and its mse, like in class
w_list = []
mse_list = []


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
    global w_list, mse_list
    w_list = []
    mse_list = []
    best_w = None
    best_mse = None
    for w in w_grid:
        cost = mse(xs, ys, w)
        w_list.append(w)
        mse_list.append(cost)
        if best_mse is None or cost < best_mse:
            best_mse = cost
            best_w = w
    return best_w, mse_list


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best_w = None
    best_b = None
    best_mse = None
    for w in w_grid:
        row = []
        for b in b_grid:
            l_sum = 0
            for x_val, y_val in zip(xs, ys):
                y_pred = forward_affine(x_val, w, b)
                l_sum += (y_pred - y_val) ** 2
            cost = l_sum / len(xs)
            row.append(cost)
            if best_mse is None or cost < best_mse:
                best_mse = cost
                best_w = w
                best_b = b
        costs.append(row)
    return best_w, best_b, costs


w_best, _ = exhaustive_search(x_data, y_data, np.arange(0.0, 4.1, 0.1))
