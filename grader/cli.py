"""The `grade` command: list, init, check and batch."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from grader.batch import run_batch
from grader.check import CheckResult, find_work, run_check
from grader.errors import ExitCode, GraderError
from grader.grading import GradingOptions, collect_tests
from grader.manifest import Assignment, find_course
from grader.release import release_assignment
from grader.results import Outcome, QuestionResult
from grader.sandbox import Isolation
from grader.scaffold import new_assignment
from grader.starter import start_assignment
from grader.verify import VerifyReport, verify_assignment

__all__ = ["app", "main", "run"]

app = typer.Typer(
    help="Grade homework of the PyTorch course: check your work, or grade a class.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

AssignmentArgument = Annotated[
    str, typer.Argument(metavar="ASSIGNMENT", help="An assignment id, e.g. hw1.")
]
CourseOption = Annotated[
    Path | None,
    typer.Option(
        "--course", help="The course folder (holds assignments/). Found automatically."
    ),
]
QuestionOption = Annotated[
    list[str] | None,
    typer.Option(
        "-q", "--question", help="Run only this question (repeatable), e.g. -q q2."
    ),
]
FreshOption = Annotated[
    bool,
    typer.Option(
        "--fresh-workers",
        help="Start each worker from scratch instead of forking (slower).",
    ),
]

_STATUS = {
    Outcome.PASSED: "[green]pass[/]",
    Outcome.FAILED: "[red]fail[/]",
    Outcome.ERROR: "[red]error[/]",
    Outcome.TIMEOUT: "[red]timeout[/]",
    Outcome.GRADER_ERROR: "[magenta]grader error[/]",
}


@app.callback()
def _configure(
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Log details.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(name)s: %(message)s",
    )


@app.command("list")
def list_assignments(course: CourseOption = None) -> None:
    """List the assignments, their questions and points."""
    found = find_course(course)
    for assignment_id in found.assignment_ids():
        assignment = found.assignment(assignment_id)
        points = _question_points(assignment)
        console.print(
            f"[bold]{assignment_id}[/]  {escape(assignment.title)}  "
            f"(edit {assignment.module_file}; {sum(points.values()):g} points)"
        )
        for question in assignment.questions:
            worth = points.get(question.question_id, 0.0)
            console.print(
                f"  {question.question_id}  {escape(question.title)}  "
                f"({worth:g} points)"
            )


@app.command()
def init(
    assignment_id: AssignmentArgument,
    directory: Annotated[
        Path | None, typer.Argument(help="Where to start (default ./ASSIGNMENT).")
    ] = None,
    course: CourseOption = None,
) -> None:
    """Copy an assignment's starter files into a new folder to start work."""
    assignment = find_course(course).assignment(assignment_id)
    target = directory or Path(assignment_id)
    module = start_assignment(assignment, target)
    console.print(
        f"Started {assignment_id} in {target}. Edit {module}, then run "
        f"`grade check {assignment_id}`."
    )


@app.command()
def check(
    assignment_id: AssignmentArgument,
    path: Annotated[
        Path | None, typer.Argument(help="Your folder (default ./ASSIGNMENT, else .).")
    ] = None,
    question: QuestionOption = None,
    report: Annotated[
        Path | None, typer.Option(help="Where to write the HTML report.")
    ] = None,
    fresh_workers: FreshOption = False,
    course: CourseOption = None,
) -> None:
    """Run the public tests on your work and show what passes."""
    assignment = find_course(course).assignment(assignment_id)
    work = find_work(assignment, path)
    report_path = report or Path(".grade") / f"{assignment_id}-report.html"
    if report_path.suffix.lower() not in {".html", ".htm"}:
        raise GraderError(
            f"--report {report_path} must end in .html; the report is a web page.",
            exit_code=ExitCode.USAGE,
        )
    with console.status(f"Running the public tests of {assignment_id} on {work}..."):
        outcome = run_check(
            assignment,
            work,
            report=report_path,
            questions=_question_ids(question),
            fresh_workers=fresh_workers,
        )
    _print_check(assignment, outcome)
    if not outcome.all_passed:
        raise typer.Exit(ExitCode.TESTS_FAILED)


