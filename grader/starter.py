"""`grade init`: copy an assignment's starter files into a new folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.manifest import Assignment

__all__ = ["start_assignment"]


def start_assignment(assignment: Assignment, target: Path) -> Path:
    """Copy the stub and its README to `target`, which must be new or empty."""
    if target.exists() and not target.is_dir():
        raise GraderError(
            f"{target} is a file, not a folder; give a new folder to start in.",
            exit_code=ExitCode.USAGE,
        )
    if target.is_dir() and any(target.iterdir()):
        raise GraderError(
            f"{target} already exists and is not empty; choose another folder.",
            exit_code=ExitCode.USAGE,
        )
    if not assignment.template_dir.is_dir():
        raise GraderError(
            f"The starter files of {assignment.assignment_id} are missing from "
            f"{assignment.template_dir}."
        )
    try:
        shutil.copytree(assignment.template_dir, target, dirs_exist_ok=True)
    except OSError as error:
        raise GraderError(
            f"Cannot create {target} ({error.strerror}). "
            "Choose a folder you can write to.",
            exit_code=ExitCode.USAGE,
        ) from error
    return target / assignment.module_file
