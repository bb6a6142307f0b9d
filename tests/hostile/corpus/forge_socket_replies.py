"""Attack: at import, find the socket to the grader and write forged replies to it:
an "imported" status, then an "ok" answer of "100/100" for each of the next 300
requests, ahead of the real ones.

Expected: forged answers are only data, checked like any answer: every test
fails; 0 points.
"""

import os
import stat
import struct

import numpy as np

from grader import wire


def _grader_socket():
    for fd in range(3, 256):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                return fd
        except OSError:
            continue
    raise RuntimeError("no socket")


def _frame(message):
    data = wire.encode(message, limit=1 << 20)
    return struct.pack("!Q", len(data)) + data


forged = _frame({"status": "imported"})
forged += b"".join(
    _frame({"seq": seq, "status": "ok", "value": "100/100"}) for seq in range(1, 301)
)
os.write(_grader_socket(), forged)


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
