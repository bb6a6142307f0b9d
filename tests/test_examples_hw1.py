"""`grade batch hw1 examples/hw1` through the real command: scores, files, reports."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import REPO

EXAMPLES = REPO / "examples" / "hw1"

# student: (q1, q2, q3, q4), as examples/hw1/EXPECTED.md explains
EXPECTED = {
    "alice": (10, 30, 30, 30),
    "bob": (10, 30, 30, 30),
    "carol": (10, 30, 30, 30),
    "dave": (10, 30, 30, 30),
    "grace": (10, 10, 17.5, 20),
    "heidi": (10, 30, 25, 25),
    "ivan": (10, 30, 12.5, 30),
    "judy": (10, 10, 17.5, 20),
    "li_na": (10, 30, 30, 30),
    "mallory": (10, 30, 30, 20),
    "niaj": (10, 30, 30, 0),
    "oscar": (0, 0, 0, 0),
    "peggy": (10, 30, 0, 30),
    "zhang_wei": (10, 30, 30, 30),
}


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    } | {str(p.relative_to(folder)) + "/": "" for p in folder.rglob("*") if p.is_dir()}


@pytest.fixture(scope="module")
def batch_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[subprocess.CompletedProcess[str], Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("batch") / "out"
    before = _tree_digest(EXAMPLES)
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader",
            "batch",
            "hw1",
            str(EXAMPLES),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=REPO,
        timeout=600,
    )
    return completed, out, before


def test_batch_exits_zero_and_says_where_results_are(batch_run) -> None:
    completed, out, _ = batch_run

    assert completed.returncode == 0, completed.stderr
    assert "Graded 14 submissions of hw1" in completed.stdout
    assert f"Gradebook: {out / 'grades.csv'}" in completed.stdout


def test_batch_leaves_submissions_untouched(batch_run) -> None:
    _, _, before = batch_run

    assert _tree_digest(EXAMPLES) == before


def test_gradebook_has_each_example_exact_score(batch_run) -> None:
    _, out, _ = batch_run

    with (out / "grades.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))

    assert list(rows[0]) == [
        "student",
        "score",
        "max_score",
        "q1",
        "q2",
        "q3",
        "q4",
    ]
    scores = {
        row["student"]: tuple(float(row[q]) for q in ("q1", "q2", "q3", "q4"))
        for row in rows
    }
    assert scores == {k: tuple(map(float, v)) for k, v in EXPECTED.items()}
    for row in rows:
        assert float(row["score"]) == sum(EXPECTED[row["student"]])
        assert row["max_score"] == "100"


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_results_json_lists_every_test(batch_run, student: str) -> None:
    _, out, _ = batch_run

    data = json.loads((out / student / "results.json").read_text())

    assert data["score"] == sum(EXPECTED[student])
    assert len(data["tests"]) == 20
    assert sum(test["max_score"] for test in data["tests"]) == 100
    for test in data["tests"]:
        assert set(test) >= {
            "name",
            "score",
            "max_score",
            "status",
            "output",
            "visibility",
            "tags",
        }
        assert test["status"] in {"passed", "failed"}
        assert test["tags"][0] in {"q1", "q2", "q3", "q4"}
        assert test["visibility"] in {"visible", "after_published"}


def test_non_importing_example_is_listed_in_full_with_its_error(batch_run) -> None:
    _, out, _ = batch_run

    data = json.loads((out / "oscar" / "results.json").read_text())

    assert data["score"] == 0
    assert all(test["status"] == "failed" for test in data["tests"])
    assert "SyntaxError at line" in data["output"]


def test_hang_example_reports_timeouts(batch_run) -> None:
    _, out, _ = batch_run

    data = json.loads((out / "peggy" / "results.json").read_text())
    q3 = [test for test in data["tests"] if test["tags"] == ["q3"]]

    assert len(q3) == 5
    assert all(
        "exhaustive_search() did not return within 2 s." in test["output"]
        for test in q3
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.links.extend(value or "" for name, value in attrs if name == "href")


def test_reports_and_index_are_self_contained_html(batch_run) -> None:
    _, out, _ = batch_run
    index = _Tags()
    index.feed((out / "index.html").read_text())

    assert "script" not in index.tags
    assert sorted(
        link for link in index.links if link.endswith("report.html")
    ) == sorted(f"{student}/report.html" for student in EXPECTED)
    for student in EXPECTED:
        page = (out / student / "report.html").read_text()
        assert "http://" not in page and "https://" not in page
        assert "<script" not in page


def test_plotting_example_output_is_in_its_report(batch_run) -> None:
    _, out, _ = batch_run

    page = (out / "dave" / "report.html").read_text()

    assert "w = 0.0 MSE = 18.666666666666668" in page
    assert "best w, b:" in page
