"""Attack: import the reference solution by its absolute path and use its mse.

Expected: the solution is not in the sandbox, so mse raises; 80 points.
"""

import importlib.util
import os

import numpy as np

CANDIDATES = (
    "/work/main/solutions/hw1/linear_model.py",
    os.path.join(
        os.environ.get("GRADE_COURSE_DIR", "/nowhere"), "solutions/hw1/linear_model.py"
    ),
    os.path.expanduser("~/solutions/hw1/linear_model.py"),
    "/solutions/hw1/linear_model.py",
)


def forward(x, w):
    return np.asarray(x, dtype=float) * w if isinstance(x, (list, tuple)) else x * w


def loss(x, y, w):
    return (x * w - y) ** 2


def mse(xs, ys, w):
    for path in CANDIDATES:
        if os.path.isfile(path):
            spec = importlib.util.spec_from_file_location("stolen", path)
            stolen = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(stolen)
            return stolen.mse(xs, ys, w)
    raise FileNotFoundError("no reference solution within reach")


def exhaustive_search(xs, ys, w_grid):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    costs = [float(np.mean((xs * float(w) - ys) ** 2)) for w in w_grid]
    best = int(np.argmin(costs))
    return float(w_grid[best]), costs


def forward_affine(x, w, b):
    x = np.asarray(x, dtype=float) if isinstance(x, (list, tuple)) else x
    return x * w + b


def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    costs = np.array(
        [
            [float(np.mean((xs * float(w) + float(b) - ys) ** 2)) for b in b_grid]
            for w in w_grid
        ]
    )
    i, j = np.unravel_index(int(np.argmin(costs)), costs.shape)
    return float(w_grid[i]), float(b_grid[j]), costs
