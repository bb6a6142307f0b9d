"""Tests for the report writers: results.json, the HTML pages and the gradebook CSV."""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from grader.manifest import Assignment, Limits, Question
from grader.reports import (
    FIELD_LIMIT,
    gradescope_results,
    render_class_index,
    render_submission_html,
    write_class_index,
    write_gradebook_csv,
    write_results_json,
    write_submission_html,
)
from grader.results import (
    Outcome,
    QuestionResult,
    SubmissionResult,
    TestResult,
    Visibility,
)

VISIBLE = Visibility.VISIBLE
HIDDEN = Visibility.AFTER_PUBLISHED
DASH = "\N{EN DASH}"
MINUS = "\N{MINUS SIGN}"
SCRIPT = "<script>alert(1)</script>"
HOSTILE_MESSAGE = f'</pre>{SCRIPT}"onmouseover=alert(1) x="'
HUGE = "A" * 5_000_000 + "B" * 5_000_000  # 10 MB of captured output
GRADED_AT = datetime(2025, 3, 4, 15, 30, 5, tzinfo=UTC)
NO_FILE = (
    "No linear_model.py found in the submission: it must contain a file with exactly "
    "that name, at the top or in a sub-folder."
)
CSP = "default-src 'none'; style-src 'unsafe-inline'"

ASSIGNMENT = Assignment(
    assignment_id="hw1",
    title="Homework 1: Tensors",
    module_file="linear_model.py",
    questions=(
        Question("q1", "Make tensors"),
        Question("q2", "Mean squared error", hint="Average over every element."),
    ),
    limits=Limits(),
    root=Path("course/assignments/hw1"),
    course_root=Path("course"),
)


def make_test(
    question: str,
    description: str,
    *,
    outcome: Outcome = Outcome.PASSED,
    max_score: float = 2.0,
    score: float | None = None,
    visibility: Visibility = VISIBLE,
    message: str = "",
    output: str = "",
) -> TestResult:
    if score is None:
        score = max_score if outcome is Outcome.PASSED else 0.0
    return TestResult(
        test_id=f"{question}::{description}",
        question=question,
        description=description,
        visibility=visibility,
        max_score=max_score,
        score=score,
        outcome=outcome,
        message=message,
        output=output,
    )


def make_result(student: str, tests: list[TestResult]) -> SubmissionResult:
    questions = tuple(
        QuestionResult(
            question_id=q.question_id,
            title=q.title,
            tests=tuple(t for t in tests if t.question == q.question_id),
        )
        for q in ASSIGNMENT.questions
    )
    return SubmissionResult(
        student=student,
        assignment="hw1",
        questions=questions,
        source_file="linear_model.py",
    )


@pytest.fixture
def full() -> SubmissionResult:
    result = make_result(
        "alice",
        [
            make_test("q1", "zeros has the right shape", max_score=2),
            make_test("q1", "arange matches numpy", max_score=3, visibility=HIDDEN),
            make_test("q2", "mse averages the squared errors", max_score=5),
        ],
    )
    return replace(result, protections=("network blocked",))


@pytest.fixture
def partial() -> SubmissionResult:
    result = make_result(
        "bob",
        [
            make_test("q1", "zeros has the right shape", max_score=2.5),
            make_test(
                "q1",
                "arange matches numpy",
                outcome=Outcome.FAILED,
                max_score=2.5,
                message="expected 5, got 4",
                output="printed while testing",
            ),
            make_test(
                "q1",
                "ones is float32",
                outcome=Outcome.FAILED,
                visibility=HIDDEN,
                message="hidden test failed",
            ),
            make_test(
                "q2",
                "mse averages the squared errors",
                outcome=Outcome.ERROR,
                message="RuntimeError: shapes do not match",
            ),
            make_test(
                "q2",
                "mse handles batches",
                outcome=Outcome.TIMEOUT,
                message="mse() ran past its 2 s limit",
            ),
            make_test(
                "q2",
                "mse returns a tensor",
                outcome=Outcome.GRADER_ERROR,
                message="fixture broke",
            ),
        ],
    )
    return replace(result, late_penalty=1.0, notes=("Submitted 2 hours late.",))


