"""Report writers: Gradescope's results.json, a student's HTML report, the class index
and the gradebook CSV, all made from `SubmissionResult` data.

Every string that may come from a student (messages, captured output, import errors,
even the student id) is untrusted. It is capped in length before it leaves this module,
and the HTML templates autoescape it; nothing here marks student text safe.
"""

from __future__ import annotations

import csv
import functools
import json
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import jinja2

from grader.results import Outcome, QuestionResult, SubmissionResult, TestResult

if TYPE_CHECKING:
    from grader.manifest import Assignment

__all__ = [
    "FIELD_LIMIT",
    "gradescope_results",
    "render_class_index",
    "render_submission_html",
    "write_class_index",
    "write_gradebook_csv",
    "write_results_json",
    "write_submission_html",
]

FIELD_LIMIT = 4000  # characters in any one reported text field
_LINE_LIMIT = 500  # a one-line text: a test's description, a file name
_NAME_LIMIT = 200  # a student id
_MARKER_ROOM = 40  # characters set aside for the "(cut N characters)" marker
_HISTOGRAM_BINS = 10
# Spreadsheets run a cell starting with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DASH = "\N{EN DASH}"  # shown where there is no number
_MINUS = "\N{MINUS SIGN}"
_MIDDLE_DOT = "\N{MIDDLE DOT}"
_NO_FAILURES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class _Badge:
    """How an outcome looks: a word and a symbol, so colour is never the only cue.

    Symbols are characters that common fonts carry; the timeout's clock has none
    there, so its symbol is empty and the stylesheet draws one.
    """

    label: str
    css: str
    symbol: str


_BADGES = {
    Outcome.PASSED: _Badge("passed", "passed", "✓"),
    Outcome.FAILED: _Badge("failed", "failed", "✗"),
    Outcome.ERROR: _Badge("error", "error", "!"),
    Outcome.TIMEOUT: _Badge("timeout", "timeout", ""),
    Outcome.GRADER_ERROR: _Badge("grader error", "grader-error", "⚠"),
}

_EXPLANATIONS = {
    Outcome.ERROR: "Your code raised an error or crashed during this test.",
    Outcome.TIMEOUT: "Your code ran past its time limit during this test.",
    Outcome.GRADER_ERROR: (
        "The grader itself failed on this test. This is not your fault and not a "
        "problem in your code; your instructor will look into it."
    ),
}


# --- Shared helpers -------------------------------------------------------------------


def _cap(text: str, limit: int = FIELD_LIMIT) -> str:
    """The text cut to at most `limit` characters, keeping its start and its end.

    The end is kept because that is where a traceback names the actual error. Lone
    surrogates (possible in decoded student output) become "?" so the text can always
    be written as UTF-8.
    """
    if len(text) > limit:
        kept = limit - _MARKER_ROOM
        head = kept * 2 // 3
        marker = f"\n... (cut {len(text) - kept} characters) ...\n"
        text = text[:head] + marker + text[len(text) - (kept - head) :]
    return text.encode("utf-8", "replace").decode("utf-8")


def _number(value: float, *, places: int = 4) -> str:
    """A score without needless decimals or float noise: 10, 7.5, 0.3."""
    if not math.isfinite(value):
        return str(value)
    rounded = round(value, places)
    if rounded == int(rounded):
        return str(int(rounded))
    return repr(rounded)


def _statistic(value: float) -> str:
    """A class statistic (a mean, a median) to one decimal, halves rounded up: 3.6."""
    if not math.isfinite(value):
        return str(value)
    rounded = Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _number(float(rounded))


def _points_text(value: float) -> str:
    return f"{_number(value)} point" if value == 1 else f"{_number(value)} points"


