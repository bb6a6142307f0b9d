"""`grade release`: the tree students get: stub, README, public tests and manifest.

Hidden tests, reference solutions and mutants never go in. After writing, the tree is
searched for any distinctive line of the hidden tests or of the solution's code, and a
release that contains one is refused.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.manifest import Assignment

__all__ = ["find_leaks", "release_assignment"]

_MIN_LINE = 24  # shorter lines (`return x * w`) are too common to call a leak


def release_assignment(assignment: Assignment, out: Path) -> list[Path]:
    """Write the student tree for `assignment` under `out`; return the files written."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise GraderError(
            f"{out} exists and is not an empty folder; give a new one.",
            exit_code=ExitCode.USAGE,
        )
    homework = assignment.assignment_id
    assignment_out = out / "assignments" / homework
    (assignment_out / "tests").mkdir(parents=True)
    shutil.copy2(
        assignment.root / "assignment.toml", assignment_out / "assignment.toml"
    )
    shutil.copytree(
        assignment.public_tests,
        assignment_out / "tests" / "public",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    shutil.copytree(
        assignment.template_dir,
        out / "student_template" / homework,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    leaks = find_leaks(out, assignment)
    if leaks:
        shutil.rmtree(out)
        raise GraderError(
            "The release would contain hidden content, so nothing was written:\n"
            + "\n".join(leaks[:10])
        )
    return sorted(path for path in out.rglob("*") if path.is_file())


def find_leaks(tree: Path, assignment: Assignment) -> list[str]:
    """Lines of the hidden tests or the solution's code found in any file of `tree`."""
    public = _public_text(assignment)
    secrets = {
        line
        for line in _hidden_lines(assignment) | _solution_code_lines(assignment)
        if line not in public  # shared with the public tests or the stub: not secret
    }
    leaks = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        for line in sorted(secrets):
            if line in text:
                leaks.append(f"{path.relative_to(tree)} contains {line!r}")
    return leaks


def _public_text(assignment: Assignment) -> str:
    folders = (assignment.public_tests, assignment.template_dir)
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def _hidden_lines(assignment: Assignment) -> set[str]:
    lines: set[str] = set()
    for path in assignment.hidden_tests.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if len(text) >= _MIN_LINE and not text.startswith(
                ("import ", "from ", "@")
            ):
                lines.add(text)
    return lines


def _solution_code_lines(assignment: Assignment) -> set[str]:
    """The statements inside the solution's functions (not signatures or docstrings,
    which the stub shares on purpose)."""
    source = assignment.solution_file.read_text(encoding="utf-8")
    rows = source.splitlines()
    lines: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        body = node.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            body = body[1:]  # the docstring
        for statement in body:
            end = statement.end_lineno or statement.lineno
            for row in rows[statement.lineno - 1 : end]:
                text = row.strip()
                if len(text) >= _MIN_LINE and not text.startswith("#"):
                    lines.add(text)
    return lines
