"""Attack: read /proc/1/environ and every /proc/*/cmdline and /proc/*/environ,
looking for the grading process (pytest, the repository, a secret).

Expected: the sandbox's /proc shows only the sandbox; forward_affine raises;
95 points.
"""

import glob

import numpy as np

CLUES = (b"pytest", b"GRADER_CANARY", b"test_hostile", b"solutions", b"assignments")


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
    seen = {}
    for path in [
        "/proc/1/environ",
        *glob.glob("/proc/*/cmdline"),
        *glob.glob("/proc/*/environ"),
    ]:
        try:
            with open(path, "rb") as stream:
                seen[path] = stream.read()
        except OSError:
            continue
    found = sorted(
        {clue.decode() for clue in CLUES for data in seen.values() if clue in data}
    )
    if not found:
        raise LookupError(f"no grader among the {len(seen)} files read in /proc")
    print("found the grader:", found)
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
