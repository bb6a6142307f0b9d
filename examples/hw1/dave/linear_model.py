import numpy as np
import matplotlib.pyplot as plt

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]


def forward(x, w):
    return x * w


def loss(x, y, w):
    y_pred = forward(x, w)
    return (y_pred - y) ** 2


def mse(xs, ys, w):
    total = 0.0
    for i in range(len(xs)):
        total = total + loss(xs[i], ys[i], w)
    return total / len(xs)


def exhaustive_search(xs, ys, w_grid):
    costs = []
    for w in w_grid:
        costs.append(mse(xs, ys, w))
    best_i = 0
    for i in range(len(costs)):
        if costs[i] < costs[best_i]:
            best_i = i
    return w_grid[best_i], costs


def forward_affine(x, w, b):
    return forward(x, w) + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    best = None
    for w in w_grid:
        row = []
        for b in b_grid:
            total = 0.0
            for i in range(len(xs)):
                total = total + (forward_affine(xs[i], w, b) - ys[i]) ** 2
            c = total / len(xs)
            row.append(c)
            if best is None or c < best[2]:
                best = (w, b, c)
        costs.append(row)
    return best[0], best[1], costs


# ---- lecture part: print everything and draw the curve ----
w_grid = np.arange(0.0, 4.1, 0.1)
best_w, costs = exhaustive_search(x_data, y_data, w_grid)
for w, c in zip(w_grid, costs):
    print("w =", round(w, 1), "MSE =", c)
print("best w:", best_w)

plt.plot(w_grid, costs)
plt.xlabel("w")
plt.ylabel("Loss")
plt.title("MSE vs w")
plt.show()

# homework part
w_b, b_b, table = exhaustive_search_affine(x_data, y_data, w_grid, np.arange(-2.0, 2.1, 0.1))
print("best w, b:", w_b, b_b)
