"""`grade batch`: grade a whole class and write every report, the gradebook and the
index."""

from __future__ import annotations

import json
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from grader._shard import RESULT_PREFIX
from grader.errors import ExitCode, GraderError
from grader.grading import GradingOptions, grade_submissions
from grader.lateness import apply_late_policy, read_submission_times
from grader.manifest import Assignment
from grader.reports import (
    write_class_index,
    write_gradebook_csv,
    write_results_json,
    write_submission_html,
)
from grader.results import SubmissionResult
from grader.submissions import Submission, discover

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
    jobs: int = 1,
    submitted_at: Path | None = None,
    on_start: Callable[[int], None] = lambda total: None,
    on_result: Callable[[SubmissionResult], None] = lambda result: None,
) -> BatchResult:
    """Grade every submission in `submissions_dir`; write reports under `out` as they
    come.

    With `jobs` above 1, the class is split into that many shards, each graded by its
    own process with its own warm zygote, to use every core.
    """
    submissions_dir, out = _check_folders(submissions_dir, out)
    submissions, skipped = discover(submissions_dir)
    if not submissions:
        raise GraderError(
            f"No submissions found in {submissions_dir}: expected one folder, .zip or "
            ".py file per student.",
            exit_code=ExitCode.USAGE,
        )
    times = read_submission_times(submitted_at) if submitted_at else None
    if times is not None and assignment.late is None:
        raise GraderError(
            f"--submitted-at was given, but {assignment.assignment_id} has no [late] "
            "policy in its assignment.toml.",
            exit_code=ExitCode.USAGE,
        )
    on_start(len(submissions))
    out.mkdir(parents=True, exist_ok=True)
    sources = {s.student: s.source for s in submissions}
    late: dict[str, SubmissionResult] = {}

    def write(result: SubmissionResult) -> None:
        if times is not None and assignment.late is not None:
            source = sources[result.student]
            moment = times.get(result.student, times.get(source.stem))
            result = apply_late_policy(result, assignment.late, moment)
            late[result.student] = result
        folder = out / result.student
        folder.mkdir(exist_ok=True)
        write_results_json(result, folder / "results.json")
        write_submission_html(
            result, assignment, folder / "report.html", public_only=False
        )
        on_result(result)

    jobs = max(1, min(jobs, len(submissions)))
    if jobs == 1:
        results = grade_submissions(
            assignment, submissions, options=options, on_result=write
        )
        problems: dict[str, str] = {}
    else:
        results, problems = _grade_in_shards(
            assignment, submissions, options=options, jobs=jobs, on_result=write
        )
    graded = {result.student for result in results}
    failures = {
        s.student: problems.get(s.student, "grading stopped before a result")
        for s in submissions
        if s.student not in graded
    }
    order = {s.student: index for index, s in enumerate(submissions)}
    results = [late.get(result.student, result) for result in results]
    results.sort(key=lambda result: order[result.student])
    write_gradebook_csv(results, assignment, out / "grades.csv")
    write_class_index(results, assignment, out / "index.html", failures=failures)
    return BatchResult(results=results, out=out, skipped=skipped, failures=failures)


def _check_folders(submissions_dir: Path, out: Path) -> tuple[Path, Path]:
    submissions_dir, out = submissions_dir.resolve(), out.resolve()
    if not submissions_dir.is_dir():
        raise GraderError(
            f"{submissions_dir} is not a folder. Give the folder that holds one "
            "sub-folder, zip or .py file per student.",
            exit_code=ExitCode.USAGE,
        )
    if out.exists() and not out.is_dir():
        raise GraderError(
            f"--out {out} is a file; give a folder for the reports and grades.csv.",
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


def _grade_in_shards(
    assignment: Assignment,
    submissions: list[Submission],
    *,
    options: GradingOptions,
    jobs: int,
    on_result: Callable[[SubmissionResult], None],
) -> tuple[list[SubmissionResult], dict[str, str]]:
    """Grade round-robin shards in parallel processes; results arrive as they finish."""
    shards = [submissions[index::jobs] for index in range(jobs)]
    arrivals: queue.Queue[SubmissionResult | None] = queue.Queue()
    problems: dict[str, str] = {}
    processes = [_start_shard(assignment, shard, options) for shard in shards]
    readers = [
        threading.Thread(target=_read_shard, args=(process, shard, arrivals, problems))
        for process, shard in zip(processes, shards, strict=True)
    ]
    for reader in readers:
        reader.start()
    results: list[SubmissionResult] = []
    try:
        for _ in range(len(readers)):
            while (result := arrivals.get()) is not None:
                results.append(result)
                on_result(result)
    finally:
        for process, _errors in processes:
            if process.poll() is None:
                process.kill()
        for reader in readers:
            reader.join()
    if any(process.returncode in _INTERRUPTED for process, _ in processes):
        raise KeyboardInterrupt
    return results, problems


_INTERRUPTED = frozenset({int(ExitCode.INTERRUPTED), -signal.SIGINT})


def _start_shard(
    assignment: Assignment, shard: list[Submission], options: GradingOptions
) -> tuple[subprocess.Popen[str], IO[bytes]]:
    job = {
        "course": str(assignment.course_root),
        "assignment": assignment.assignment_id,
        "submissions": [[s.student, str(s.source)] for s in shard],
        "questions": sorted(options.questions) if options.questions else None,
        "fresh_workers": options.fresh_workers,
        "isolation": str(options.isolation) if options.isolation else None,
    }
    # Read after exit (a pipe could fill and block), so the file outlives this
    # function: _read_shard owns it and closes it.
    errors = tempfile.TemporaryFile()  # noqa: SIM115  # closed in _read_shard
    process = subprocess.Popen(
        [sys.executable, "-m", "grader._shard"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(job) + "\n")
    process.stdin.close()
    return process, errors


def _read_shard(
    shard_process: tuple[subprocess.Popen[str], IO[bytes]],
    shard: list[Submission],
    arrivals: queue.Queue[SubmissionResult | None],
    problems: dict[str, str],
) -> None:
    """Pass on a shard's results; if it fails, say why for what it left ungraded."""
    process, errors = shard_process
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(RESULT_PREFIX):
                data = json.loads(line.removeprefix(RESULT_PREFIX))
                arrivals.put(SubmissionResult.from_dict(data))
        process.wait()
        errors.seek(0)
        error = errors.read().decode("utf-8", "replace").strip()
        if process.returncode != 0:
            reason = error.splitlines()[-1] if error else f"exit {process.returncode}"
            for submission in shard:
                problems[submission.student] = f"its grading process failed: {reason}"
    finally:
        errors.close()
        arrivals.put(None)  # always, or the batch would wait for this shard forever
