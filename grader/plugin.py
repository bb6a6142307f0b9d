"""The pytest plugin that runs an assignment's tests against many submissions at once.

One pytest session collects the assignment's tests once and runs every test for every
submission: a session-scoped fixture is parametrized over the submissions, so pytest
runs them one after another, each with its own worker, and no submission pays for a
pytest start. Outcomes are read from pytest's reports and turned into results here,
in the trusted process.
"""

from __future__ import annotations

import importlib.util
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from grader.forbidden import find_uses
from grader.manifest import Assignment
from grader.processes import Launcher
from grader.remote import (
    SessionLimits,
    StudentModule,
    StudentProblem,
    SubmissionSession,
)
from grader.results import (
    Outcome,
    QuestionResult,
    SubmissionResult,
    TestResult,
    Visibility,
)
from grader.submissions import PreparedSubmission

__all__ = ["GradingPlugin", "TestInfo"]

_MESSAGE_CAP = 3000
_HIDDEN_WRONG = "The answer was wrong."
_PARAM_MARK = "@@"  # marks the submission's part of a parametrized test id


@dataclass(frozen=True)
class TestInfo:
    """What the plugin knows of one collected test, before it runs."""

    __test__ = False

    test_id: str
    question: str
    points: float
    description: str
    visibility: Visibility


