"""Attack: find the hidden tests (by absolute path, walking up, and by glob) and
print them, so that they end up in the student's report.

Expected: they are not in the sandbox; exhaustive_search_affine raises; 75 points.
"""

import glob
import os

import numpy as np

PATTERNS = (
    "/work/main/assignments/hw1/tests/hidden/*.py",
    "/work/*/assignments/*/tests/hidden/*.py",
    "/*/assignments/*/tests/hidden/*.py",
    "/assignments/*/tests/hidden/*.py",
    "/tmp/*/assignments/*/tests/hidden/*.py",
    "/proc/*/cwd/assignments/*/tests/hidden/*.py",
)


def _walk_up():
    folder = os.getcwd()
    while True:
        yield os.path.join(folder, "assignments/hw1/tests/hidden/test_hidden_hw1.py")
        if folder == os.path.dirname(folder):
            return
        folder = os.path.dirname(folder)


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
    found = [p for pattern in PATTERNS for p in glob.glob(pattern)]
    found += [p for p in _walk_up() if os.path.isfile(p)]
    for path in found:
        with open(path) as stream:
            print(stream.read())
    if not found:
        raise FileNotFoundError("hidden tests not within reach")
    raise RuntimeError(f"leaked {len(found)} hidden test files")
