"""A right answer to every question, graded after each hostile case: it must score
100. At import it takes a census of the sandbox: every process that is neither
bubblewrap (pid 1) nor a fork of the zygote, i.e. anything the previous student
left running, and every entry of the folders swept between students.
"""

import glob
import os

import numpy as np


def _census():
    left = []
    for path in glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(path, "rb") as stream:
                command = stream.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        pid = int(path.split("/")[2])
        if pid != 1 and "grader._zygote" not in command and command:
            left.append(command.strip())
    files = _entries("/tmp") + _entries("/submission")
    ours = {"linear_model.py", ".cache", "matplotlib"}  # the zygote's, at its start
    return sorted(left), [name for name in files if name not in ours]


def _entries(folder):
    """The names in `folder`, looking inside the folders that only lead to Python's
    read-only mounts (a checkout under /tmp) instead of listing them."""
    import sys

    import grader

    mounts = {sys.prefix, sys.base_prefix, os.path.dirname(grader.__file__)}
    names = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if path in mounts:
            continue
        if any(mount.startswith(path + os.sep) for mount in mounts):
            inner = _entries(path)
            names.extend(os.path.join(name, entry) for entry in inner)
        else:
            names.append(name)
    return names


print("census:", *_census())


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
