"""The `grade` command end to end, as students and teaching assistants run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def grade(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "200", "PYTHONPATH": str(REPO)},
    )


def test_list_shows_questions_and_points() -> None:
    completed = grade("list")

    assert completed.returncode == 0
    assert (
        "hw1  Linear model, MSE and exhaustive search  "
        "(edit linear_model.py; 100 points)" in completed.stdout
    )
    assert "  q1  forward: the linear model  (10 points)" in completed.stdout
    hw1 = completed.stdout.split("hw1  ", 1)[1].split("\nhw2  ", 1)[0]
    assert hw1.count("(30 points)") == 3


def test_check_stub_scores_zero_and_fails(tmp_path: Path) -> None:
    completed = grade(
        "check",
        "hw1",
        str(REPO / "student_template" / "hw1"),
        "--report",
        str(tmp_path / "r.html"),
    )

    assert completed.returncode == 1
    assert "forward() is not implemented yet" in completed.stdout
    assert "Public tests: 0 / 50 points." in completed.stdout
    assert "Hidden tests also count in your final grade" in completed.stdout
    assert "all tests passed" not in completed.stdout.lower()
    assert (tmp_path / "r.html").is_file()


def test_check_solution_passes_every_public_test(tmp_path: Path) -> None:
    completed = grade(
        "check",
        "hw1",
        str(REPO / "solutions" / "hw1"),
        "--report",
        str(tmp_path / "r.html"),
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Public tests: 50 / 50 points." in completed.stdout
    assert completed.stdout.count("pass") >= 4
    assert f"Report: {tmp_path / 'r.html'}" in completed.stdout


def test_check_one_question(tmp_path: Path) -> None:
    completed = grade(
        "check",
        "hw1",
        str(REPO / "student_template" / "hw1"),
        "-q",
        "q2",
        "--report",
        str(tmp_path / "r.html"),
    )

    assert completed.returncode == 1
    assert "Public tests: 0 / 15 points." in completed.stdout
    assert "q1 " not in completed.stdout
    assert "forward() is not implemented" not in completed.stdout


def test_init_then_check_in_that_folder(tmp_path: Path) -> None:
    started = grade("init", "hw1", cwd=tmp_path)
    checked = grade("check", "hw1", cwd=tmp_path)

    assert started.returncode == 0
    assert (tmp_path / "hw1" / "linear_model.py").read_text() == (
        REPO / "student_template" / "hw1" / "linear_model.py"
    ).read_text()
    assert checked.returncode == 1
    assert (tmp_path / ".grade" / "hw1-report.html").is_file()


def test_init_refuses_a_folder_with_work_in_it(tmp_path: Path) -> None:
    (tmp_path / "hw1").mkdir()
    (tmp_path / "hw1" / "linear_model.py").write_text("# my work\n")

    completed = grade("init", "hw1", cwd=tmp_path)

    assert completed.returncode == 2
    assert "already exists and is not empty" in completed.stderr
    assert (tmp_path / "hw1" / "linear_model.py").read_text() == "# my work\n"


def test_check_without_work_says_what_to_do(tmp_path: Path) -> None:
    completed = grade("check", "hw1", cwd=tmp_path)

    assert completed.returncode == 4
    assert "Run `grade init hw1` to start" in completed.stderr


def test_unknown_assignment_is_named() -> None:
    completed = grade("check", "hw9")

    assert completed.returncode == 4
    assert "No assignment 'hw9'" in completed.stderr
    assert "hw1" in completed.stderr


def test_batch_refuses_missing_submissions_folder(tmp_path: Path) -> None:
    completed = grade(
        "batch", "hw1", str(tmp_path / "nope"), "--out", str(tmp_path / "out")
    )

    assert completed.returncode == 2
    assert "is not a folder" in completed.stderr


def test_batch_refuses_output_inside_submissions(tmp_path: Path) -> None:
    (tmp_path / "subs").mkdir()

    completed = grade(
        "batch", "hw1", str(tmp_path / "subs"), "--out", str(tmp_path / "subs" / "out")
    )

    assert completed.returncode == 2
    assert "overlap" in completed.stderr
    assert list((tmp_path / "subs").iterdir()) == []


def test_batch_with_broken_zip_and_missing_file_goes_on(tmp_path: Path) -> None:
    subs = tmp_path / "subs"
    (subs / "empty_folder").mkdir(parents=True)
    (subs / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    (subs / "good.py").write_bytes(
        (REPO / "solutions" / "hw1" / "linear_model.py").read_bytes()
    )

    completed = grade(
        "batch", "hw1", str(subs), "--out", str(tmp_path / "out"), "-j", "1"
    )

    assert completed.returncode == 0, completed.stderr
    rows = (tmp_path / "out" / "grades.csv").read_text().splitlines()
    assert rows[1:] == [
        "broken,0,100,0,0,0,0",
        "empty_folder,0,100,0,0,0,0",
        "good,100,100,10,30,30,30",
    ]
    report = (tmp_path / "out" / "broken" / "report.html").read_text()
    assert "broken.zip is not a readable zip file" in report
    assert (
        "No linear_model.py found in the submission"
        in (tmp_path / "out" / "empty_folder" / "report.html").read_text()
    )


def test_batch_refuses_an_empty_submissions_folder(tmp_path: Path) -> None:
    (tmp_path / "subs").mkdir()

    completed = grade(
        "batch", "hw1", str(tmp_path / "subs"), "--out", str(tmp_path / "o")
    )

    assert completed.returncode == 2
    assert "No submissions found in" in completed.stderr
    assert not (tmp_path / "o").exists()


def test_batch_refuses_an_output_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.py").write_text("x = 1\n")
    (tmp_path / "taken").write_text("keep me\n")

    completed = grade(
        "batch", "hw1", str(tmp_path / "subs"), "--out", str(tmp_path / "taken")
    )

    assert completed.returncode == 2
    assert "is a file; give a folder" in completed.stderr
    assert (tmp_path / "taken").read_text() == "keep me\n"


def test_init_into_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")

    completed = grade("init", "hw1", str(tmp_path / "notes.txt"))

    assert completed.returncode == 2
    assert "is a file, not a folder" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_check_refuses_a_text_file_and_a_non_html_report(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    (tmp_path / "README.md").write_text("# mine\n")
    solution = str(REPO / "solutions" / "hw1")

    on_text = grade("check", "hw1", str(tmp_path / "notes.txt"))
    on_readme = grade("check", "hw1", solution, "--report", str(tmp_path / "README.md"))

    assert on_text.returncode == 4
    assert "is not a folder, a .py file or a .zip" in on_text.stderr
    assert on_readme.returncode == 2
    assert "must end in .html" in on_readme.stderr
    assert (tmp_path / "README.md").read_text() == "# mine\n"
