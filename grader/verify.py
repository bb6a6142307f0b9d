"""`grade verify`: check that an assignment's tests are fair and strong.

The reference must get full marks, the stub zero with clean messages, every test the
same outcome twice, and every mutant in `assignments/<hw>/mutants/` (a copy of the
solution with one typical mistake, named `<question>_<mistake>.py`) must lose points
in the question it targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.errors import GraderError
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment
from grader.results import Outcome, SubmissionResult
from grader.submissions import Submission

__all__ = ["MutantVerdict", "VerifyReport", "verify_assignment"]

_AGAIN = "~again"


@dataclass(frozen=True)
class MutantVerdict:
    """One mutant: the question it targets and the points it lost there."""

    name: str
    question: str
    lost: float

    @property
    def caught(self) -> bool:
        return self.lost > 0


@dataclass(frozen=True)
class VerifyReport:
    """Everything `grade verify` found about one assignment."""

    assignment_id: str
    reference_score: float
    stub_score: float
    max_score: float
    mutants: list[MutantVerdict]
    problems: list[str] = field(default_factory=list)

    @property
    def survivors(self) -> list[MutantVerdict]:
        return [mutant for mutant in self.mutants if not mutant.caught]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.survivors


def verify_assignment(assignment: Assignment) -> VerifyReport:
    """Grade the reference, the stub and every mutant twice, and judge the results."""
    subjects = _subjects(assignment)
    twice = subjects + [Submission(s.student + _AGAIN, s.source) for s in subjects]
    results = {
        r.student: r
        for r in grade_submissions(assignment, twice, options=GradingOptions())
    }
    reference, stub = results["reference"], results["stub"]
    problems = _reference_problems(reference) + _stub_problems(stub)
    problems += _repeat_problems(results)
    mutants = [
        _judge_mutant(assignment, reference, results[s.student]) for s in subjects[2:]
    ]
    if len(mutants) == 0:
        problems.append(f"No mutants in {assignment.root / 'mutants'}.")
    return VerifyReport(
        assignment_id=assignment.assignment_id,
        reference_score=reference.score,
        stub_score=stub.score,
        max_score=reference.max_score,
        mutants=mutants,
        problems=problems,
    )


def _subjects(assignment: Assignment) -> list[Submission]:
    if not assignment.solution_file.is_file():
        raise GraderError(
            f"The reference solution {assignment.solution_file} is missing."
        )
    if not (assignment.template_dir / assignment.module_file).is_file():
        raise GraderError(
            f"The stub {assignment.template_dir / assignment.module_file} is missing."
        )
    mutants = sorted((assignment.root / "mutants").glob("*.py"))
    return [
        Submission("reference", assignment.solution_file.parent),
        Submission("stub", assignment.template_dir),
        *(Submission(f"mutant-{path.stem}", path) for path in mutants),
    ]


def _reference_problems(reference: SubmissionResult) -> list[str]:
    return [
        f"The reference fails {test.test_id}: {test.message.splitlines()[0]}"
        for test in reference.tests
        if test.outcome is not Outcome.PASSED
    ]


def _stub_problems(stub: SubmissionResult) -> list[str]:
    problems = [
        f"The stub passes {test.test_id}; a test a stub passes checks nothing."
        for test in stub.tests
        if test.outcome is Outcome.PASSED
    ]
    problems += [
        f"The stub makes {test.test_id} fail untidily: {test.message.splitlines()[0]}"
        for test in stub.tests
        if test.outcome is Outcome.GRADER_ERROR or not test.message.strip()
    ]
    return problems


def _repeat_problems(results: dict[str, SubmissionResult]) -> list[str]:
    problems = []
    for student, first in results.items():
        again = results.get(student + _AGAIN)
        if again is None:
            continue
        for one, two in zip(first.tests, again.tests, strict=True):
            if (one.outcome, one.score) != (two.outcome, two.score):
                problems.append(
                    f"{one.test_id} gave {student} {one.outcome} then {two.outcome}: "
                    "the test is not deterministic."
                )
    return problems


def _judge_mutant(
    assignment: Assignment, reference: SubmissionResult, mutant: SubmissionResult
) -> MutantVerdict:
    name = mutant.student.removeprefix("mutant-")
    question = name.split("_", 1)[0]
    known = {q.question_id for q in assignment.questions}
    if question not in known:
        raise GraderError(
            f"Mutant {name}.py must start with the question it targets "
            f"({', '.join(sorted(known))}), as in q2_sum_instead_of_mean.py."
        )
    scores = {q.question_id: q.score for q in mutant.questions}
    full = {q.question_id: q.score for q in reference.questions}
    return MutantVerdict(
        name=name, question=question, lost=full[question] - scores[question]
    )