def _points(value: float) -> float:
    """A score rounded for machine output, so sums like 0.1 + 0.2 read 0.3."""
    return round(value, 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("grader", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# --- Gradescope results.json ----------------------------------------------------------


def gradescope_results(result: SubmissionResult) -> dict[str, Any]:
    """The submission in Gradescope's autograder `results.json` format.

    The top-level `score` is the final score, after any late penalty, and overrides the
    sum of the tests' scores. Our own totals travel in `extra_data`.
    """
    blocked = _blocked_because(result)
    tests = [
        _gradescope_test(test, number=f"{q_index}.{t_index}", blocked=blocked)
        for q_index, question in enumerate(result.questions, start=1)
        for t_index, test in enumerate(question.tests, start=1)
    ]
    return {
        "score": _points(result.score),
        "output": _gradescope_summary(result),
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {
            "schema_version": result.schema_version,
            "assignment": _cap(result.assignment),
            "raw_score": _points(result.raw_score),
            "late_penalty": _points(result.late_penalty),
            "max_score": _points(result.max_score),
            "questions": {
                q.question_id: {
                    "score": _points(q.score),
                    "max_score": _points(q.max_score),
                }
                for q in result.questions
            },
        },
    }


def _gradescope_test(test: TestResult, *, number: str, blocked: str) -> dict[str, Any]:
    parts = []
    if blocked and test.outcome in (Outcome.ERROR, Outcome.TIMEOUT):
        parts.append(f"This test could not run: {blocked}.")
    elif test.outcome in _EXPLANATIONS:
        parts.append(_EXPLANATIONS[test.outcome])
    if test.message:
        parts.append(test.message)
    if test.output and not test.hidden:
        parts.append(f"Output of your code:\n{test.output}")
    return {
        "name": _cap(f"{test.question}: {test.description}"),
        "number": number,
        "score": _points(test.score),
        "max_score": _points(test.max_score),
        "status": "passed" if test.outcome is Outcome.PASSED else "failed",
        # Each part is capped first so a huge output cannot push the message out.
        "output": _cap("\n\n".join(_cap(part) for part in parts)),
        "visibility": test.visibility.value,
        "tags": [test.question],
    }


def _gradescope_summary(result: SubmissionResult) -> str:
    lines = []
    if result.late_penalty > 0:
        lines.append(
            f"A late penalty of {_points_text(result.late_penalty)} was applied: "
            f"{_number(result.raw_score)} became {_number(result.score)} "
            f"out of {_number(result.max_score)}."
        )
    if result.has_grader_error:
        lines.append(
            "Some tests failed because of a problem in the grader, not in your code; "
            "your instructor will look into it."
        )
    lines.extend(_cap(note) for note in result.notes)
    if result.import_error is not None:
        heading = (
            "No file could be graded"
            if result.source_file is None
            else "Your file could not be imported"
        )
        lines.append(f"{heading}:\n{_cap(result.import_error)}")
    return _cap("\n\n".join(lines))


def write_results_json(result: SubmissionResult, path: Path) -> None:
    """Write the Gradescope results for one submission to `path`."""
    data = gradescope_results(result)
    # NaN is not JSON; failing here beats Gradescope rejecting the file later.
    _write_text(path, json.dumps(data, indent=2, allow_nan=False) + "\n")


# --- A student's HTML report ----------------------------------------------------------


@dataclass(frozen=True)
class _Blocked:
    """Why no test could use the submission: said once, at the top of the report."""

    heading: str
    lead: str
    reason: str
    summary: str


@dataclass(frozen=True)
class _TestView:
    description: str
    badge: _Badge
    explanation: str
    hidden: bool
    points: str
    message: str
    output: str


@dataclass(frozen=True)
class _QuestionView:
    question_id: str
    title: str
    hint: str
    score: str
    max_score: str
    standing: str  # "zero", "partial" or "full"; empty for a question worth nothing
    subtotal: str
    collapsed: str  # the line that stands for the tests when none could run, or ""
    tests: tuple[_TestView, ...]


@dataclass(frozen=True)
class _Footer:
    graded_at: str
    graded_at_iso: str
    schema_version: int
    call_timeout: str
    budget: str
    protections: tuple[str, ...]


def render_submission_html(
    result: SubmissionResult,
    assignment: Assignment,
    *,
    graded_at: datetime | None = None,
    public_only: bool | None = None,
) -> str:
    """One student's report as a self-contained HTML page (inline CSS, no scripts).

    `graded_at` is shown in UTC and defaults to now. `public_only` says the run left
    out the hidden tests (as `grade check` does); by default that is assumed when the
    result holds no hidden test.
    """
    has_hidden = any(test.hidden for test in result.tests)
    if public_only is None:
        public_only = not has_hidden
    hints = {q.question_id: q.hint for q in assignment.questions}
    blocked = _blocked_because(result)
    template = _environment().get_template("report.html")
    return template.render(
        assignment_title=assignment.title,
        student=_cap(result.student, _NAME_LIMIT),
        source_file=_cap(result.source_file or "", _LINE_LIMIT),
        public_only_line=public_only and not has_hidden,
        score=_number(result.score),
        raw_score=_number(result.raw_score),
        max_score=_number(result.max_score),
        percent=_percent(result.score, result.max_score),
        late_penalty=_points_text(result.late_penalty)
        if result.late_penalty > 0
        else "",
        blocked=_blocked_view(result, because=blocked),
        notes=[_cap(note) for note in result.notes],
        import_output=_cap(result.import_output),
        has_grader_error=result.has_grader_error,
        questions=[
            _question_view(
                q,
                hint=hints.get(q.question_id, ""),
                blocked=blocked,
                public_only=public_only,
                import_error=result.import_error or "",
            )
            for q in result.questions
        ],
        footer=_footer(result, assignment, graded_at=graded_at),
    )


def _blocked_because(result: SubmissionResult) -> str:
    """Why no test could use the submission, as a sentence's end ("" if tests could)."""
    if result.import_error is None:
        return ""
    if result.source_file is None:
        return "no file could be graded"
    return "your file could not be imported"


def _blocked_view(result: SubmissionResult, *, because: str) -> _Blocked | None:
    if result.import_error is None:
        return None
    if result.source_file is None:
        heading = "No file could be graded"
        lead = (
            "The grader found no file it could grade in this submission, so no test "
            "could run. Fix the problem described here, then try again."
        )
    else:
        heading = "Your file could not be imported"
        lead = (
            f"Python stopped with an error while loading "
            f"{_cap(result.source_file, _LINE_LIMIT)}, so no test could use it. "
            "Fix this error first, then check your file again."
        )
    return _Blocked(
        heading=heading,
        lead=lead,
        reason=_cap(result.import_error),
        summary=_failed_line(result.tests, because=because),
    )


def _failed_line(tests: Sequence[TestResult], *, because: str) -> str:
    """One sentence standing for tests that could not use the submission.

    It is empty when none of them failed, and then nothing is collapsed.
    """
    failed = sum(1 for test in tests if test.outcome is not Outcome.PASSED)
    if failed == 0:
        return ""
    if failed == len(tests) == 1:
        return f"The only test failed because {because}."
    if failed == len(tests):
        return f"All {failed} tests failed because {because}."
    return f"{failed} of {len(tests)} tests failed because {because}."


def _question_view(
    question: QuestionResult,
    *,
    hint: str,
    blocked: str,
    public_only: bool,
    import_error: str,
) -> _QuestionView:
    full = question.max_score > 0 and question.score >= question.max_score
    return _QuestionView(
        question_id=question.question_id,
        title=question.title,
        hint="" if full else hint,
        score=_number(question.score),
        max_score=_number(question.max_score),
        standing=_standing(question),
        subtotal=_subtotal(question.tests, public_only=public_only),
        collapsed=_failed_line(question.tests, because=blocked) if blocked else "",
        tests=tuple(
            _test_view(test, blocked=bool(blocked), import_error=import_error)
            for test in question.tests
        ),
    )


def _standing(question: QuestionResult) -> str:
    if question.max_score <= 0:
        return ""
    if question.score <= 0:
        return "zero"
    return "full" if question.score >= question.max_score else "partial"


def _subtotal(tests: Sequence[TestResult], *, public_only: bool) -> str:
    """The question's points split between public and hidden tests."""
    public = [test for test in tests if not test.hidden]
    hidden = [test for test in tests if test.hidden]
    parts = [f"public {_fraction(public)}" if public else "no public tests"]
    if hidden:
        parts.append(f"hidden {_fraction(hidden)}")
    else:
        parts.append("hidden tests not run" if public_only else "no hidden tests")
    return f" {_MIDDLE_DOT} ".join(parts)


def _fraction(tests: Sequence[TestResult]) -> str:
    score = sum(test.score for test in tests)
    return f"{_number(score)} / {_number(sum(test.max_score for test in tests))}"


def _test_view(test: TestResult, *, blocked: bool, import_error: str) -> _TestView:
    """A test's row, without the reason stated at the top when no file was graded."""
    explanation = _EXPLANATIONS.get(test.outcome, "")
    message = test.message
    if blocked and test.outcome is not Outcome.GRADER_ERROR:
        explanation = ""
        if message.strip() == import_error.strip():
            message = ""
    return _TestView(
        description=_cap(test.description, _LINE_LIMIT),
        badge=_BADGES[test.outcome],
        explanation=explanation,
        hidden=test.hidden,
        points=f"{_number(test.score)} / {_number(test.max_score)}",
        message=_cap(message),
        output="" if test.hidden else _cap(test.output),
    )


def _footer(
    result: SubmissionResult, assignment: Assignment, *, graded_at: datetime | None
) -> _Footer:
    when = (graded_at or datetime.now(UTC)).astimezone(UTC)
    return _Footer(
        graded_at=when.strftime("%Y-%m-%d %H:%M UTC"),
        graded_at_iso=when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        schema_version=result.schema_version,
        call_timeout=_seconds(assignment.limits.call_timeout_s),
        budget=_seconds(assignment.limits.submission_budget_s),
        protections=tuple(_cap(p, _LINE_LIMIT) for p in result.protections),
    )


def _seconds(value: float) -> str:
    return f"{_number(value)} second" if value == 1 else f"{_number(value)} seconds"


def _percent(score: float, max_score: float) -> float:
    if max_score <= 0:
        return 0.0
    return round(min(100.0, max(0.0, 100.0 * score / max_score)), 1)


def write_submission_html(
    result: SubmissionResult,
    assignment: Assignment,
    path: Path,
    *,
    graded_at: datetime | None = None,
    public_only: bool | None = None,
) -> None:
    """Write one student's HTML report to `path` (see `render_submission_html`)."""
    html = render_submission_html(
        result, assignment, graded_at=graded_at, public_only=public_only
    )
    _write_text(path, html)


# --- The class index ------------------------------------------------------------------


@dataclass(frozen=True)
class _Flag:
    label: str
    css: str


@dataclass(frozen=True)
class _StudentRow:
    student: str
    href: str
    score: str
    max_score: str
    percent: float
    questions: tuple[str, ...]
    flags: tuple[_Flag, ...]


@dataclass(frozen=True)
class _QuestionStats:
    question_id: str
    title: str
    max_score: str
    mean: str
    full_percent: str


@dataclass(frozen=True)
class _Bar:
    label: str
    title: str
    count: int
    height: float
    full: bool = False


def render_class_index(
    results: Sequence[SubmissionResult],
    assignment: Assignment,
    *,
    failures: Mapping[str, str] = _NO_FAILURES,
) -> str:
    """The class at a glance: summary statistics, a histogram, and one row a student.

    `failures` maps each student whose grading produced no result to the reason.
    """
    ordered = sorted(results, key=lambda r: r.student)
    scores = [r.score for r in ordered]
    template = _environment().get_template("index.html")
    return template.render(
        assignment_title=assignment.title,
        count=len(ordered),
        mean=_statistic(statistics.fmean(scores)) if scores else _DASH,
        median=_statistic(statistics.median(scores)) if scores else _DASH,
        best=_number(max(scores)) if scores else _DASH,
        max_score=_number(max((r.max_score for r in ordered), default=0.0)),
        question_ids=[q.question_id for q in assignment.questions],
        question_stats=[
            _question_stats(ordered, q.question_id, q.title)
            for q in assignment.questions
        ],
        bars=_histogram(ordered),
        rows=[_student_row(r, assignment) for r in ordered],
        failures=sorted(
            (_cap(s, _NAME_LIMIT), _cap(why)) for s, why in failures.items()
        ),
    )


def _question_scores(result: SubmissionResult) -> dict[str, QuestionResult]:
    return {q.question_id: q for q in result.questions}


def _question_stats(
    results: Sequence[SubmissionResult], question_id: str, title: str
) -> _QuestionStats:
    """Mean score and share of full marks on one question; a missing question is 0."""
    found = [_question_scores(r).get(question_id) for r in results]
    scores = [0.0 if q is None else q.score for q in found]
    top = max((q.max_score for q in found if q is not None), default=0.0)
    full = sum(1 for q in found if q is not None and 0 < q.max_score <= q.score)
    return _QuestionStats(
        question_id=question_id,
        title=title,
        max_score=_number(top),
        mean=_statistic(statistics.fmean(scores)) if scores else _DASH,
        full_percent=f"{100 * full / len(scores):.0f}%" if scores else _DASH,
    )


def _histogram(results: Sequence[SubmissionResult]) -> list[_Bar]:
    """Counts of final scores in ten equal bins, then one for full marks.

    The ten bins run from 0 up to, not including, the highest possible score.
    """
    top = max((r.max_score for r in results), default=0.0)
    if top <= 0:
        return []
    counts = [0] * (_HISTOGRAM_BINS + 1)
    for result in results:
        fraction = max(0.0, result.score) / top
        counts[min(int(fraction * _HISTOGRAM_BINS), _HISTOGRAM_BINS)] += 1
    tallest = max(counts)
    width = top / _HISTOGRAM_BINS
    bars = [
        _Bar(
            label=_bin_label(i * width, (i + 1) * width, width=width),
            title=f"{_number(i * width)} to under {_number((i + 1) * width)} points",
            count=count,
            height=_bar_height(count, tallest),
        )
        for i, count in enumerate(counts[:-1])
    ]
    bars.append(
        _Bar(
            label=_number(top),
            title=f"{_number(top)} points (full marks)",
            count=counts[-1],
            height=_bar_height(counts[-1], tallest),
            full=True,
        )
    )
    return bars


def _bin_label(low: float, high: float, *, width: float) -> str:
    """A bin's range as people write it: 90 to 99.9 for [90, 100).

    The upper end is one step of the label's last decimal below the bin's end.
    """
    places = max(1, 1 - math.floor(math.log10(width)))
    below = high - 10.0**-places
    return f"{_number(low, places=places)}{_DASH}{_number(below, places=places)}"


def _bar_height(count: int, tallest: int) -> float:
    return round(100 * count / tallest, 1) if tallest else 0.0


def _student_row(result: SubmissionResult, assignment: Assignment) -> _StudentRow:
    by_id = _question_scores(result)
    cells = []
    for question in assignment.questions:
        found = by_id.get(question.question_id)
        cells.append(_DASH if found is None else _number(found.score))
    return _StudentRow(
        student=_cap(result.student, _NAME_LIMIT),
        # Quoting every reserved character keeps the link relative and inside OUT/,
        # whatever the student id holds ("../", ":", "?", "#").
        href=f"{quote(result.student, safe='')}/report.html",
        score=_number(result.score),
        max_score=_number(result.max_score),
        percent=_percent(result.score, result.max_score),
        questions=tuple(cells),
        flags=_flags(result),
    )


def _flags(result: SubmissionResult) -> tuple[_Flag, ...]:
    """What needs a look in a student's row; each flag says it in words."""
    flags = []
    outcomes = [test.outcome for test in result.tests]
    if result.import_error is not None:
        label = "no file" if result.source_file is None else "did not import"
        flags.append(_Flag(label, "error"))
    else:
        errors = outcomes.count(Outcome.ERROR)
        if errors:
            flags.append(_Flag(_plural(errors, "error"), "error"))
    timeouts = outcomes.count(Outcome.TIMEOUT)
    if timeouts:
        flags.append(_Flag(_plural(timeouts, "timeout"), "timeout"))
    grader_errors = outcomes.count(Outcome.GRADER_ERROR)
    if grader_errors:
        flags.append(_Flag(_plural(grader_errors, "grader error"), "grader-error"))
    if result.notes:
        flags.append(_Flag("notes", "note"))
    if result.late_penalty > 0:
        flags.append(_Flag(f"late {_MINUS}{_number(result.late_penalty)}", "late"))
    return tuple(flags)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def write_class_index(
    results: Sequence[SubmissionResult],
    assignment: Assignment,
    path: Path,
    *,
    failures: Mapping[str, str] = _NO_FAILURES,
) -> None:
    """Write the class index page to `path` (normally OUT/index.html)."""
    _write_text(path, render_class_index(results, assignment, failures=failures))


# --- The gradebook CSV ----------------------------------------------------------------


def write_gradebook_csv(
    results: Sequence[SubmissionResult], assignment: Assignment, path: Path
) -> None:
    """Write one row a student: final score, maximum, and each question's score,
    then the late penalty where the assignment has a late policy.

    Question columns follow the manifest's order; a question missing from a result is
    left empty. Rows are sorted by student id.
    """
    question_ids = [q.question_id for q in assignment.questions]
    late = ["late_penalty"] if assignment.late is not None else []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "score", "max_score", *question_ids, *late])
        for result in sorted(results, key=lambda r: r.student):
            by_id = _question_scores(result)
            writer.writerow(
                [
                    _spreadsheet_safe(result.student),
                    _number(result.score),
                    _number(result.max_score),
                    *(
                        _number(by_id[qid].score) if qid in by_id else ""
                        for qid in question_ids
                    ),
                    *([_number(result.late_penalty)] if late else []),
                ]
            )


def _spreadsheet_safe(text: str) -> str:
    """The text, made inert if a spreadsheet would otherwise run it as a formula."""
    text = _cap(text, _NAME_LIMIT)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text
