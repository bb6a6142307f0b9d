"""Late penalties: submission times from a CSV, applied by the assignment's policy."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.manifest import LatePolicy
from grader.results import SubmissionResult

__all__ = ["apply_late_policy", "read_submission_times"]


def read_submission_times(path: Path) -> dict[str, datetime]:
    """`student,submitted_at` rows (ISO 8601 with a UTC offset), keyed by student."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as stream:
            rows = list(csv.DictReader(stream))
    except OSError as error:
        raise GraderError(
            f"Cannot read {path} ({error.strerror}).", exit_code=ExitCode.USAGE
        ) from error
    times: dict[str, datetime] = {}
    for number, row in enumerate(rows, start=2):
        student, text = (
            (row.get("student") or "").strip(),
            row.get("submitted_at") or "",
        )
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            moment = None
        if not student or moment is None or moment.tzinfo is None:
            raise GraderError(
                f"{path}, line {number}: expected `student,submitted_at` with a time "
                "like 2026-10-02T09:30:00+00:00, got "
                f"{row.get('student')!r}, {text!r}.",
                exit_code=ExitCode.USAGE,
            )
        times[student] = moment
    return times


def apply_late_policy(
    result: SubmissionResult, policy: LatePolicy, submitted: datetime | None
) -> SubmissionResult:
    """The result with its late penalty set, and a note that explains it."""
    if submitted is None:
        note = "No submission time was given, so no late penalty was applied."
        return replace(result, notes=(*result.notes, note))
    percent = policy.percent_off(submitted)
    if percent == 0:
        return result
    penalty = round(result.raw_score * percent / 100, 2)
    late_by = submitted - policy.due
    note = (
        f"Submitted {_duration(late_by.total_seconds())} after the deadline "
        f"({policy.due.isoformat()}): {percent:g}% off, {penalty:g} points."
    )
    return replace(result, late_penalty=penalty, notes=(*result.notes, note))


def _duration(seconds: float) -> str:
    hours = seconds / 3600
    return f"{hours:.1f} hours" if hours < 48 else f"{hours / 24:.1f} days"
