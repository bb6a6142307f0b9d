"""The one error type users see, and the exit codes of the `grade` command."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode", "GraderError"]


class ExitCode(IntEnum):
    """What the `grade` command's exit status means."""

    OK = 0  # everything graded; for `check`, every public test passed
    TESTS_FAILED = 1  # `check`: at least one public test did not pass
    USAGE = 2  # bad command-line input (typer's own code for this)
    GRADING_INCOMPLETE = 3  # `batch`: some submission got no result
    CONFIG = 4  # the course or an assignment is missing or malformed
    ISOLATION_UNAVAILABLE = 5  # strict isolation was asked for and cannot be had
    INTERRUPTED = 130  # stopped with Ctrl-C, as shells report SIGINT


class GraderError(Exception):
    """A problem the user can fix, told in a full sentence with what to do next."""

    def __init__(self, message: str, *, exit_code: ExitCode = ExitCode.CONFIG) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