@app.command()
def batch(
    assignment_id: AssignmentArgument,
    submissions: Annotated[
        Path, typer.Argument(help="One sub-folder, .zip or .py per student.")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write reports and grades.csv.")
    ],
    question: QuestionOption = None,
    isolation: Annotated[
        Isolation | None,
        typer.Option(
            help="strict: Linux namespaces, no network, no files but the submission "
            "(the default on Linux; refuses to run without bubblewrap). basic: a "
            "separate process with limits (the default elsewhere)."
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Grade this many shards in parallel (default: cores).",
        ),
    ] = os.cpu_count() or 1,
    submitted_at: Annotated[
        Path | None,
        typer.Option(
            help="CSV of `student,submitted_at` (ISO 8601 times) for the late policy."
        ),
    ] = None,
    fresh_workers: FreshOption = False,
    course: CourseOption = None,
) -> None:
    """Grade every submission with the public and hidden tests."""
    assignment = find_course(course).assignment(assignment_id)
    if isolation is None:
        linux = sys.platform.startswith("linux")
        isolation = Isolation.STRICT if linux else Isolation.BASIC
    if fresh_workers and isolation is Isolation.STRICT:
        raise GraderError(
            "--fresh-workers runs workers outside the sandbox; add --isolation basic.",
            exit_code=ExitCode.USAGE,
        )
    options = GradingOptions(
        include_hidden=True,
        questions=_question_ids(question),
        fresh_workers=fresh_workers,
        isolation=isolation,
    )
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
    ) as progress:
        task = progress.add_task("Starting workers", total=None)
        outcome = run_batch(
            assignment,
            submissions,
            out,
            options=options,
            jobs=jobs,
            submitted_at=submitted_at,
            on_start=lambda total: progress.update(
                task, total=total, description="Grading"
            ),
            on_result=lambda result: progress.advance(task),
        )
    for note in outcome.skipped:
        errors.print(f"[yellow]Skipped[/] {escape(note)}")
    for student, reason in outcome.failures.items():
        errors.print(f"[red]No result for {escape(student)}[/]: {escape(reason)}")
    scores = [r.score for r in outcome.results]
    mean = sum(scores) / len(scores) if scores else 0.0
    noun = "submission" if len(outcome.results) == 1 else "submissions"
    console.print(
        f"Graded {len(outcome.results)} {noun} of {assignment_id} (mean {mean:.1f} / "
        f"{outcome.results[0].max_score if outcome.results else 0:g})."
    )
    console.print(
        f"Gradebook: {outcome.out / 'grades.csv'}\n"
        f"Class view: {outcome.out / 'index.html'}"
    )
    if not outcome.complete:
        raise typer.Exit(ExitCode.GRADING_INCOMPLETE)


@app.command()
def verify(
    assignment_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[ASSIGNMENT]...", help="Default: every assignment."),
    ] = None,
    course: CourseOption = None,
) -> None:
    """Check an assignment's tests: reference full marks, stub zero, mutants caught."""
    found = find_course(course)
    failed = False
    for assignment_id in assignment_ids or found.assignment_ids():
        assignment = found.assignment(assignment_id)
        with console.status(f"Verifying {assignment_id}..."):
            report = verify_assignment(assignment)
        _print_verify(report)
        failed = failed or not report.ok
    if failed:
        raise typer.Exit(ExitCode.TESTS_FAILED)


@app.command()
def new(
    assignment_id: AssignmentArgument,
    module: Annotated[
        str, typer.Option(help="The file students edit, without .py.")
    ] = "homework",
    course: CourseOption = None,
) -> None:
    """Scaffold a new assignment that `grade verify` accepts; then fill it in."""
    files = new_assignment(find_course(course), assignment_id, module=module)
    for path in files:
        console.print(f"  wrote {path}")
    console.print(
        f"Next: edit them, add mutants, and run `grade verify {assignment_id}`."
    )


