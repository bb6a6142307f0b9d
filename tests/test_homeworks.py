"""Every homework: its suite is fair and strong, its examples get their exact scores,
and its release holds nothing hidden."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.batch import run_batch
from grader.grading import GradingOptions
from grader.manifest import Course
from grader.release import find_leaks, release_assignment
from grader.verify import verify_assignment

from .conftest import REPO

HOMEWORKS = ["hw1", "hw2", "hw3", "hw4"]

# student: per-question scores, as examples/<hw>/EXPECTED.md explains (hw1 has its
# own end-to-end test through the CLI in test_examples_hw1.py)
EXPECTED = {
    "hw2": {
        "alice": (15, 25, 30, 30),
        "bob": (15, 25, 30, 30),
        "carol": (15, 25, 30, 30),
        "dave": (15, 25, 30, 30),
        "erin": (15, 25, 10, 30),
        "frank": (15, 0, 5, 5),
        "grace": (15, 25, 30, 10),
        "heidi": (15, 25, 30, 15),
    },
    "hw3": {
        "alice": (15, 25, 25, 35),
        "bob": (15, 25, 25, 35),
        "carol": (15, 25, 25, 35),
        "dave": (15, 25, 25, 35),
        "erin": (15, 25, 2.5, 35),
        "frank": (15, 0, 0, 0),  # autograd in q2-q4, which hw3 forbids
        "grace": (15, 25, 25, 15),
        "heidi": (15, 0, 2.5, 35),
    },
    "hw4": {
        "alice": (20, 50, 30),
        "bob": (20, 50, 30),
        "carol": (20, 15, 30),
        "dave": (20, 15, 30),
        "erin": (20, 15, 30),
        "frank": (20, 15, 0),
        "grace": (20, 0, 30),
    },
}


@pytest.mark.parametrize("homework", HOMEWORKS)
def test_verify_passes_with_enough_mutants(course: Course, homework: str) -> None:
    report = verify_assignment(course.assignment(homework))

    assert report.problems == []
    assert report.survivors == []
    assert report.reference_score == report.max_score == 100.0
    assert report.stub_score == 0.0
    assert len(report.mutants) >= 5


@pytest.mark.parametrize("homework", sorted(EXPECTED))
def test_examples_get_their_exact_scores(
    course: Course, homework: str, tmp_path: Path
) -> None:
    assignment = course.assignment(homework)

    batch = run_batch(
        assignment,
        REPO / "examples" / homework,
        tmp_path / "out",
        options=GradingOptions(),
    )

    scores = {
        result.student: tuple(q.score for q in result.questions)
        for result in batch.results
    }
    expected = {
        student: tuple(float(points) for points in row)
        for student, row in EXPECTED[homework].items()
    }
    assert scores == expected
    assert batch.failures == {}


@pytest.mark.parametrize("homework", HOMEWORKS)
def test_release_holds_no_hidden_content(
    course: Course, homework: str, tmp_path: Path
) -> None:
    assignment = course.assignment(homework)

    files = release_assignment(assignment, tmp_path / "release")

    names = {path.name for path in files}
    assert names == {
        "assignment.toml",
        f"test_public_{homework}.py",
        "README.md",
        assignment.module_file,
    }
    assert find_leaks(tmp_path / "release", assignment) == []
    stub = tmp_path / "release" / "student_template" / homework / assignment.module_file
    assert (
        stub.read_text()
        == (assignment.template_dir / assignment.module_file).read_text()
    )
