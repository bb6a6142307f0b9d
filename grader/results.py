"""The outcome of grading one submission: plain, frozen data that reports are made
from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "SCHEMA_VERSION",
    "Outcome",
    "QuestionResult",
    "SubmissionResult",
    "TestResult",
    "Visibility",
]

SCHEMA_VERSION = 1


class Outcome(StrEnum):
    """How one test ended; each kind stays distinct all the way to the report."""

    PASSED = "passed"
    FAILED = "failed"  # the student's code returned a wrong answer
    ERROR = "error"  # the student's code raised, crashed, or would not import
    TIMEOUT = "timeout"  # the student's code ran past its time limit
    GRADER_ERROR = "grader_error"  # a bug in the test or the framework, not the student


class Visibility(StrEnum):
    """Who may see a test, in Gradescope's vocabulary."""

    VISIBLE = "visible"
    AFTER_PUBLISHED = "after_published"


@dataclass(frozen=True)
class TestResult:
    """One test run against one submission."""

    __test__ = False  # not a pytest test class, despite its name

    test_id: str
    question: str
    description: str
    visibility: Visibility
    max_score: float
    score: float
    outcome: Outcome
    message: str = ""
    output: str = ""

    @property
    def hidden(self) -> bool:
        return self.visibility is not Visibility.VISIBLE


@dataclass(frozen=True)
class QuestionResult:
    """The tests of one question, with their summed score."""

    question_id: str
    title: str
    tests: tuple[TestResult, ...]

    @property
    def score(self) -> float:
        return sum(test.score for test in self.tests)

    @property
    def max_score(self) -> float:
        return sum(test.max_score for test in self.tests)

    @property
    def passed(self) -> bool:
        return all(test.outcome is Outcome.PASSED for test in self.tests)


@dataclass(frozen=True)
class SubmissionResult:
    """Everything known about one graded submission."""

    student: str
    assignment: str
    questions: tuple[QuestionResult, ...]
    source_file: str | None = None
    import_error: str | None = None
    import_output: str = ""
    notes: tuple[str, ...] = ()
    protections: tuple[str, ...] = ()
    late_penalty: float = 0.0
    schema_version: int = field(default=SCHEMA_VERSION)

    @property
    def tests(self) -> tuple[TestResult, ...]:
        return tuple(test for question in self.questions for test in question.tests)

    @property
    def raw_score(self) -> float:
        return sum(question.score for question in self.questions)

    @property
    def score(self) -> float:
        return max(0.0, self.raw_score - self.late_penalty)

    @property
    def max_score(self) -> float:
        return sum(question.max_score for question in self.questions)

    @property
    def has_grader_error(self) -> bool:
        return any(test.outcome is Outcome.GRADER_ERROR for test in self.tests)

    def to_dict(self) -> dict[str, Any]:
        """The full result as JSON-ready data, for archives and tools."""
        data = asdict(self)
        data["score"] = self.score
        data["max_score"] = self.max_score
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SubmissionResult:
        """The result `to_dict` wrote (trusted data, from a grading process)."""
        questions = tuple(
            QuestionResult(
                question_id=question["question_id"],
                title=question["title"],
                tests=tuple(_test_from_dict(test) for test in question["tests"]),
            )
            for question in data["questions"]
        )
        fields = {k: v for k, v in data.items() if k not in {"score", "max_score"}}
        fields.update(
            questions=questions,
            notes=tuple(data["notes"]),
            protections=tuple(data["protections"]),
        )
        return cls(**fields)


def _test_from_dict(data: dict[str, Any]) -> TestResult:
    return TestResult(
        **{
            **data,
            "visibility": Visibility(data["visibility"]),
            "outcome": Outcome(data["outcome"]),
        }
    )
