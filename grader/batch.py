"""`grade batch`: grade a whole class and write every report, the gradebook and the index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment
from grader.reports import (
    write_class_index,
    write_gradebook_csv,
    write_results_json,
    write_submission_html,
)
from grader.results import SubmissionResult
from grader.submissions import discover

__all__ = ["BatchResult", "run_batch"]


@dataclass(frozen=True)
class BatchResult:
    """What a batch produced, and which submissions got no result at all."""

    results: list[SubmissionResult]
    out: Path
    skipped: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.failures


def run_batch(
    assignment: Assignment,
    submissions_dir: Path,
    out: Path,
    *,
    options: GradingOptions,
    on_start: Callable[[int], None] = lambda total: None,
    on_result: Callable[[SubmissionResult], None] = lambda result: None,
) -> BatchResult:
    """Grade every submission in `submissions_dir`; write reports under `out` as they come."""
    submissions_dir, out = _check_folders(submissions_dir, out)
    submissions, skipped = discover(submissions_dir)
    on_start(len(submissions))
    out.mkdir(parents=True, exist_ok=True)

    def write(result: SubmissionResult) -> None:
        folder = out / result.student
        folder.mkdir(exist_ok=True)
        write_results_json(result, folder / "results.json")
        write_submission_html(result, assignment, folder / "report.html")
        on_result(result)

    results = grade_submissions(
        assignment, submissions, options=options, on_result=write
    )
    graded = {result.student for result in results}
    failures = {
        s.student: "grading stopped before this submission got a result"
        for s in submissions
        if s.student not in graded
    }
    write_gradebook_csv(results, assignment, out / "grades.csv")
    write_class_index(results, assignment, out / "index.html", failures=failures)
    return BatchResult(results=results, out=out, skipped=skipped, failures=failures)


def _check_folders(submissions_dir: Path, out: Path) -> tuple[Path, Path]:
    submissions_dir, out = submissions_dir.resolve(), out.resolve()
    if not submissions_dir.is_dir():
        raise GraderError(
            f"{submissions_dir} is not a folder. Give the folder that holds one sub-folder, "
            "zip or .py file per student.",
            exit_code=ExitCode.USAGE,
        )
    if out.is_relative_to(submissions_dir) or submissions_dir.is_relative_to(out):
        raise GraderError(
            f"The output folder {out} and the submissions folder {submissions_dir} "
            "overlap, and grading never writes among the submissions. Choose an --out "
            "folder outside it.",
            exit_code=ExitCode.USAGE,
        )
    return submissions_dir, out
