"""The instructor's tools: verify, new, release, late policies and forbidden APIs."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from grader.batch import run_batch
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Course
from grader.release import find_leaks
from grader.results import Outcome
from grader.submissions import Submission

from .conftest import DATA, REPO
from .test_cli import grade


def _course_copy(root: Path, manifest_extra: str = "") -> Course:
    """A course with hw1 only, its manifest extended by `manifest_extra`."""
    for part in ("assignments", "solutions", "student_template"):
        shutil.copytree(REPO / part / "hw1", root / part / "hw1")
    manifest = root / "assignments" / "hw1" / "assignment.toml"
    manifest.write_text(manifest.read_text() + manifest_extra)
    return Course(root)


def test_verify_hw1_catches_every_mutant() -> None:
    completed = grade("verify", "hw1")

    assert completed.returncode == 0, completed.stdout
    assert (
        "hw1: ok. Reference 100 / 100, stub 0, 9 of 9 mutants caught."
        in completed.stdout
    )
    assert "q2  q2_rmse: caught, lost 20" in completed.stdout


def test_verify_reports_a_surviving_mutant(tmp_path: Path) -> None:
    course = _course_copy(tmp_path)
    mutants = course.root / "assignments" / "hw1" / "mutants"
    shutil.copy(REPO / "solutions" / "hw1" / "linear_model.py", mutants / "q3_same.py")

    completed = grade("verify", "hw1", "--course", str(course.root))

    assert completed.returncode == 1
    assert "q3  q3_same: survived" in completed.stdout
    assert "9 of 10 mutants caught" in completed.stdout


def test_new_scaffold_passes_verify(tmp_path: Path) -> None:
    (tmp_path / "assignments").mkdir()

    created = grade("new", "hw5", "--module", "fitting", "--course", str(tmp_path))
    verified = grade("verify", "hw5", "--course", str(tmp_path))
    again = grade("new", "hw5", "--course", str(tmp_path))

    assert created.returncode == 0, created.stderr
    assert (tmp_path / "student_template" / "hw5" / "fitting.py").is_file()
    assert verified.returncode == 0, verified.stdout
    assert (
        "hw5: ok. Reference 10 / 10, stub 0, 1 of 1 mutants caught." in verified.stdout
    )
    assert again.returncode == 2
    assert "hw5 already exists" in again.stderr


def test_release_holds_no_hidden_tests_or_solution(tmp_path: Path) -> None:
    out = tmp_path / "release"

    completed = grade("release", "hw1", "--out", str(out))

    assert completed.returncode == 0, completed.stderr
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == [
        "assignments/hw1/assignment.toml",
        "assignments/hw1/tests/public/test_public_hw1.py",
        "student_template/hw1/README.md",
        "student_template/hw1/linear_model.py",
    ]
    course = Course(REPO)
    assert find_leaks(out, course.assignment("hw1")) == []
    hidden = (REPO / "assignments/hw1/tests/hidden/test_hidden_hw1.py").read_text()
    released = "".join(p.read_text() for p in out.rglob("*.py"))
    assert "def test_exhaustive_search_tie_goes_to_first" in hidden
    assert "tie_goes_to_first" not in released


def test_release_is_enough_for_grade_check(tmp_path: Path) -> None:
    out = tmp_path / "release"
    grade("release", "hw1", "--out", str(out))

    started = grade("init", "hw1", "--course", str(out), cwd=tmp_path)
    checked = grade("check", "hw1", "--course", str(out), cwd=tmp_path)

    assert started.returncode == 0
    assert checked.returncode == 1
    assert "Public tests: 0 / 50 points." in checked.stdout


def test_find_leaks_spots_a_copied_hidden_line(tmp_path: Path) -> None:
    course = Course(REPO)
    hidden = (REPO / "assignments/hw1/tests/hidden/test_hidden_hw1.py").read_text()
    line = next(row.strip() for row in hidden.splitlines() if "reference.mse(" in row)
    (tmp_path / "notes.py").write_text(f"# {line}\n")

    leaks = find_leaks(tmp_path, course.assignment("hw1"))

    assert leaks == [f"notes.py contains {line!r}"]


def test_late_policy_takes_points_off(tmp_path: Path) -> None:
    course = _course_copy(
        tmp_path / "course",
        '\n[late]\ndue = "2026-10-01T23:59:00+00:00"\n'
        "percent_per_day = 10\nmax_percent = 50\n",
    )
    subs = tmp_path / "subs"
    subs.mkdir()
    for name in ("early", "late", "unknown"):
        shutil.copy(DATA / "hw1_cases" / "correct.py", subs / f"{name}.py")
    times = tmp_path / "times.csv"
    times.write_text(
        "student,submitted_at\n"
        "early,2026-10-01T20:00:00+00:00\n"
        "late,2026-10-03T10:00:00+00:00\n"
    )

    batch = run_batch(
        course.assignment("hw1"),
        subs,
        tmp_path / "out",
        options=GradingOptions(),
        submitted_at=times,
    )

    scores = {r.student: (r.score, r.late_penalty) for r in batch.results}
    assert scores == {
        "early": (100.0, 0.0),
        "late": (80.0, 20.0),
        "unknown": (100.0, 0.0),
    }
    late = next(r for r in batch.results if r.student == "late")
    assert "Submitted 34.0 hours after the deadline" in late.notes[-1]
    assert "20% off, 20 points." in late.notes[-1]
    with (tmp_path / "out" / "grades.csv").open() as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert (rows["late"]["score"], rows["late"]["late_penalty"]) == ("80", "20")
    assert rows["early"]["late_penalty"] == "0"
    assert (
        "late penalty"
        in (tmp_path / "out" / "late" / "report.html").read_text().lower()
    )


def test_forbidden_api_zeroes_its_questions(tmp_path: Path) -> None:
    course = _course_copy(
        tmp_path / "course",
        '\n[forbidden]\napis = ["backward"]\nquestions = ["q2"]\n'
        'message = "Work the gradient out by hand."\n',
    )
    correct = (DATA / "hw1_cases" / "correct.py").read_text()
    plain = tmp_path / "plain.py"
    plain.write_text(correct + "\n\ndef helper(t):\n    t.backward()\n")
    hidden = tmp_path / "hidden.py"
    hidden.write_text(
        correct.replace(
            "def mse(xs, ys, w):\n",
            "def mse(xs, ys, w):\n    import torch\n"
            "    t = torch.ones(1)\n    getattr(t, 'back' + 'ward')()\n",
        )
    )

    results = grade_submissions(
        course.assignment("hw1"),
        [Submission("plain", plain), Submission("hidden", hidden)],
        options=GradingOptions(),
    )

    scores = {r.student: {q.question_id: q.score for q in r.questions} for r in results}
    assert scores["plain"] == {"q1": 10.0, "q2": 0.0, "q3": 30.0, "q4": 30.0}
    assert scores["hidden"]["q2"] == 0.0
    plain_result = results[0]
    assert plain_result.notes[-1].startswith(
        "Work the gradient out by hand. Used: `backward`"
    )
    q2 = [t for t in plain_result.tests if t.question == "q2"]
    assert {t.outcome for t in q2} == {Outcome.FAILED}
    assert (
        q2[0].message
        == "Work the gradient out by hand. Found `backward` at linear_model.py line 37."
    )
    hidden_q2 = [t for t in results[1].tests if t.question == "q2"]
    assert hidden_q2[0].message == (
        "Work the gradient out by hand. Found `Tensor.backward` at run time."
    )


@pytest.mark.parametrize("bad", ["2026-10-01", "yesterday"])
def test_submission_times_need_a_zone(tmp_path: Path, bad: str) -> None:
    from grader.errors import GraderError
    from grader.lateness import read_submission_times

    times = tmp_path / "t.csv"
    times.write_text(f"student,submitted_at\nann,{bad}\n")

    with pytest.raises(GraderError, match="line 2: expected `student,submitted_at`"):
        read_submission_times(times)
