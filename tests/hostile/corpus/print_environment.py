"""Attack: print the whole environment, its own and that of every process it can
see in /proc, at import and in every call of forward.

Expected: workers get a clean environment built by the grader; no secret of the
grading machine shows in any output or report; 100 points.
"""

import glob
import os

import numpy as np


def _dump():
    print(dict(os.environ))
    for path in sorted(glob.glob("/proc/*/environ")):
        try:
            with open(path, "rb") as stream:
                print(path, stream.read().replace(b"\0", b" ").decode(errors="replace"))
        except OSError as error:
            print(path, "unreadable:", type(error).__name__)


_dump()


def forward(x, w):
    _dump()
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