@pytest.fixture
def unimportable() -> SubmissionResult:
    result = make_result(
        "carol",
        [
            make_test("q1", "zeros has the right shape", outcome=Outcome.ERROR),
            make_test("q2", "mse averages", outcome=Outcome.ERROR),
        ],
    )
    return replace(
        result,
        import_error="Traceback (most recent call last):\nSyntaxError: invalid syntax",
        import_output="hello from import\n",
    )


@pytest.fixture
def no_file() -> SubmissionResult:
    """What the grader makes of a submission without the module: every test an error
    whose message repeats the problem."""
    result = make_result(
        "nora",
        [
            make_test("q1", "zeros", outcome=Outcome.ERROR, message=NO_FILE),
            make_test(
                "q1",
                "ones",
                outcome=Outcome.ERROR,
                message=NO_FILE,
                visibility=HIDDEN,
            ),
            make_test("q2", "mse", outcome=Outcome.ERROR, message=NO_FILE),
        ],
    )
    return replace(result, source_file=None, import_error=NO_FILE)


@pytest.fixture
def public_only() -> SubmissionResult:
    """A `grade check` run: the public tests only."""
    return make_result(
        "pat",
        [
            make_test("q1", "zeros has the right shape", max_score=2),
            make_test("q2", "mse averages", outcome=Outcome.FAILED, max_score=3),
        ],
    )


