"""Grading hw1 submissions that crash, hang, exit, lie or do not import."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment
from grader.results import Outcome, SubmissionResult
from grader.submissions import Submission

from .conftest import DATA, REPO


def _outcomes(result: SubmissionResult, question: str) -> set[Outcome]:
    return {
        test.outcome
        for q in result.questions
        if q.question_id == question
        for test in q.tests
    }


def _messages(result: SubmissionResult) -> set[str]:
    return {test.message.splitlines()[0] for test in result.tests if test.message}


def _question_scores(result: SubmissionResult) -> dict[str, float]:
    return {q.question_id: q.score for q in result.questions}


@pytest.mark.parametrize(
    ("student", "score"),
    [
        ("correct", 100.0),
        ("hang_search", 70.0),
        ("segfault_affine", 75.0),
        ("exits", 70.0),
        ("missing_affine", 70.0),
        ("always_equal", 0.0),
        ("syntax_error", 0.0),
        ("import_hang", 0.0),
        ("import_exit", 0.0),
        ("prints_a_lot", 100.0),
    ],
)
def test_case_scores_exactly(
    hw1_cases: dict[str, SubmissionResult], student: str, score: float
) -> None:
    result = hw1_cases[student]

    assert result.score == score
    assert result.max_score == 100.0
    assert len(result.tests) == len(hw1_cases["correct"].tests)


def test_hang_times_out_only_its_question(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["hang_search"]

    assert _question_scores(result) == {"q1": 10.0, "q2": 30.0, "q3": 0.0, "q4": 30.0}
    assert _outcomes(result, "q3") == {Outcome.TIMEOUT}
    assert "exhaustive_search() did not return within 2 s." in _messages(result)


def test_segfault_names_the_signal_and_grading_goes_on(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["segfault_affine"]
    died = "The worker died with signal 11 (SIGSEGV) during exhaustive_search_affine()."

    assert died in _messages(result)
    passed_after_crash = [
        test
        for test in result.tests
        if "forward_affine" in test.test_id and test.outcome is Outcome.PASSED
    ]
    assert passed_after_crash, "a fresh worker must serve the tests after the crash"


def test_exits_are_errors_with_their_cause(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    messages = _messages(hw1_cases["exits"])

    assert "The worker died with exit code 0 during loss()." in messages
    assert "mse() raised SystemExit: the code called sys.exit(3)" in messages
    assert _outcomes(hw1_cases["exits"], "q2") == {Outcome.ERROR}


def test_syntax_error_scores_zero_with_its_line(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["syntax_error"]
    expected = (
        "linear_model.py did not import: SyntaxError at line 12 (expected ':'): "
        "def mse(xs, ys, w)"
    )

    assert result.import_error == expected
    assert {test.outcome for test in result.tests} == {Outcome.ERROR}
    assert _messages(result) == {expected}


def test_always_equal_object_cannot_pass(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["always_equal"]

    assert {test.outcome for test in result.tests} == {Outcome.FAILED}
    assert result.import_output == "All tests passed! Score: 100/100\n"
    public = [test for test in result.tests if not test.hidden]
    assert "got RemoteObject <Liar object in the student's worker>" in public[3].message


def test_missing_function_fails_only_its_tests(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["missing_affine"]

    assert _question_scores(result) == {"q1": 10.0, "q2": 30.0, "q3": 30.0, "q4": 0.0}
    assert (
        "linear_model.py has no forward_affine(): define it with that exact name."
        in (_messages(result))
    )


def test_import_hang_is_a_timeout_paid_once(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["import_hang"]

    assert result.import_error is not None
    assert result.import_error.startswith(
        "Importing linear_model.py did not finish within 10 s"
    )
    assert {test.outcome for test in result.tests} == {Outcome.TIMEOUT}
    assert result.import_output == "training...\n"


def test_exit_at_import_is_reported(hw1_cases: dict[str, SubmissionResult]) -> None:
    result = hw1_cases["import_exit"]

    assert result.import_error == (
        "linear_model.py called exit() while being imported, so it could not be graded."
    )


def test_output_is_captured_per_test_and_capped(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    result = hw1_cases["prints_a_lot"]
    forward_tests = [test for test in result.tests if test.question == "q1"]

    assert result.import_output == "loading my model\n"
    for test in forward_tests:
        assert test.output.startswith("xxxx")
        assert len(test.output) <= (64 << 10) + 200
        assert "[output cut: " in test.output
    assert all(test.output == "" for test in result.tests if test.question == "q3")


def test_fresh_workers_give_the_same_results(
    hw1: Assignment, hw1_cases: dict[str, SubmissionResult]
) -> None:
    """The path a Windows laptop takes: every worker is a new Python process."""
    cases = DATA / "hw1_cases"
    submissions = [
        Submission(student=name, source=cases / f"{name}.py")
        for name in ("correct", "segfault_affine")
    ]

    results = grade_submissions(
        hw1, submissions, options=GradingOptions(fresh_workers=True)
    )

    assert [r.score for r in results] == [100.0, 75.0]
    for result in results:
        forked = hw1_cases[result.student]
        assert [t.outcome for t in result.tests] == [t.outcome for t in forked.tests]


def test_reference_and_stub_score_full_and_zero(hw1: Assignment) -> None:
    submissions = [
        Submission(student="reference", source=REPO / "solutions" / "hw1"),
        Submission(student="stub", source=REPO / "student_template" / "hw1"),
    ]

    reference, stub = grade_submissions(hw1, submissions, options=GradingOptions())

    assert reference.score == reference.max_score == 100.0
    assert all(test.outcome is Outcome.PASSED for test in reference.tests)
    assert stub.score == 0.0
    assert {test.outcome for test in stub.tests} == {Outcome.ERROR}
    assert all("is not implemented yet" in test.message for test in stub.tests)


def test_hidden_failures_do_not_reveal_expected_values(
    hw1_cases: dict[str, SubmissionResult],
) -> None:
    hidden_failures = [
        test
        for test in hw1_cases["always_equal"].tests
        if test.hidden and test.outcome is Outcome.FAILED
    ]

    assert hidden_failures
    assert {test.message for test in hidden_failures} == {"The answer was wrong."}


def test_unknown_question_is_a_clear_error(hw1: Assignment, tmp_path: Path) -> None:
    from grader.errors import GraderError

    with pytest.raises(
        GraderError, match="hw1 has no question 'q9'; its questions are q1"
    ):
        grade_submissions(hw1, [], options=GradingOptions(questions=frozenset({"q9"})))
