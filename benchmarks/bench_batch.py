"""How fast `grade batch` grades a class, against one pytest process per submission.

Generates N correct-but-varied hw1 submissions, grades them with the framework at two
class sizes (the difference gives the cost of each extra submission, without the
fixed start-up), then grades a few of them the naive way. Prints the figures.

    python benchmarks/bench_batch.py [--small 20] [--large 100] [--naive 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from grader.batch import run_batch  # noqa: E402
from grader.grading import GradingOptions  # noqa: E402
from grader.manifest import Course  # noqa: E402
from grader.sandbox import Isolation  # noqa: E402

_STYLES = (
    # plain loops, lecture style
    """
def forward(x, w):
    return x * w

def loss(x, y, w):
    return (forward(x, w) - y) ** 2

def mse(xs, ys, w):
    total = 0.0
    for x, y in zip(xs, ys):
        total += (float(x) * w - float(y)) ** 2
    return total / len(xs)

def exhaustive_search(xs, ys, w_grid):
    costs = [mse(xs, ys, float(w)) for w in w_grid]
    best = min(range(len(costs)), key=lambda i: costs[i])
    return float(w_grid[best]), costs

def forward_affine(x, w, b):
    return x * w + b

def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    costs = []
    for w in w_grid:
        costs.append([sum((float(x) * float(w) + float(b) - float(y)) ** 2
                          for x, y in zip(xs, ys)) / len(xs) for b in b_grid])
    best = (0, 0)
    for i in range(len(costs)):
        for j in range(len(costs[i])):
            if costs[i][j] < costs[best[0]][best[1]]:
                best = (i, j)
    return float(w_grid[best[0]]), float(b_grid[best[1]]), costs
""",
    # numpy, vectorized
    """
import numpy as np

def forward(x, w):
    return np.asarray(x, dtype=float) * w if isinstance(x, (list, tuple)) else x * w

def loss(x, y, w):
    return (forward(x, w) - y) ** 2

def mse(xs, ys, w):
    return float(np.mean((np.asarray(xs, float) * w - np.asarray(ys, float)) ** 2))

def exhaustive_search(xs, ys, w_grid):
    w = np.asarray(w_grid, float)
    costs = ((np.outer(w, np.asarray(xs, float)) - np.asarray(ys, float)) ** 2).mean(1)
    return float(w[np.argmin(costs)]), costs

def forward_affine(x, w, b):
    return forward(x, w) + b

def exhaustive_search_affine(xs, ys, w_grid, b_grid):
    x, y = np.asarray(xs, float), np.asarray(ys, float)
    w, b = np.asarray(w_grid, float), np.asarray(b_grid, float)
    costs = ((w[:, None, None] * x + b[None, :, None] - y) ** 2).mean(2)
    i, j = np.unravel_index(np.argmin(costs), costs.shape)
    return float(w[i]), float(b[j]), costs
""",
)


def make_class(folder: Path, count: int) -> Path:
    """`count` submissions, alternating styles, each with its own comment line."""
    folder.mkdir(parents=True)
    for number in range(count):
        student = folder / f"student{number:04d}"
        student.mkdir()
        source = f"# submission {number}\n" + _STYLES[number % len(_STYLES)]
        (student / "linear_model.py").write_text(source)
    return folder


def time_framework(
    count: int, scratch: Path, isolation: Isolation, *, jobs: int = 1
) -> float:
    course = Course(REPO)
    assignment = course.assignment("hw1")
    name = f"{isolation}-{jobs}-{count}"
    submissions = make_class(scratch / f"class-{name}", count)
    options = GradingOptions(isolation=isolation)
    started = time.perf_counter()
    result = run_batch(
        assignment, submissions, scratch / f"out-{name}", options=options, jobs=jobs
    )
    elapsed = time.perf_counter() - started
    assert len(result.results) == count and all(r.score == 100 for r in result.results)
    return elapsed


def time_naive(count: int, scratch: Path) -> float:
    """One `python -m pytest` process per submission, student code imported in it."""
    submissions = make_class(scratch / "naive", count)
    hw1 = REPO / "assignments" / "hw1"
    started = time.perf_counter()
    for student in sorted(submissions.iterdir()):
        env = dict(
            os.environ,
            NAIVE_STUDENT=str(student / "linear_model.py"),
            NAIVE_REFERENCE=str(REPO / "solutions" / "hw1" / "linear_model.py"),
        )
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "--rootdir",
                str(REPO / "benchmarks" / "naive"),
                "-c",
                os.devnull,
                "--confcutdir",
                str(REPO / "benchmarks" / "naive"),
                "-p",
                "benchmarks.naive.conftest",
                str(hw1 / "tests"),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        )
        assert completed.returncode == 0, completed.stdout[-2000:]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=100)
    parser.add_argument("--naive", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    try:
        for isolation, jobs in itertools.product(
            (Isolation.BASIC, Isolation.STRICT), (1, args.jobs)
        ):
            small = time_framework(args.small, scratch, isolation, jobs=jobs)
            large = time_framework(args.large, scratch, isolation, jobs=jobs)
            extra_ms = (large - small) / (args.large - args.small) * 1000
            print(
                f"{isolation} isolation, {jobs} job(s): "
                f"{args.small} submissions {small:.2f} s, "
                f"{args.large} submissions {large:.2f} s "
                f"({args.large / large:.1f} submissions/s); "
                f"each extra submission {extra_ms:.1f} ms"
            )
        naive = time_naive(args.naive, scratch)
        print(
            f"naive, one pytest process per submission ({args.naive}): {naive:.2f} s "
            f"({naive / args.naive * 1000:.0f} ms per submission)"
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
