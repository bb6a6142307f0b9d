# Grace, homework 1

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
    return l_sum


def exhaustive_search(xs, ys, w_grid):
    costs = []
    best_w = w_grid[0]
    best_cost = mse(xs, ys, w_grid[0])
    for w in w_grid:
        cost = mse(xs, ys, w)
        costs.append(cost)
        if cost < best_cost:
            best_cost = cost
            best_w = w
    return best_w, costs


def forward_affine(x, w, b):
    return x * w + b


def mse_affine(xs, ys, w, b):
    l_sum = 0
    for x_val, y_val in zip(xs, ys):
        l_sum += (forward_affine(x_val, w, b) - y_val) ** 2
    return l_sum


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best_w, best_b = w_grid[0], b_grid[0]
    best_cost = mse_affine(xs, ys, best_w, best_b)
    for w in w_grid:
        row = []
        for b in b_grid:
            cost = mse_affine(xs, ys, w, b)
            row.append(cost)
            if cost < best_cost:
                best_cost = cost
                best_w, best_b = w, b
        costs.append(row)
    return best_w, best_b, costs
