import numpy as np

# Heidi - hw1

x_data = np.array([1.0, 2.0, 3.0])
y_data = np.array([2.0, 4.0, 6.0])


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    return loss(xs, ys, w).mean()


def exhaustive_search(xs, ys, w_grid):
    costs = []
    min_cost = np.inf
    best_w = None
    for w in w_grid:
        c = mse(xs, ys, w)
        costs.append(c)
        if c <= min_cost:  # found a better (or equal) one
            min_cost = c
            best_w = w
    return best_w, costs


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    costs = np.zeros((len(w_grid), len(b_grid)))
    min_cost = np.inf
    best_w, best_b = None, None
    for i, w in enumerate(w_grid):
        for j, b in enumerate(b_grid):
            costs[i, j] = np.mean((forward_affine(xs, w, b) - ys) ** 2)
            if costs[i, j] <= min_cost:
                min_cost = costs[i, j]
                best_w, best_b = w, b
    return best_w, best_b, costs
