# Carol - HW1
# doing it all in torch since this is a pytorch course :)
import torch


def to_tensor(v):
    return torch.as_tensor(v, dtype=torch.float32)


def forward(x, w):
    return x * w


def loss(x, y, w):
    return (forward(to_tensor(x), w) - to_tensor(y)) ** 2


def mse(xs, ys, w):
    return loss(xs, ys, w).mean()


def exhaustive_search(xs, ys, w_grid):
    costs = torch.stack([mse(xs, ys, w) for w in w_grid])
    idx = torch.argmin(costs)
    best_w = to_tensor(w_grid)[idx]
    return best_w, costs


def forward_affine(x, w, b):
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    x = to_tensor(xs)
    y = to_tensor(ys)
    W = to_tensor(w_grid).view(-1, 1, 1)
    B = to_tensor(b_grid).view(1, -1, 1)
    costs = ((forward_affine(x, W, B) - y) ** 2).mean(dim=2)
    idx = torch.argmin(costs)  # index into the flattened table, row by row
    i = idx // costs.shape[1]
    j = idx % costs.shape[1]
    return to_tensor(w_grid)[i], to_tensor(b_grid)[j], costs