class GradingPlugin:
    """Runs the collected tests once per submission and builds their results."""

    def __init__(
        self,
        *,
        assignment: Assignment,
        submissions: Sequence[PreparedSubmission],
        launcher: Launcher,
        limits: SessionLimits,
        questions: frozenset[str] | None = None,
        on_result: Callable[[SubmissionResult], None] = lambda result: None,
        protections: tuple[str, ...] = (),
    ) -> None:
        self._assignment = assignment
        self._submissions = {s.student: s for s in submissions}
        self._launcher = launcher
        self._limits = limits
        self._questions = questions
        self._on_result = on_result
        self._protections = protections
        self._tests: dict[str, TestInfo] = {}
        self._records: dict[str, dict[str, TestResult]] = {}
        self._sessions: dict[str, SubmissionSession] = {}
        self._forbidden_uses: dict[str, list[str]] = {}
        self.results: dict[str, SubmissionResult] = {}
        self.collection_errors: list[str] = []

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line(
            "markers", "question(question_id, points): the question a test belongs to"
        )

    def pytest_generate_tests(self, metafunc: pytest.Metafunc) -> None:
        if "_submission" in metafunc.fixturenames:
            keys = list(self._submissions)
            ids = [f"{_PARAM_MARK}{index}" for index in range(len(keys))]
            metafunc.parametrize(
                "_submission", keys, indirect=True, scope="session", ids=ids
            )

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(
                f"{report.nodeid}: {report.longreprtext[-_MESSAGE_CAP:]}"
            )

    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        kept: list[pytest.Item] = []
        dropped: list[pytest.Item] = []
        for item in items:
            info = self._describe(item)
            if info is None:
                dropped.append(item)
                continue
            self._tests.setdefault(info.test_id, info)
            wanted = self._questions is None or info.question in self._questions
            (kept if wanted else dropped).append(item)
        if dropped:
            config.hook.pytest_deselected(items=dropped)
        items[:] = kept

    def fixtures(self) -> ModuleType:
        """The fixtures tests use (`student`, `reference`, `rng`), as a plugin module.

        They are closures over this plugin rather than its methods: pytest is retiring
        session-scoped fixtures defined on instances.
        """
        plugin = self

        @pytest.fixture(scope="session", autouse=True)
        def _submission(request: pytest.FixtureRequest) -> Iterator[SubmissionSession]:
            yield from plugin._open(request.param)

        @pytest.fixture
        def student(_submission: SubmissionSession) -> StudentModule:
            _submission.output.clear()
            return StudentModule(_submission)

        @pytest.fixture(scope="session")
        def reference() -> ModuleType:
            return _load_reference(plugin._assignment)

        @pytest.fixture
        def rng(request: pytest.FixtureRequest) -> np.random.Generator:
            return np.random.default_rng(zlib.crc32(_base_id(request.node).encode()))

        module = ModuleType("grader_fixtures")
        module.__dict__.update(
            _submission=_submission, student=student, reference=reference, rng=rng
        )
        return module

    def _open(self, student: str) -> Iterator[SubmissionSession]:
        prepared = self._submissions[student]
        module_path = None
        if prepared.module_path is not None:
            module_path = self._launcher.stage(prepared.module_path)
            forbidden = self._assignment.forbidden
            if forbidden is not None:
                uses = find_uses(prepared.module_path.parent, forbidden.apis)
                self._forbidden_uses[student] = uses
        session = SubmissionSession(
            self._launcher,
            module_path=module_path,
            module_file=self._assignment.module_file,
            missing_reason=prepared.problem,
            limits=self._limits,
        )
        self._sessions[prepared.student] = session
        try:
            yield session
        finally:
            session.close()
            self._launcher.unstage()
            self._finish(prepared, session)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Iterator[None]:
        yield
        if call.when == "call" or (call.when == "setup" and call.excinfo is not None):
            self._record(item, call)

    def _record(self, item: pytest.Item, call: pytest.CallInfo[None]) -> None:
        key = item.callspec.params["_submission"]  # type: ignore[attr-defined]
        info = self._tests[_base_id(item)]
        outcome, message = _judge(call)
        if info.visibility is not Visibility.VISIBLE and outcome is Outcome.FAILED:
            message = _HIDDEN_WRONG
        session = self._sessions.get(key)
        output = "".join(session.output) if session is not None else ""
        if len(output) > self._limits.output_limit:
            output = output[: self._limits.output_limit] + "\n[output cut: too long]\n"
        score = info.points if outcome is Outcome.PASSED else 0.0
        self._records.setdefault(key, {})[info.test_id] = TestResult(
            test_id=info.test_id,
            question=info.question,
            description=info.description,
            visibility=info.visibility,
            max_score=info.points,
            score=score,
            outcome=outcome,
            message=message[:_MESSAGE_CAP],
            output=output,
        )

    @property
    def tests(self) -> list[TestInfo]:
        """The tests collected, in collection order."""
        return list(self._tests.values())

    def finish_all(self) -> None:
        """Give a result to every submission, also those whose tests could not start."""
        for prepared in self._submissions.values():
            if prepared.student not in self.results:
                session = self._sessions.get(prepared.student)
                if session is not None:
                    session.close()
                self._finish(prepared, session)

    def _finish(
        self, prepared: PreparedSubmission, session: SubmissionSession | None
    ) -> None:
        if session is not None and session.forbidden_calls:
            runtime = [f"`{call}` at run time" for call in session.forbidden_calls]
            self._forbidden_uses.setdefault(prepared.student, []).extend(runtime)
        records = self._forbidden_applied(prepared.student)
        questions = []
        for question in self._assignment.questions:
            if (
                self._questions is not None
                and question.question_id not in self._questions
            ):
                continue
            tests = tuple(
                records.get(info.test_id) or _not_run(info)
                for info in self._tests.values()
                if info.question == question.question_id
            )
            questions.append(
                QuestionResult(question.question_id, question.title, tests)
            )
        import_error = (
            (session.import_error if session else None) or prepared.problem or None
        )
        result = SubmissionResult(
            student=prepared.student,
            assignment=self._assignment.assignment_id,
            questions=tuple(questions),
            source_file=self._assignment.module_file if prepared.module_path else None,
            import_error=import_error,
            import_output=(session.import_output if session else None) or "",
            notes=prepared.notes + self._forbidden_note(prepared.student),
            protections=self._protections,
        )
        self.results[prepared.student] = result
        self._on_result(result)

    def _forbidden_applied(self, student: str) -> dict[str, TestResult]:
        """The student's records, with every test of a forbidden question failed if
        the submission used a forbidden API anywhere."""
        records = self._records.get(student, {})
        forbidden = self._assignment.forbidden
        uses = self._forbidden_uses.get(student)
        if forbidden is None or not uses:
            return records
        more = f" (and {len(uses) - 1} more)" if len(uses) > 1 else ""
        message = f"{forbidden.message} Found {uses[0]}{more}."
        return {
            test_id: (
                replace(test, outcome=Outcome.FAILED, score=0.0, message=message)
                if test.question in forbidden.questions
                else test
            )
            for test_id, test in records.items()
        }

    def _forbidden_note(self, student: str) -> tuple[str, ...]:
        forbidden = self._assignment.forbidden
        uses = self._forbidden_uses.get(student)
        if forbidden is None or not uses:
            return ()
        where = "; ".join(uses[:5])
        questions = ", ".join(forbidden.questions)
        return (f"{forbidden.message} Used: {where}. Questions {questions} score 0.",)

    def _describe(self, item: pytest.Item) -> TestInfo | None:
        marker = item.get_closest_marker("question")
        test_id = _base_id(item)
        if marker is None or not marker.args:
            self.collection_errors.append(
                f"{test_id} has no @pytest.mark.question(id, points=...) marker."
            )
            return None
        question = str(marker.args[0])
        points = float(
            marker.kwargs.get("points", marker.args[1] if len(marker.args) > 1 else 1)
        )
        known = {q.question_id for q in self._assignment.questions}
        if question not in known:
            self.collection_errors.append(
                f"{test_id} names question {question!r}, which the manifest lacks."
            )
            return None
        public = Path(str(item.path)).is_relative_to(self._assignment.public_tests)
        doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
        description = doc.strip().splitlines()[0] if doc.strip() else item.name
        return TestInfo(
            test_id=test_id,
            question=question,
            points=points,
            description=description,
            visibility=Visibility.VISIBLE if public else Visibility.AFTER_PUBLISHED,
        )


