"""Shared fixtures: the course in this repository, and hw1 graded once per test run.

Grading starts a warm worker process (which imports torch), so the expensive runs are
session-scoped and many tests read their results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment, Course
from grader.results import SubmissionResult
from grader.submissions import discover

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def course() -> Course:
    return Course(REPO)


@pytest.fixture(scope="session")
def hw1(course: Course) -> Assignment:
    return course.assignment("hw1")


@pytest.fixture(scope="session")
def hw1_cases(hw1: Assignment) -> dict[str, SubmissionResult]:
    """The special cases of tests/data/hw1_cases, graded with their hidden tests."""
    submissions, skipped = discover(DATA / "hw1_cases")
    assert skipped == []
    results = grade_submissions(hw1, submissions, options=GradingOptions())
    return {result.student: result for result in results}