@app.command()
def release(
    assignment_id: AssignmentArgument,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="A new folder for the release.")
    ],
    course: CourseOption = None,
) -> None:
    """Write what students get: stub, README, public tests; never hidden tests."""
    assignment = find_course(course).assignment(assignment_id)
    files = release_assignment(assignment, out)
    console.print(
        f"Released {assignment_id} to {out} ({len(files)} files, no hidden content)."
    )
    console.print(f"Students run: grade init {assignment_id} --course {out}")


def _print_verify(report: VerifyReport) -> None:
    mark = "[green]ok[/]" if report.ok else "[red]problems[/]"
    console.print(
        f"[bold]{report.assignment_id}[/]: {mark}. "
        f"Reference {report.reference_score:g} / "
        f"{report.max_score:g}, stub {report.stub_score:g}, "
        f"{len(report.mutants) - len(report.survivors)} of {len(report.mutants)} "
        "mutants caught."
    )
    for mutant in report.mutants:
        verdict = (
            f"caught, lost {mutant.lost:g}" if mutant.caught else "[red]survived[/]"
        )
        console.print(f"  {mutant.question}  {escape(mutant.name)}: {verdict}")
    for problem in report.problems:
        console.print(f"  [red]problem:[/] {escape(problem)}")


def _print_check(assignment: Assignment, outcome: CheckResult) -> None:
    result = outcome.result
    if result.import_error:
        console.print(
            f"[red bold]Your code could not be graded:[/] {escape(result.import_error)}"
        )
    for note in result.notes:
        console.print(f"[yellow]Note:[/] {escape(note)}")
    table = Table(
        title=f"{assignment.assignment_id}: {escape(assignment.title)} (public tests)"
    )
    for column in ("Question", "Result", "Score", "What to look at"):
        table.add_column(column)
    for question in result.questions:
        table.add_row(
            f"{question.question_id} {escape(question.title)}",
            "[green]pass[/]" if question.passed else "[red]fail[/]",
            f"{question.score:g} / {question.max_score:g}",
            escape(_advice(assignment, question)),
        )
    console.print(table)
    for test in result.tests:
        if test.outcome is not Outcome.PASSED:
            first_line = (
                test.message.strip().splitlines()[0] if test.message.strip() else ""
            )
            console.print(
                f"  {_STATUS[test.outcome]} {escape(test.description)}: "
                f"{escape(first_line)}"
            )
    console.print(
        f"Public tests: [bold]{result.raw_score:g} / {result.max_score:g}[/] points. "
        "Hidden tests also count in your final grade, so passing these is not the "
        "whole story."
    )
    console.print(f"Report: {outcome.report.resolve()}")
    missing = [p for p in result.protections if p.startswith("not applied")]
    if missing:
        console.print(f"[yellow]Isolation: basic.[/] {escape(missing[0])}.")
    else:
        console.print("Isolation: strict (your code ran in a sandbox).")


def _advice(assignment: Assignment, question: QuestionResult) -> str:
    if question.passed:
        return ""
    hint = assignment.question(question.question_id).hint
    failing = next(
        test for test in question.tests if test.outcome is not Outcome.PASSED
    )
    first_line = (
        failing.message.strip().splitlines()[0] if failing.message.strip() else ""
    )
    return hint or first_line


def _question_points(assignment: Assignment) -> dict[str, float]:
    points: dict[str, float] = {}
    for test in collect_tests(assignment):
        points[test.question] = points.get(test.question, 0.0) + test.points
    return points


def _question_ids(given: list[str] | None) -> frozenset[str] | None:
    return frozenset(question.lower() for question in given) if given else None


def run(argv: list[str]) -> int:
    """Run the `grade` command with `argv`; return its exit code."""
    try:
        app(args=argv, prog_name="grade")
    except GraderError as error:
        errors.print(f"[red]Error:[/] {escape(error.message)}")
        return int(error.exit_code)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else int(ExitCode.OK)
    except KeyboardInterrupt:
        errors.print(
            "[red]Interrupted.[/] Grading stopped; no gradebook was written for this "
            "run. Run the command again to grade everything."
        )
        return int(ExitCode.INTERRUPTED)
    return int(ExitCode.OK)


def main() -> None:
    sys.exit(run(sys.argv[1:]))
