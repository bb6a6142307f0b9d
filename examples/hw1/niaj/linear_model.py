# niaj hw1
import numpy as np

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) ** 2


def mse(xs, ys, w):
    l_sum = 0
    for x_val, y_val in zip(xs, ys):
        l_sum += loss(x_val, y_val, w)
    return l_sum / len(xs)


def exhaustive_search(xs, ys, w_grid):
    mse_list = []
    best_w, best_mse = None, None
    for w in w_grid:
        cost = mse(xs, ys, w)
        mse_list.append(cost)
        if best_mse is None or cost < best_mse:
            best_w, best_mse = w, cost
    return best_w, mse_list


# still have to write forward_affine (it is in my notebook)


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best_w, best_b, best_mse = None, None, None
    for w in w_grid:
        row = []
        for b in b_grid:
            l_sum = 0
            for x_val, y_val in zip(xs, ys):
                l_sum += (forward_affine(x_val, w, b) - y_val) ** 2
            cost = l_sum / len(xs)
            row.append(cost)
            if best_mse is None or cost < best_mse:
                best_w, best_b, best_mse = w, b, cost
        costs.append(row)
    return best_w, best_b, costs


best_w, mse_list = exhaustive_search(x_data, y_data, np.arange(0.0, 4.1, 0.1))
print("best w =", best_w)
