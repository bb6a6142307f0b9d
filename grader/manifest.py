"""An assignment's manifest (`assignments/<id>/assignment.toml`) and where the course
lives."""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from grader.errors import GraderError

__all__ = [
    "Assignment",
    "Course",
    "Forbidden",
    "LatePolicy",
    "Limits",
    "Question",
    "find_course",
]

COURSE_ENV = "GRADE_COURSE_DIR"


@dataclass(frozen=True)
class Question:
    """One graded part of an assignment; its points are the sum of its tests' points."""

    question_id: str
    title: str
    hint: str = ""


@dataclass(frozen=True)
class Limits:
    """What a submission's worker may spend."""

    call_timeout_s: float = 2.0
    import_timeout_s: float = 10.0
    submission_budget_s: float = 60.0
    memory_mb: int = 2048
    output_kb: int = 64
    reply_mb: int = 64


@dataclass(frozen=True)
class Forbidden:
    """APIs a submission may not use in some questions (autograd in a backprop-by-hand
    homework); a use found in the source or at run time zeroes those questions."""

    apis: tuple[str, ...]
    questions: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class LatePolicy:
    """Points off for lateness: a percentage of the score per day or part of a day."""

    due: datetime
    percent_per_day: float
    max_percent: float = 100.0

    def percent_off(self, submitted: datetime) -> float:
        late_s = (submitted - self.due).total_seconds()
        if late_s <= 0:
            return 0.0
        return min(self.max_percent, math.ceil(late_s / 86400) * self.percent_per_day)


@dataclass(frozen=True)
class Assignment:
    """A homework: the file students edit, its questions, and where its tests live."""

    assignment_id: str
    title: str
    module_file: str
    questions: tuple[Question, ...]
    limits: Limits
    root: Path
    course_root: Path
    forbidden: Forbidden | None = None
    late: LatePolicy | None = None
    preload: tuple[str, ...] = ()  # modules the warm process imports for workers

    @property
    def module_name(self) -> str:
        return Path(self.module_file).stem

    @property
    def public_tests(self) -> Path:
        return self.root / "tests" / "public"

    @property
    def hidden_tests(self) -> Path:
        return self.root / "tests" / "hidden"

    @property
    def solution_file(self) -> Path:
        return self.course_root / "solutions" / self.assignment_id / self.module_file

    @property
    def template_dir(self) -> Path:
        return self.course_root / "student_template" / self.assignment_id

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.question_id == question_id:
                return question
        known = ", ".join(q.question_id for q in self.questions)
        raise GraderError(
            f"{self.assignment_id} has no question {question_id!r}; "
            f"its questions are {known}."
        )


@dataclass(frozen=True)
class Course:
    """The folder holding `assignments/`, `solutions/` and `student_template/`."""

    root: Path

    def assignment_ids(self) -> list[str]:
        folder = self.root / "assignments"
        return sorted(p.parent.name for p in folder.glob("*/assignment.toml"))

    def assignment(self, assignment_id: str) -> Assignment:
        manifest = self.root / "assignments" / assignment_id / "assignment.toml"
        if not manifest.is_file():
            known = ", ".join(self.assignment_ids()) or "none"
            raise GraderError(
                f"No assignment {assignment_id!r} in {self.root / 'assignments'}; "
                f"the assignments there are: {known}. Run `grade list` to see them."
            )
        return _load_assignment(manifest, course_root=self.root)


def find_course(explicit: Path | None = None) -> Course:
    """The course folder: given, from $GRADE_COURSE_DIR, above the current folder, or
    beside this package (an editable install of the course repository)."""
    candidates: list[Path] = []
    if explicit is not None:
        candidates.append(explicit)
    elif os.environ.get(COURSE_ENV):
        candidates.append(Path(os.environ[COURSE_ENV]))
    else:
        cwd = Path.cwd().resolve()
        candidates.extend([cwd, *cwd.parents])
        candidates.append(Path(__file__).resolve().parent.parent)
    for candidate in candidates:
        if (candidate / "assignments").is_dir():
            return Course(candidate.resolve())
    raise GraderError(
        "No course found: expected a folder with `assignments/` in it. "
        "Run `grade` inside "
        f"the course repository, pass --course DIR, or set {COURSE_ENV}."
    )


def _load_assignment(manifest: Path, *, course_root: Path) -> Assignment:
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise GraderError(f"Cannot read {manifest}: {error}. Fix the file.") from error
    try:
        questions = tuple(
            Question(
                question_id=qid, title=str(q["title"]), hint=str(q.get("hint", ""))
            )
            for qid, q in data["questions"].items()
        )
        return Assignment(
            assignment_id=str(data.get("id", manifest.parent.name)),
            title=str(data["title"]),
            module_file=str(data["module"]),
            questions=questions,
            limits=_limits(data.get("limits", {})),
            root=manifest.parent,
            course_root=course_root,
            forbidden=_forbidden(data.get("forbidden"), questions),
            late=_late(data.get("late")),
            preload=tuple(str(name) for name in data.get("preload", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise GraderError(
            f"{manifest} is missing or has a bad field ({error}); it needs `title`, "
            "`module` and a [questions.<id>] table with a `title` for each question."
        ) from error


def _forbidden(
    data: dict[str, Any] | None, questions: tuple[Question, ...]
) -> Forbidden | None:
    if data is None:
        return None
    known = {q.question_id for q in questions}
    covered = tuple(str(q) for q in data["questions"])
    if not set(covered) <= known:
        raise ValueError(
            f"[forbidden] names unknown questions {sorted(set(covered) - known)}"
        )
    return Forbidden(
        apis=tuple(str(api) for api in data["apis"]),
        questions=covered,
        message=str(data.get("message", "This assignment forbids some APIs.")),
    )


def _late(data: dict[str, Any] | None) -> LatePolicy | None:
    if data is None:
        return None
    due = data["due"]
    if isinstance(due, str):
        due = datetime.fromisoformat(due)
    if not isinstance(due, datetime) or due.tzinfo is None:
        raise ValueError("[late] due must be a date and time with a UTC offset")
    return LatePolicy(
        due=due,
        percent_per_day=float(data["percent_per_day"]),
        max_percent=float(data.get("max_percent", 100.0)),
    )


def _limits(data: dict[str, Any]) -> Limits:
    known = Limits.__dataclass_fields__
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"unknown limits {unknown}")
    return Limits(**data)
