"""`grade check`: a student's own run of the public tests on their work in progress."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader.errors import GraderError
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment
from grader.reports import write_submission_html
from grader.results import Outcome, SubmissionResult
from grader.submissions import single_submission

__all__ = ["CheckResult", "find_work", "run_check"]


@dataclass(frozen=True)
class CheckResult:
    """The public tests' verdict on one student's folder, and where its report is."""

    result: SubmissionResult
    report: Path

    @property
    def all_passed(self) -> bool:
        tests = self.result.tests
        return bool(tests) and all(test.outcome is Outcome.PASSED for test in tests)


def find_work(assignment: Assignment, path: Path | None) -> Path:
    """The student's folder: the one given, else ./<hw>, else the current folder."""
    if path is not None:
        if not path.exists():
            raise GraderError(
                f"{path} does not exist. Give the folder that holds your "
                f"{assignment.module_file}."
            )
        if path.is_file() and path.suffix.lower() not in {".py", ".zip"}:
            raise GraderError(
                f"{path} is not a folder, a .py file or a .zip. Give the folder that "
                f"holds your {assignment.module_file}."
            )
        return path
    for candidate in (Path.cwd() / assignment.assignment_id, Path.cwd()):
        if (candidate / assignment.module_file).is_file():
            return candidate
    raise GraderError(
        f"No {assignment.module_file} in ./{assignment.assignment_id} or the current "
        "folder. "
        f"Run `grade init {assignment.assignment_id}` to start, or give the folder: "
        f"`grade check {assignment.assignment_id} PATH`."
    )


def run_check(
    assignment: Assignment,
    work: Path,
    *,
    report: Path,
    questions: frozenset[str] | None = None,
    fresh_workers: bool = False,
) -> CheckResult:
    """Run the public tests on `work` and write the HTML report."""
    options = GradingOptions(
        include_hidden=False, questions=questions, fresh_workers=fresh_workers
    )
    submission = single_submission(work.resolve(), student=_student_name(work))
    (result,) = grade_submissions(assignment, [submission], options=options)
    try:
        write_submission_html(result, assignment, report, public_only=True)
    except OSError as error:
        raise GraderError(
            f"Cannot write the report to {report} ({error.strerror}). Choose another "
            "place with --report."
        ) from error
    return CheckResult(result=result, report=report)


def _student_name(work: Path) -> str:
    return work.resolve().name or "student"
