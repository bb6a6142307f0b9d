"""Attack (after share_1_writer): look for the first student's note and files where
the grader sweeps between students: /tmp, HOME, /submission, and the first
student's folder by name.

Expected: nothing is found, forward answers right: 100 points.
"""

import glob
import os

import numpy as np


def _found():
    places = ["/tmp", os.path.expanduser("~"), "/submission"]
    found = [os.path.join(p, "hostile-note-share-1") for p in places]
    found += glob.glob("/tmp/grade-*/submissions/share_1_writer/*")
    found += glob.glob("/submission/../share_1_writer*")
    return [path for path in found if os.path.exists(path)]


def forward(x, w):
    found = _found()
    if found:
        raise FileExistsError(f"another student's files are visible: {found}")
    return np.asarray(x, dtype=float) * w if isinstance(x, (list, tuple)) else x * w


def loss(x, y, w):
    return (x * w - y) ** 2


def mse(xs, ys, w):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    return float(np.mean((xs * w - ys) ** 2))


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
