"""Grade submissions of one assignment: copy them, start workers, run the tests once.

Both `grade check` (one submission, public tests) and `grade batch` (a class, public
and hidden tests) come through `grade_submissions`.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import warnings
from collections.abc import Callable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest

from grader.errors import GraderError
from grader.manifest import Assignment
from grader.plugin import GradingPlugin
from grader.processes import ForkLauncher, FreshLauncher, Launcher
from grader.remote import SessionLimits
from grader.results import SubmissionResult
from grader.submissions import Submission, prepare

__all__ = ["GradingOptions", "fork_available", "grade_submissions"]

_PYTEST_INI = "[pytest]\nconsole_output_style = classic\n"
# Plugins that cost time per test and do nothing for grading.
_DISABLED_PLUGINS = [
    f"-pno:{name}"
    for name in (
        "cacheprovider",
        "terminal",
        "logging",
        "warnings",
        "faulthandler",
        "junitxml",
        "doctest",
        "pastebin",
        "stepwise",
        "setuponly",
        "setupplan",
        "debugging",
        "legacypath",
        "tmpdir",
        "monkeypatch",
        "recwarn",
    )
]


@dataclass(frozen=True)
class GradingOptions:
    """What to run and how."""

    include_hidden: bool = True
    questions: frozenset[str] | None = None
    fresh_workers: bool = False


def fork_available() -> bool:
    """Whether workers can be forked from a warm zygote on this platform."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and os.name == "posix"


def grade_submissions(
    assignment: Assignment,
    submissions: Sequence[Submission],
    *,
    options: GradingOptions,
    on_result: Callable[[SubmissionResult], None] = lambda result: None,
) -> list[SubmissionResult]:
    """Grade each submission; results come back in the order given."""
    for question in options.questions or ():
        assignment.question(question)
    scratch = Path(tempfile.mkdtemp(prefix="grade-"))
    try:
        prepared = [
            prepare(
                s, module_file=assignment.module_file, scratch=scratch / "submissions"
            )
            for s in submissions
        ]
        run_dir = scratch / "run"
        run_dir.mkdir()
        launcher = _launcher(run_dir, fresh=options.fresh_workers)
        try:
            plugin = GradingPlugin(
                assignment=assignment,
                submissions=prepared,
                launcher=launcher,
                limits=_session_limits(assignment),
                questions=options.questions,
                on_result=on_result,
                protections=_protections(launcher),
            )
            _run_pytest(
                assignment,
                plugin,
                scratch=scratch,
                include_hidden=options.include_hidden,
            )
            plugin.finish_all()
        finally:
            launcher.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [plugin.results[s.student] for s in prepared if s.student in plugin.results]


def _run_pytest(
    assignment: Assignment,
    plugin: GradingPlugin,
    *,
    scratch: Path,
    include_hidden: bool,
) -> None:
    folders = [assignment.public_tests]
    if include_hidden:
        folders.append(assignment.hidden_tests)
    folders = [folder for folder in folders if folder.is_dir()]
    if not folders:
        raise GraderError(
            f"{assignment.assignment_id} has no tests in {assignment.root / 'tests'}."
        )
    ini = scratch / "pytest.ini"
    ini.write_text(_PYTEST_INI)
    args = [
        "-c",
        str(ini),
        "--rootdir",
        str(assignment.root),
        "--import-mode=importlib",
        "--capture=no",  # workers' output is captured by the grader, not by pytest
        *_DISABLED_PLUGINS,
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        *map(str, folders),
    ]
    log = StringIO()
    with redirect_stdout(log), redirect_stderr(log), warnings.catch_warnings():
        warnings.simplefilter("default")  # the caller's filters are not the tests'
        exit_code = pytest.main(args, plugins=[plugin, plugin.fixtures()])
    if plugin.collection_errors:
        problems = "\n".join(plugin.collection_errors)
        raise GraderError(
            f"The tests of {assignment.assignment_id} could not be collected:\n{problems}"
        )
    if exit_code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise GraderError(
            f"pytest could not run the tests of {assignment.assignment_id}:\n{log.getvalue()[-3000:]}"
        )


def _launcher(run_dir: Path, *, fresh: bool) -> Launcher:
    if fresh or not fork_available():
        return FreshLauncher(run_dir)
    return ForkLauncher(run_dir)


def _protections(launcher: Launcher) -> tuple[str, ...]:
    protections = [
        "student code ran in a separate worker process; only plain data came back"
    ]
    if launcher.kind == "fork":
        protections.append(
            "each submission got a fresh worker forked from a warm process"
        )
    else:
        protections.append("each submission got a freshly started worker process")
    if os.name == "posix":
        protections.append("limits on CPU time, memory, open files and file size")
    protections.append("a minimal environment with no secrets of the grading machine")
    return tuple(protections)


def _session_limits(assignment: Assignment) -> SessionLimits:
    limits = assignment.limits
    return SessionLimits(
        call_timeout_s=limits.call_timeout_s,
        import_timeout_s=limits.import_timeout_s,
        budget_s=limits.submission_budget_s,
        reply_limit=limits.reply_mb << 20,
        output_limit=limits.output_kb << 10,
        memory_limit=limits.memory_mb << 20,
    )
