"""Attack: at import, make every comparison it can reach say "equal": builtins,
math, numpy, torch, pytest and the grader's own test helpers; mse is wrong (twice
the mean).

Expected: the patches live and die in the worker; the tests compare in the
trusted process; mse's tests fail; 80 points.
"""

import builtins
import math

import numpy as np
import pytest
import torch

import grader.testing


def _yes(*args, **kwargs):
    return True


def _nothing(*args, **kwargs):
    return None


class _Anything:
    def __eq__(self, other):
        return True


builtins.abs = lambda value: 0
builtins.round = lambda value, digits=None: 0
math.isclose = _yes
np.allclose = np.isclose = np.array_equal = _yes
np.testing.assert_allclose = np.testing.assert_array_equal = _nothing
torch.allclose = torch.equal = _yes
torch.testing.assert_close = _nothing
pytest.approx = lambda *args, **kwargs: _Anything()
pytest.fail = _nothing
grader.testing.assert_close = _nothing


def forward(x, w):
    return np.asarray(x, dtype=float) * w if isinstance(x, (list, tuple)) else x * w


def loss(x, y, w):
    return (x * w - y) ** 2


def mse(xs, ys, w):
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    return 2 * float(np.mean((xs * w - ys) ** 2))


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