@pytest.fixture
def hostile() -> SubmissionResult:
    result = make_result(
        SCRIPT,
        [
            make_test(
                "q1",
                "zeros has the right shape",
                outcome=Outcome.FAILED,
                message=HOSTILE_MESSAGE,
                output=HUGE,
            ),
            make_test("q2", "mse averages", max_score=3),
        ],
    )
    return replace(
        result,
        import_output=HUGE,
        import_error=HOSTILE_MESSAGE,
        notes=(HOSTILE_MESSAGE,),
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class PageParser(HTMLParser):
    """Collects a page's tags and visible text, the text of each element by class, and
    checks that its elements nest properly."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.open: list[tuple[str, list[str], list[str]]] = []
        self.elements: list[tuple[str, list[str], str]] = []
        self.style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.open.append((tag, classes, []))

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        expected, classes, chunks = self.open.pop()
        assert tag == expected, f"</{tag}> closes <{expected}>"
        self.elements.append((tag, classes, squeeze(" ".join(chunks))))

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "style":
            self.style += data
            return
        self.chunks.append(data)
        for _, _, chunks in self.open:
            chunks.append(data)

    @property
    def text(self) -> str:
        return squeeze(" ".join(self.chunks))

    def attrs_of(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def texts(self, css_class: str) -> list[str]:
        """The text of each element with this class, innermost elements first."""
        return [text for _, classes, text in self.elements if css_class in classes]

    def classes_of(self, tag: str) -> list[str]:
        return [attrs.get("class") or "" for attrs in self.attrs_of(tag)]


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    assert parser.open == [], f"unclosed elements: {parser.open}"
    return parser


# --- results.json ---------------------------------------------------------------------


def test_gradescope_results_full_marks_exact(full: SubmissionResult) -> None:
    assert gradescope_results(full) == {
        "score": 10.0,
        "output": "",
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": [
            {
                "name": "q1: zeros has the right shape",
                "number": "1.1",
                "score": 2.0,
                "max_score": 2.0,
                "status": "passed",
                "output": "",
                "visibility": "visible",
                "tags": ["q1"],
            },
            {
                "name": "q1: arange matches numpy",
                "number": "1.2",
                "score": 3.0,
                "max_score": 3.0,
                "status": "passed",
                "output": "",
                "visibility": "after_published",
                "tags": ["q1"],
            },
            {
                "name": "q2: mse averages the squared errors",
                "number": "2.1",
                "score": 5.0,
                "max_score": 5.0,
                "status": "passed",
                "output": "",
                "visibility": "visible",
                "tags": ["q2"],
            },
        ],
        "extra_data": {
            "schema_version": 1,
            "assignment": "hw1",
            "raw_score": 10.0,
            "late_penalty": 0.0,
            "max_score": 10.0,
            "questions": {
                "q1": {"score": 5.0, "max_score": 5.0},
                "q2": {"score": 5.0, "max_score": 5.0},
            },
        },
    }


def test_gradescope_results_partial_scores_statuses_and_tags(
    partial: SubmissionResult,
) -> None:
    data = gradescope_results(partial)

    assert data["score"] == 1.5  # 2.5 earned, less the 1-point late penalty
    summary = [
        (t["name"], t["score"], t["max_score"], t["status"], t["visibility"], t["tags"])
        for t in data["tests"]
    ]
    assert summary == [
        ("q1: zeros has the right shape", 2.5, 2.5, "passed", "visible", ["q1"]),
        ("q1: arange matches numpy", 0.0, 2.5, "failed", "visible", ["q1"]),
        ("q1: ones is float32", 0.0, 2.0, "failed", "after_published", ["q1"]),
        ("q2: mse averages the squared errors", 0.0, 2.0, "failed", "visible", ["q2"]),
        ("q2: mse handles batches", 0.0, 2.0, "failed", "visible", ["q2"]),
        ("q2: mse returns a tensor", 0.0, 2.0, "failed", "visible", ["q2"]),
    ]
    assert [t["number"] for t in data["tests"]] == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
    ]
    assert data["extra_data"]["raw_score"] == 2.5
    assert data["extra_data"]["late_penalty"] == 1.0
    assert data["extra_data"]["questions"] == {
        "q1": {"score": 2.5, "max_score": 7.0},
        "q2": {"score": 0.0, "max_score": 6.0},
    }


def test_gradescope_results_test_output_per_outcome(partial: SubmissionResult) -> None:
    outputs = [t["output"] for t in gradescope_results(partial)["tests"]]

    assert outputs[0] == ""
    assert (
        outputs[1] == "expected 5, got 4\n\nOutput of your code:\nprinted while testing"
    )
    assert outputs[2] == "hidden test failed"
    assert outputs[3] == (
        "Your code raised an error or crashed during this test.\n\n"
        "RuntimeError: shapes do not match"
    )
    assert outputs[4].startswith("Your code ran past its time limit")
    assert "not your fault" in outputs[5]
    assert outputs[5].endswith("fixture broke")


def test_gradescope_results_hidden_test_omits_captured_output() -> None:
    result = make_result(
        "dan",
        [
            make_test(
                "q1",
                "secret",
                outcome=Outcome.FAILED,
                visibility=HIDDEN,
                message="hidden test failed",
                output="the expected answer is 42",
            )
        ],
    )

    (test,) = gradescope_results(result)["tests"]

    assert test["output"] == "hidden test failed"


def test_gradescope_results_summary_names_penalty_and_grader_error(
    partial: SubmissionResult,
) -> None:
    output = gradescope_results(partial)["output"]

    assert output == (
        "A late penalty of 1 point was applied: 2.5 became 1.5 out of 13.\n\n"
        "Some tests failed because of a problem in the grader, not in your code; "
        "your instructor will look into it.\n\n"
        "Submitted 2 hours late."
    )


def test_gradescope_results_summary_shows_import_error(
    unimportable: SubmissionResult,
) -> None:
    output = gradescope_results(unimportable)["output"]

    assert output == (
        "Your file could not be imported:\n"
        "Traceback (most recent call last):\nSyntaxError: invalid syntax"
    )


def test_gradescope_results_import_error_tests_say_they_could_not_run(
    unimportable: SubmissionResult,
) -> None:
    outputs = [t["output"] for t in gradescope_results(unimportable)["tests"]]

    assert outputs == ["This test could not run: your file could not be imported."] * 2


def test_gradescope_results_no_file_is_not_an_import_error(
    no_file: SubmissionResult,
) -> None:
    data = gradescope_results(no_file)

    assert data["output"] == f"No file could be graded:\n{NO_FILE}"
    assert [t["output"] for t in data["tests"]] == [
        f"This test could not run: no file could be graded.\n\n{NO_FILE}"
    ] * 3


def test_gradescope_results_caps_long_strings(hostile: SubmissionResult) -> None:
    data = gradescope_results(hostile)
    test = data["tests"][0]

    assert len(test["output"]) <= FIELD_LIMIT
    assert len(data["output"]) <= FIELD_LIMIT
    assert "... (cut " in test["output"]
    assert test["output"].startswith(HOSTILE_MESSAGE)  # the message survives the cut
    assert test["output"].endswith("BBBB")  # so does the end of the output


def test_gradescope_results_rounds_float_noise() -> None:
    tests = [make_test("q1", f"part {i}", max_score=0.1) for i in range(3)]

    data = gradescope_results(make_result("erin", tests))

    assert data["score"] == 0.3
    assert data["extra_data"]["questions"]["q1"] == {"score": 0.3, "max_score": 0.3}


def test_write_results_json_round_trips(
    partial: SubmissionResult, tmp_path: Path
) -> None:
    path = tmp_path / "results" / "results.json"

    write_results_json(partial, path)

    assert json.loads(path.read_text(encoding="utf-8")) == gradescope_results(partial)


def test_write_results_json_nan_score_raises(tmp_path: Path) -> None:
    result = make_result("fay", [make_test("q1", "nan", score=math.nan)])

    with pytest.raises(ValueError, match="not JSON compliant"):
        write_results_json(result, tmp_path / "results.json")


def test_write_results_json_lone_surrogate_is_written(tmp_path: Path) -> None:
    result = make_result(
        "gus",
        [make_test("q1", "odd", outcome=Outcome.FAILED, output="bad \udcff byte")],
    )

    write_results_json(result, tmp_path / "results.json")

    (test,) = json.loads((tmp_path / "results.json").read_text("utf-8"))["tests"]
    assert test["output"].endswith("bad ? byte")


# --- The student's HTML report --------------------------------------------------------


def test_render_submission_html_full_marks_shows_score(full: SubmissionResult) -> None:
    page = parse(render_submission_html(full, ASSIGNMENT, graded_at=GRADED_AT))

    assert "Homework 1: Tensors" in page.text
    assert "Student alice" in page.text
    assert "10 / 10" in page.text
    assert page.texts("chip") == [
        "q1: 5 / 5",
        "q2: 5 / 5",
        "5 / 5 points",
        "5 / 5 points",
    ]
    assert "Late penalty" not in page.text
    assert "could not be imported" not in page.text
    assert page.texts("public-only") == []


def test_render_submission_html_footer_explains_grading(
    full: SubmissionResult,
) -> None:
    page = parse(render_submission_html(full, ASSIGNMENT, graded_at=GRADED_AT))

    (footer,) = page.texts("report-footer")
    assert footer.startswith("How this was graded The grader ran a set of tests")
    assert "Each call to your code could take at most 2 seconds" in footer
    assert "all your code together at most 60 seconds" in footer
    assert "(technical details): network blocked " in footer
    assert footer.endswith("Graded 2025-03-04 15:30 UTC · report format version 1")
    assert {"datetime": "2025-03-04T15:30:05Z"} in page.attrs_of("time")
    # Collapsed, and the only place the protections appear.
    assert page.attrs_of("details") == [{}]
    assert page.text.count("network blocked") == 1


def test_render_submission_html_graded_at_shown_in_utc(full: SubmissionResult) -> None:
    eastern = datetime(2025, 3, 4, 10, 30, tzinfo=timezone(timedelta(hours=-5)))

    page = parse(render_submission_html(full, ASSIGNMENT, graded_at=eastern))

    assert "Graded 2025-03-04 15:30 UTC" in page.text


def test_render_submission_html_graded_at_defaults_to_now(
    full: SubmissionResult,
) -> None:
    before = datetime.now(UTC).replace(microsecond=0)

    page = parse(render_submission_html(full, ASSIGNMENT))

    after = datetime.now(UTC)
    (attrs,) = page.attrs_of("time")
    shown = datetime.strptime(attrs["datetime"] or "", "%Y-%m-%dT%H:%M:%S%z")
    assert before <= shown <= after


def test_render_submission_html_badges_each_outcome(partial: SubmissionResult) -> None:
    html = render_submission_html(partial, ASSIGNMENT)
    page = parse(html)

    assert page.texts("badge") == [
        "✓ passed",
        "✗ failed",
        "✗ failed",
        "! error",
        "timeout",
        "⚠ grader error",
    ]
    # The clock is drawn by the stylesheet: no glyph that common fonts lack.
    assert '<span class="symbol symbol-timeout" aria-hidden="true"></span>' in html
    assert "\N{STOPWATCH}" not in html
    assert ".symbol-timeout:empty {" in page.style


def test_render_submission_html_partial_shows_penalty_messages_and_hint(
    partial: SubmissionResult,
) -> None:
    page = parse(render_submission_html(partial, ASSIGNMENT))

    assert "1.5 / 13" in page.text
    assert (
        f"Late penalty: {MINUS}1 point (score before the penalty: 2.5 / 13)"
        in page.text
    )
    assert "expected 5, got 4" in page.text
    assert "printed while testing" in page.text
    assert "Hint: Average over every element." in page.text
    assert "Submitted 2 hours late." in page.text


def test_render_submission_html_grader_error_is_not_students_fault(
    partial: SubmissionResult,
) -> None:
    page = parse(render_submission_html(partial, ASSIGNMENT))

    assert "The grader itself failed on this test. This is not your fault" in page.text
    assert "Some tests hit a grader error" in page.text


def test_render_submission_html_hidden_test_shows_points_not_output() -> None:
    result = make_result(
        "dan",
        [
            make_test("q1", "visible check", max_score=1),
            make_test(
                "q1",
                "secret check",
                outcome=Outcome.FAILED,
                visibility=HIDDEN,
                max_score=4,
                message="hidden test failed",
                output="the expected answer is 42",
            ),
        ],
    )

    page = parse(render_submission_html(result, ASSIGNMENT))

    assert page.texts("test-description") == ["visible check", "secret check hidden"]
    assert page.texts("points") == ["1 / 1", "0 / 4"]
    assert "hidden test failed" in page.text
    assert "the expected answer is 42" not in page.text
    assert page.attrs_of("details") == [{}]  # the footer's, no output's
    assert page.texts("subtotal") == [
        "public 1 / 1 · hidden 0 / 4",
        "no public tests · no hidden tests",
    ]


def test_render_submission_html_subtotals_split_public_and_hidden(
    partial: SubmissionResult,
) -> None:
    page = parse(render_submission_html(partial, ASSIGNMENT))

    assert page.texts("subtotal") == [
        "public 2.5 / 5 · hidden 0 / 2",
        "public 0 / 6 · no hidden tests",
    ]


@pytest.mark.parametrize(
    ("fixture", "standings"),
    [
        ("full", ["standing-full", "standing-full"]),
        ("partial", ["standing-partial", "standing-zero"]),
        ("unimportable", ["standing-zero", "standing-zero"]),
    ],
)
def test_render_submission_html_tints_questions_by_score(
    fixture: str, standings: list[str], request: pytest.FixtureRequest
) -> None:
    result = request.getfixturevalue(fixture)

    page = parse(render_submission_html(result, ASSIGNMENT))

    assert page.classes_of("section")[-2:] == [f"question {s}" for s in standings]
    chips = [c for c in page.classes_of("span") if c.startswith("chip")]
    assert chips == [f"chip {s}" for s in standings]


def test_render_submission_html_question_worth_nothing_is_not_tinted() -> None:
    result = make_result("ed", [make_test("q1", "a", max_score=0)])

    page = parse(render_submission_html(result, ASSIGNMENT))

    assert page.classes_of("section")[-2:] == ["question", "question"]
    assert page.texts("empty") == ["No tests ran for this question."]


def test_render_submission_html_public_only_run_says_hidden_tests_count(
    public_only: SubmissionResult,
) -> None:
    page = parse(render_submission_html(public_only, ASSIGNMENT))

    assert page.texts("public-only") == [
        "Public tests only: hidden tests also count in the final grade."
    ]
    assert page.texts("subtotal") == [
        "public 2 / 2 · hidden tests not run",
        "public 0 / 3 · hidden tests not run",
    ]


def test_render_submission_html_public_only_can_be_ruled_out(
    public_only: SubmissionResult,
) -> None:
    page = parse(render_submission_html(public_only, ASSIGNMENT, public_only=False))

    assert page.texts("public-only") == []
    assert page.texts("subtotal") == [
        "public 2 / 2 · no hidden tests",
        "public 0 / 3 · no hidden tests",
    ]


def test_render_submission_html_import_error_is_prominent(
    unimportable: SubmissionResult,
) -> None:
    html = render_submission_html(unimportable, ASSIGNMENT)
    page = parse(html)

    assert {"role": "alert", "class": "alert"} in page.attrs_of("section")
    assert "Your file could not be imported" in page.text
    assert "while loading linear_model.py, so no test could use it" in page.text
    assert re.search(r"<pre>Traceback \(most recent call last\):\nSyntaxError", html)
    assert html.count("SyntaxError: invalid syntax") == 1
    assert page.texts("blocked-summary") == [
        "All 2 tests failed because your file could not be imported."
    ]
    assert "Output printed while your file was imported hello from import" in page.text
    assert "raised an error or crashed" not in page.text


def test_render_submission_html_no_file_collapses_tests_once(
    no_file: SubmissionResult,
) -> None:
    html = render_submission_html(no_file, ASSIGNMENT)
    page = parse(html)

    assert page.texts("alert")[0].startswith(
        "No file could be graded The grader found no file it could grade"
    )
    assert html.count(NO_FILE) == 1  # in the alert, not in every test's row
    assert page.texts("blocked-summary") == [
        "All 3 tests failed because no file could be graded."
    ]
    summaries = [t for tag, _, t in page.elements if tag == "summary"]
    assert summaries == [
        "All 2 tests failed because no file could be graded.",
        "The only test failed because no file could be graded.",
        "How this was graded",
    ]
    # Every details element starts closed; the rows are inside them.
    assert page.attrs_of("details") == [{"class": "collapsed-tests"}] * 2 + [{}]
    assert page.texts("test-description") == ["zeros", "ones hidden", "mse"]
    assert page.texts("points") == ["0 / 2", "0 / 2", "0 / 2"]
    assert "could not be imported" not in page.text
    assert "raised an error or crashed" not in page.text
    assert "graded file" not in page.text


def test_render_submission_html_blocked_keeps_other_messages() -> None:
    result = make_result(
        "olga",
        [
            make_test("q1", "a", outcome=Outcome.ERROR, message="boom"),
            make_test("q1", "b", outcome=Outcome.GRADER_ERROR, message="fixture broke"),
            make_test("q1", "c"),
        ],
    )
    result = replace(result, import_error="boom")

    page = parse(render_submission_html(result, ASSIGNMENT))

    (summary, _) = [t for tag, _, t in page.elements if tag == "summary"]
    assert summary == "2 of 3 tests failed because your file could not be imported."
    assert page.texts("message") == ["fixture broke"]
    assert page.texts("explanation") == [
        "The grader itself failed on this test. This is not your fault and not a "
        "problem in your code; your instructor will look into it."
    ]


def test_render_submission_html_no_penalty_line_without_penalty(
    full: SubmissionResult,
) -> None:
    page = parse(render_submission_html(replace(full, late_penalty=0.0), ASSIGNMENT))

    assert page.texts("penalty") == []


def test_render_submission_html_escapes_hostile_text(hostile: SubmissionResult) -> None:
    html = render_submission_html(hostile, ASSIGNMENT)
    page = parse(html)

    assert "script" not in [tag for tag, _ in page.tags]
    assert "<script" not in html.lower()
    assert all("onmouseover" not in attrs for _, attrs in page.tags)
    assert SCRIPT in page.text  # shown as text, in the title, heading and messages
    assert "</pre>" in page.text
    assert '"onmouseover=alert(1)' in page.text


def test_render_submission_html_caps_huge_output(hostile: SubmissionResult) -> None:
    html = render_submission_html(hostile, ASSIGNMENT)

    assert len(html) < 60_000
    assert html.count("... (cut ") == 2  # the import output and the test's output
    assert "A" * FIELD_LIMIT not in html


def test_write_submission_html_writes_page(
    partial: SubmissionResult, tmp_path: Path
) -> None:
    path = tmp_path / "bob" / "report.html"

    write_submission_html(partial, ASSIGNMENT, path, graded_at=GRADED_AT)

    assert path.read_text(encoding="utf-8") == render_submission_html(
        partial, ASSIGNMENT, graded_at=GRADED_AT
    )


# --- The class index ------------------------------------------------------------------


@pytest.fixture
def everyone(
    full: SubmissionResult,
    partial: SubmissionResult,
    unimportable: SubmissionResult,
    hostile: SubmissionResult,
) -> list[SubmissionResult]:
    return [partial, hostile, full, unimportable]


def out_of_100(student: str, score: float) -> SubmissionResult:
    outcome = Outcome.PASSED if score == 100 else Outcome.FAILED
    test = make_test("q1", "all", max_score=100, score=score, outcome=outcome)
    return make_result(student, [test])


def test_render_class_index_summary_stats(everyone: list[SubmissionResult]) -> None:
    page = parse(render_class_index(everyone, ASSIGNMENT))

    # Final scores: alice 10/10, bob 1.5/13, carol 0/4, the hostile one 3/5.
    assert "Submissions 4" in page.text
    assert "Mean 3.6 / 13" in page.text  # 3.625
    assert "Median 2.3 / 13" in page.text  # 2.25, rounded half up
    assert "Highest 10 / 13" in page.text
    # Full marks count against each student's own maximum: alice's 5 of 5 on q1.
    assert "q1 Make tensors 7 1.9 25%" in page.text  # mean 1.875
    assert "q2 Mean squared error 6 2 50%" in page.text
    assert "late penalties" not in page.text


def test_render_class_index_rows_sorted_with_quoted_links(
    everyone: list[SubmissionResult],
) -> None:
    html = render_class_index(everyone, ASSIGNMENT)
    page = parse(html)

    hrefs = [attrs["href"] for attrs in page.attrs_of("a")]
    assert hrefs == [
        "%3Cscript%3Ealert%281%29%3C%2Fscript%3E/report.html",
        "alice/report.html",
        "bob/report.html",
        "carol/report.html",
    ]
    assert "<script" not in html.lower()
    assert f"{SCRIPT} 3 / 5" in page.text


def test_render_class_index_flags(
    everyone: list[SubmissionResult], no_file: SubmissionResult
) -> None:
    page = parse(render_class_index([*everyone, no_file], ASSIGNMENT))

    rows = {
        text.split(" ", 1)[0]: text for tag, _, text in page.elements if tag == "tr"
    }
    assert rows["alice"] == "alice 10 / 10 5 5"
    assert rows["bob"] == (
        f"bob 1.5 / 13 2.5 0 1 error 1 timeout 1 grader error notes late {MINUS}1"
    )
    # One cause, one flag: no "2 errors" besides "did not import".
    assert rows["carol"] == "carol 0 / 4 0 0 did not import"
    assert rows["nora"] == "nora 0 / 6 0 0 no file"
    assert rows[SCRIPT] == f"{SCRIPT} 3 / 5 0 3 did not import notes"


def test_render_class_index_counts_runtime_errors() -> None:
    tests = [make_test("q1", f"t{i}", outcome=Outcome.ERROR) for i in range(2)]

    page = parse(render_class_index([make_result("ann", tests)], ASSIGNMENT))

    assert page.texts("badge-error") == ["2 errors"]


def test_render_class_index_histogram_counts(everyone: list[SubmissionResult]) -> None:
    page = parse(render_class_index(everyone, ASSIGNMENT))

    # Ten bins of 1.3 points below the highest maximum, 13, then 13 itself.
    assert page.texts("bar-label") == [
        f"0{DASH}1.2",
        f"1.3{DASH}2.5",
        f"2.6{DASH}3.8",
        f"3.9{DASH}5.1",
        f"5.2{DASH}6.4",
        f"6.5{DASH}7.7",
        f"7.8{DASH}9",
        f"9.1{DASH}10.3",
        f"10.4{DASH}11.6",
        f"11.7{DASH}12.9",
        "13",
    ]
    titles = [
        a["title"] for a in page.attrs_of("div") if "bar-col" in (a.get("class") or "")
    ]
    assert titles[0] == "0 to under 1.3 points: 1"
    assert titles[1] == "1.3 to under 2.6 points: 1"
    assert titles[2] == "2.6 to under 3.9 points: 1"
    assert titles[7] == "9.1 to under 10.4 points: 1"
    assert titles[10] == "13 points (full marks): 0"
    assert sum(int((t or "").rsplit(" ", 1)[1]) for t in titles) == 4


def test_render_class_index_histogram_full_marks_bin_apart() -> None:
    results = [
        out_of_100("a", 100),
        out_of_100("b", 100),
        out_of_100("c", 99.9),
        out_of_100("d", 90),
        out_of_100("e", 0),
    ]

    page = parse(render_class_index(results, ASSIGNMENT))

    labels = page.texts("bar-label")
    assert labels[0] == f"0{DASH}9.9"
    assert labels[-2:] == [f"90{DASH}99.9", "100"]
    assert page.texts("bar-count") == [
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "0",
        "2",
        "2",
    ]
    columns = [c for c in page.classes_of("div") if c.startswith("bar-col")]
    assert columns == [*["bar-col"] * 10, "bar-col full"]


def test_render_class_index_histogram_small_maximum() -> None:
    tests = [make_test("q1", f"part {i}", max_score=0.1) for i in range(3)]

    page = parse(render_class_index([make_result("erin", tests)], ASSIGNMENT))

    labels = page.texts("bar-label")
    assert labels[:2] == [f"0{DASH}0.029", f"0.03{DASH}0.059"]
    assert labels[-1] == "0.3"


def test_render_class_index_lists_failures() -> None:
    html = render_class_index(
        [], ASSIGNMENT, failures={"zed": "worker crashed", SCRIPT: "x" * 10_000}
    )
    page = parse(html)

    assert "2 submissions could not be graded" in page.text
    assert "zed worker crashed" in page.text
    assert "<script" not in html.lower()
    assert "No submission was graded." in page.text
    assert f"Mean {DASH} / 0" in page.text
    assert len(html) < 30_000


def test_write_class_index_writes_page(
    everyone: list[SubmissionResult], tmp_path: Path
) -> None:
    path = tmp_path / "out" / "index.html"

    write_class_index(everyone, ASSIGNMENT, path, failures={"zed": "crashed"})

    expected = render_class_index(everyone, ASSIGNMENT, failures={"zed": "crashed"})
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize(
    "page", ["full", "partial", "unimportable", "no_file", "hostile", "index"]
)
def test_html_pages_self_contained(page: str, request: pytest.FixtureRequest) -> None:
    if page == "index":
        html = render_class_index(request.getfixturevalue("everyone"), ASSIGNMENT)
    else:
        html = render_submission_html(request.getfixturevalue(page), ASSIGNMENT)

    parsed = parse(html)

    assert "http://" not in html
    assert "https://" not in html
    assert [tag for tag, _ in parsed.tags if tag in {"script", "link", "img"}] == []
    assert len(parsed.attrs_of("style")) == 1
    csp = [a for a in parsed.attrs_of("meta") if "http-equiv" in a]
    assert csp == [{"http-equiv": "Content-Security-Policy", "content": CSP}]


def test_html_pages_stack_tables_on_narrow_screens(full: SubmissionResult) -> None:
    style = parse(render_submission_html(full, ASSIGNMENT)).style

    narrow = style[style.index("@media screen and (max-width: 40rem)") :]
    assert ".tests tr {" in narrow
    assert ".students tr {" in narrow
    assert "overflow-x" not in style


# --- The gradebook CSV ----------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_write_gradebook_csv_exact_rows(
    everyone: list[SubmissionResult], tmp_path: Path
) -> None:
    path = tmp_path / "gradebook.csv"

    write_gradebook_csv(everyone, ASSIGNMENT, path)

    assert read_csv(path) == [
        ["student", "score", "max_score", "q1", "q2"],
        [SCRIPT, "3", "5", "0", "3"],
        ["alice", "10", "10", "5", "5"],
        ["bob", "1.5", "13", "2.5", "0"],
        ["carol", "0", "4", "0", "0"],
    ]


def test_write_gradebook_csv_missing_question_is_empty(tmp_path: Path) -> None:
    result = SubmissionResult(
        student="hal",
        assignment="hw1",
        questions=(
            QuestionResult(
                "q2", "Mean squared error", (make_test("q2", "a", max_score=7.5),)
            ),
        ),
    )

    write_gradebook_csv([result], ASSIGNMENT, tmp_path / "gradebook.csv")

    rows = read_csv(tmp_path / "gradebook.csv")
    assert rows[1] == ["hal", "7.5", "7.5", "", "7.5"]


@pytest.mark.parametrize(
    ("student", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("o'neil", "o'neil"),
    ],
)
def test_write_gradebook_csv_guards_formula_injection(
    student: str, cell: str, tmp_path: Path
) -> None:
    result = make_result(student, [make_test("q1", "a")])

    write_gradebook_csv([result], ASSIGNMENT, tmp_path / "gradebook.csv")

    assert read_csv(tmp_path / "gradebook.csv")[1][0] == cell