def _judge(call: pytest.CallInfo[None]) -> tuple[Outcome, str]:
    """The outcome of a test from how its call ended."""
    if call.excinfo is None:
        return Outcome.PASSED, ""
    error = call.excinfo.value
    if isinstance(error, StudentProblem):
        detail = f"\n{error.details}" if error.details else ""
        return error.outcome, error.message + detail
    if call.when == "call" and isinstance(error, AssertionError):
        return Outcome.FAILED, str(error).strip() or "The answer was wrong."
    summary = f"{type(error).__name__}: {error}"
    return (
        Outcome.GRADER_ERROR,
        f"The test itself failed, not your code ({summary}). Tell your teacher.",
    )


def _not_run(info: TestInfo) -> TestResult:
    return TestResult(
        test_id=info.test_id,
        question=info.question,
        description=info.description,
        visibility=info.visibility,
        max_score=info.points,
        score=0.0,
        outcome=Outcome.GRADER_ERROR,
        message="This test did not run. Tell your teacher.",
    )


def _base_id(item: pytest.Item) -> str:
    """The test's id without the submission parameter, the same for every submission."""
    callspec = getattr(item, "callspec", None)
    name = getattr(item, "originalname", item.name)
    if callspec is None:
        return f"{Path(str(item.path)).name}::{item.name}"
    others = [
        part for part in callspec.id.split("-") if not part.startswith(_PARAM_MARK)
    ]
    suffix = f"[{'-'.join(others)}]" if others else ""
    return f"{Path(str(item.path)).name}::{name}{suffix}"


def _load_reference(assignment: Assignment) -> ModuleType:
    path = assignment.solution_file
    if not path.is_file():
        raise RuntimeError(f"the reference solution {path} is missing")
    name = f"_reference_{assignment.assignment_id}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load the reference solution {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
