# Peggy  hw1

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(x, w) - y) ** 2


def mse(xs, ys, w):
    s = 0
    for i in range(len(xs)):
        s += loss(xs[i], ys[i], w)
    return s / len(xs)


def exhaustive_search(xs, ys, w_grid):
    costs = [mse(xs, ys, w) for w in w_grid]
    # look for the smallest cost
    best_i = 0
    i = 1
    while i < len(costs):
        if costs[i] < costs[best_i]:
            best_i = i
    return w_grid[best_i], costs


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best_w, best_b, best_cost = w_grid[0], b_grid[0], None
    for w in w_grid:
        row = []
        for b in b_grid:
            s = 0
            for k in range(len(xs)):
                s += (forward_affine(xs[k], w, b) - ys[k]) ** 2
            c = s / len(xs)
            row.append(c)
            if best_cost is None or c < best_cost:
                best_w, best_b, best_cost = w, b, c
        costs.append(row)
    return best_w, best_b, costs
