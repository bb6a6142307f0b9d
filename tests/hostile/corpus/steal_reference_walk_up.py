"""Attack: walk up from the cwd, __file__, sys.path and /proc/*/cwd looking for
solutions/hw1/linear_model.py, and answer with the reference's exhaustive_search.

Expected: nothing to find in the sandbox; exhaustive_search raises; 70 points.
"""

import glob
import importlib.util
import os
import sys

import numpy as np


def _starts():
    starts = [os.getcwd(), os.path.dirname(os.path.abspath(__file__)), *sys.path]
    for link in glob.glob("/proc/*/cwd") + glob.glob("/proc/*/root"):
        try:
            starts.append(os.readlink(link))
        except OSError:
            continue
    return [s for s in starts if s]


def _find_reference():
    for start in _starts():
        folder = os.path.abspath(start)
        while True:
            for guess in ("solutions/hw1/linear_model.py", "hw1/linear_model.py"):
                path = os.path.join(folder, guess)
                if os.path.isfile(path) and os.path.abspath(path) != os.path.abspath(
                    __file__
                ):
                    return path
            if folder == os.path.dirname(folder):
                break
            folder = os.path.dirname(folder)
    return None


def forward(x, w):
    return np.asarray(x, dtype=float) * w if isinstance(x, (list, tuple)) else x * w


def loss(x, y, w):
    return (x * w - y) ** 2


def mse(xs, ys, w):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    return float(np.mean((xs * w - ys) ** 2))


def exhaustive_search(xs, ys, w_grid):
    path = _find_reference()
    if path is None:
        raise FileNotFoundError("no solutions/hw1/linear_model.py above any folder")
    spec = importlib.util.spec_from_file_location("stolen", path)
    stolen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stolen)
    return stolen.exhaustive_search(xs, ys, w_grid)


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
