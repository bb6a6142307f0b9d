"""Attack: at import, write a forged results.json and grades.csv (score 100) into
every folder it can guess: the cwd and its parents, /tmp, HOME, the repository and
its usual output folders, pytest's temporary folders.

Expected: every write lands inside the sandbox and is thrown away; the real
results are untouched and the submission scores 100 (its functions are right).
"""

import glob
import os

import numpy as np

FORGED_JSON = '{"score": 100.0, "tests": [], "output": "forged"}\n'
FORGED_CSV = "student,score,max_score\nforge_results_files,100,100\n"


def _folders():
    folders = {os.getcwd(), os.path.dirname(os.path.abspath(__file__)), "/tmp", "/"}
    folders |= {os.path.expanduser("~"), "/work/main", "/work/main/grading-out"}
    folders |= {"/work/main/out", "/work/main/grading-out/forge_results_files"}
    folder = os.getcwd()
    while folder != os.path.dirname(folder):
        folder = os.path.dirname(folder)
        folders.add(folder)
    for pattern in (
        "/tmp/pytest-of-*/pytest-*/*/out",
        "/tmp/pytest-of-*/pytest-*/*/out/*",
        "/tmp/grade-*",
        "/tmp/grade-*/*",
    ):
        folders.update(glob.glob(pattern))
    return sorted(folders)


written = 0
for folder in _folders():
    for name, text in (("results.json", FORGED_JSON), ("grades.csv", FORGED_CSV)):
        try:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name), "w") as stream:
                stream.write(text)
            written += 1
        except OSError:
            continue
print(f"forged {written} files")


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
