"""Attack (with share_2_reader_swept and share_3_reader_persistent, graded after
it): leave a note for the next students in every writable place: /tmp, HOME,
/submission, the sandbox's root and /work/main, /dev/shm, and a System V shared
memory segment.

Expected: 100 points (its functions are right); what the readers see is their own
test.
"""

import ctypes
import os

import numpy as np

NOTE = "hostile-note-share-1"
PLACES = ("/tmp", os.path.expanduser("~"), "/submission", "/", "/work/main", "/dev/shm")
for folder in PLACES:
    try:
        with open(os.path.join(folder, NOTE), "w") as stream:
            stream.write("the answers are...")
    except OSError:
        pass
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
segment = libc.shmget(0x4B1D, 4096, 0o1666)  # IPC_CREAT | 0666
if segment >= 0:
    address = libc.shmat(segment, None, 0)
    if address not in (None, ctypes.c_void_p(-1).value):
        ctypes.memmove(address, NOTE.encode(), len(NOTE))


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
