"""Hostile hw1 submissions, graded in the strict sandbox: each tries one attack.

The corpus is `tests/hostile/corpus`, one entry per student. Files that Python or
pytest would run on their own (`conftest.py`, `sitecustomize.py`) are stored there as
`*.inert`, so that this suite never loads them, and get their real names when the
submissions folder is built in a temporary folder; the zips, the links and the
loopback port are made then too. The whole folder is graded in one strict batch, with
a right answer (`tests/hostile/parts/sentinel.py`) graded after each case: it must
score 100, and at import it takes a census of the sandbox, so anything a case left
behind (a process, a file) shows in its output. Attacks on the students graded after
them are in `tests/hostile/cross` and get a batch of their own.

Each test states the outcome the grader must give; a weakness found here is fixed in
the grader, not marked as expected.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import threading
import time
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import grader.grading
from grader import processes
from grader.batch import run_batch
from grader.grading import GradingOptions, grade_submissions
from grader.manifest import Assignment
from grader.remote import StudentProblem, SubmissionSession
from grader.reports import (
    write_gradebook_csv,
    write_results_json,
    write_submission_html,
)
from grader.results import Outcome, SubmissionResult
from grader.sandbox import Isolation
from grader.submissions import Submission, discover

from .conftest import REPO
from .test_examples_hw1 import EXPECTED as EXAMPLES_EXPECTED

HOSTILE = Path(__file__).resolve().parent / "hostile"
CORPUS = HOSTILE / "corpus"
PARTS = HOSTILE / "parts"
CROSS = HOSTILE / "cross"
SENTINEL = PARTS / "sentinel.py"
SOLUTION = REPO / "solutions" / "hw1" / "linear_model.py"
HIDDEN_TESTS = REPO / "assignments" / "hw1" / "tests" / "hidden"

CANARY_NAME = "GRADER_CANARY"
CANARY = "canary-7f3a9c2e41d85b60"
SECRET = b"hostile-secret-5d1e"  # what connect_loopback.py sends
# In the command line of every process a case starts; none may outlive the batch.
PROCESS_MARKERS = (
    "hostile-forkbomb-4242",
    "hostile-daemon-4343",
    "4545.5",  # pid_hopper's decoys
    "replaced by pid_hopper",  # pid_hopper's hoppers (their -c code)
)
# Names a case writes wherever it can; none may appear outside the sandbox.
PLANTED_NAMES = (
    "results.json",
    "grades.csv",
    "resource.py",
    "hostile-note-share-1",
    "HOSTILE-MARKER-conftest",
    "HOSTILE-MARKER-sitecustomize",
    "HOSTILE-MARKER-usercustomize",
    "HOSTILE-MARKER-pth",
    "HOSTILE-zipslip-up.py",
    "HOSTILE-zipslip-abs.py",
    "HOSTILE-zipslip-win.py",
    "HOSTILE-zipslip-nested.py",
)
ZIP_SLIP_ENTRIES = (
    "../../../../../../../../../../tmp/HOSTILE-zipslip-up.py",
    "/tmp/HOSTILE-zipslip-abs.py",
    "..\\..\\..\\..\\..\\..\\..\\..\\..\\..\\tmp\\HOSTILE-zipslip-win.py",
    "C:/tmp/HOSTILE-zipslip-drive.py",
    "zip_slip/sub/../../../../../../../../../../../tmp/HOSTILE-zipslip-nested.py",
)

# Each case's expected scores for (q1, q2, q3, q4); the points per function are
# forward 10, loss 10, mse 20, exhaustive_search 30, forward_affine 5,
# exhaustive_search_affine 25.
FULL = (10.0, 30.0, 30.0, 30.0)
NONE = (0.0, 0.0, 0.0, 0.0)
WITHOUT_MSE = (10.0, 10.0, 30.0, 30.0)
EXPECTED = {
    "conftest_marks_passed": WITHOUT_MSE,
    "connect_loopback": FULL,
    "daemon_outlives_submission": FULL,
    "forge_results_files": FULL,
    "forge_socket_replies": NONE,
    "fork_bomb": FULL,
    "infinite_recursion": WITHOUT_MSE,
    "kill_every_pid": (10.0, 30.0, 30.0, 25.0),
    "kill_parent": (10.0, 30.0, 30.0, 25.0),
    "kill_process_group": (10.0, 20.0, 30.0, 30.0),
    "memory_bomb": (10.0, 30.0, 30.0, 25.0),
    "open_thousands_of_files": (10.0, 20.0, 30.0, 30.0),
    "overwrite_other_students": FULL,
    "patch_builtins_numpy_pytest": WITHOUT_MSE,
    "print_200mb": FULL,
    "print_environment": FULL,
    "pth_runs_code": WITHOUT_MSE,
    "read_hidden_tests": (10.0, 30.0, 30.0, 5.0),
    "read_proc_for_grader": (10.0, 30.0, 30.0, 25.0),
    "return_2gib_array": (0.0, 30.0, 30.0, 30.0),
    "segfault": (10.0, 30.0, 0.0, 30.0),
    "shadow_library_modules": FULL,
    "share_1_writer": FULL,
    "share_2_reader_swept": FULL,
    "share_3_reader_persistent": FULL,
    "sitecustomize_prints_score": WITHOUT_MSE,
    "sleep_at_import": NONE,
    "steal_reference_abspath": WITHOUT_MSE,
    "steal_reference_walk_up": (10.0, 30.0, 0.0, 30.0),
    "symlink_to_reference": WITHOUT_MSE,
    "symlinked_module": NONE,
    "write_200mb_fd1": FULL,
    "zip_bomb": NONE,
    "zip_slip": WITHOUT_MSE,
}
CLEAN_CENSUS = "census: [] []\n"


# --- Building and grading the corpus ---------------------------------------------


def build_submissions(folder: Path, *, port: int | None, unix_name: str | None) -> None:
    """The corpus as a SUBMISSIONS folder, with the cases made at run time.

    Without a port, connect_loopback.py keeps its placeholder and tries every port.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for entry in sorted(CORPUS.iterdir()):
        if entry.is_dir():
            shutil.copytree(entry, folder / entry.name)
        else:
            shutil.copyfile(entry, folder / entry.name)
    for inert in sorted(folder.rglob("*.inert")):
        inert.rename(inert.with_suffix(""))
    if port is not None and unix_name is not None:
        path = folder / "connect_loopback.py"
        text = path.read_text().replace("@PORT@", str(port))
        path.write_text(text.replace("@UNIX_NAME@", unix_name))
    _build_zips(folder)
    _build_links(folder)


def _build_zips(folder: Path) -> None:
    stub, correct = (PARTS / "stub_mse.py").read_text(), SENTINEL.read_text()
    with zipfile.ZipFile(folder / "zip_slip.zip", "w") as bundle:
        bundle.writestr("zip_slip/linear_model.py", stub)
        for name in ZIP_SLIP_ENTRIES:
            bundle.writestr(name, "print('zip slip')\n")
        link = zipfile.ZipInfo("zip_slip/helper.py")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, str(SOLUTION))
    with zipfile.ZipFile(folder / "zip_bomb.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("linear_model.py", correct)
        bundle.writestr("weights.bin", bytes(60 << 20))  # 60 MB of zeros, 60 kB zipped


def _build_links(folder: Path) -> None:
    linked = folder / "symlink_to_reference"
    linked.mkdir()
    shutil.copyfile(PARTS / "mse_from_link.py", linked / "linear_model.py")
    (linked / "solution_link.py").symlink_to(SOLUTION)
    (linked / "hidden_tests").symlink_to(HIDDEN_TESTS, target_is_directory=True)
    module_link = folder / "symlinked_module"
    module_link.mkdir()
    (module_link / "linear_model.py").symlink_to(SOLUTION)
    (folder / "reference_link.py").symlink_to(SOLUTION)


def tree_state(folder: Path) -> dict[str, tuple[int, str]]:
    """Every entry under `folder` (links not followed): its mode, and its bytes' hash
    or its link's target."""
    state: dict[str, tuple[int, str]] = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                content = ""
            state[str(path.relative_to(folder))] = (info.st_mode, content)
    return state


def planted_files(base: Path) -> dict[str, str]:
    """The files named like something a case plants, where a case would plant them
    if it could reach the host: the top of the repository, its usual output folder,
    /tmp, HOME and /, and anywhere under this batch's own temporary folder."""
    tops = [REPO, REPO / "grading-out", Path("/tmp"), Path.home(), Path("/")]
    paths = [top / name for top in tops for name in PLANTED_NAMES]
    paths += [path for name in PLANTED_NAMES for path in base.rglob(name)]
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in paths
        if path.is_file()
    }


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def host_processes_with_markers(*, besides: int | None = None) -> list[str]:
    """Command lines of the host's processes that carry a case's marker, but for the
    descendants of `besides` (the CLI run, which may still be grading)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, UnicodeDecodeError):
            continue
        if not any(marker in command for marker in PROCESS_MARKERS):
            continue
        ancestor = int(entry.name)
        while ancestor > 1 and ancestor != besides:
            ancestor = _parent(ancestor)
        if besides is None or ancestor != besides:
            found.append(command)
    return found


@dataclass
class Listener:
    """A TCP listener on loopback and an abstract Unix socket; what arrives."""

    port: int
    unix_name: str
    received: list[bytes] = field(default_factory=list)


def _accept_all(
    server: socket.socket, received: list[bytes], stop: threading.Event
) -> None:
    server.settimeout(0.1)
    while not stop.is_set():
        try:
            connection, _ = server.accept()
        except TimeoutError:
            continue
        with connection:
            connection.settimeout(1.0)
            try:
                received.append(b"connected: " + connection.recv(1024))
            except OSError:
                received.append(b"connected")


@pytest.fixture(scope="session")
def listener() -> Iterator[Listener]:
    tcp = socket.create_server(("127.0.0.1", 0))
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix_name = f"hostile-listener-{os.getpid()}"
    unix.bind("\0" + unix_name)
    unix.listen()
    found = Listener(port=tcp.getsockname()[1], unix_name=unix_name)
    stop = threading.Event()
    threads = [
        threading.Thread(target=_accept_all, args=(server, found.received, stop))
        for server in (tcp, unix)
    ]
    for thread in threads:
        thread.start()
    yield found
    stop.set()
    for thread in threads:
        thread.join()
    tcp.close()
    unix.close()


CLI_TEST = "test_cli_batch_over_corpus_and_examples_keeps_scores_and_submissions"


@dataclass
class CliRun:
    """`grade batch` over the corpus and the examples, started in the background so
    that it grades on the second core while the in-process batch grades on the first."""

    process: subprocess.Popen[bytes]
    submissions: Path
    out: Path
    log: Path
    before: dict[str, tuple[int, str]]

    def wait(self) -> tuple[int, str]:
        code = self.process.wait(timeout=600)
        return code, self.log.read_text(errors="replace")


@pytest.fixture(scope="session")
def cli_run(
    tmp_path_factory: pytest.TempPathFactory, listener: Listener
) -> Iterator[CliRun]:
    base = tmp_path_factory.mktemp("hostile-cli")
    submissions, out, log = base / "submissions", base / "out", base / "log.txt"
    build_submissions(submissions, port=listener.port, unix_name=listener.unix_name)
    for entry in sorted((REPO / "examples" / "hw1").iterdir()):
        if entry.is_dir():
            shutil.copytree(entry, submissions / entry.name)
        elif entry.suffix in {".py", ".zip"}:
            shutil.copyfile(entry, submissions / entry.name)
    before = tree_state(submissions)
    command = [sys.executable, "-m", "grader", "batch", "hw1", str(submissions)]
    with log.open("wb") as stream:
        process = subprocess.Popen(
            [*command, "--out", str(out), "--isolation", "strict"],
            stdin=subprocess.DEVNULL,
            stdout=stream,
            stderr=subprocess.STDOUT,
            cwd=REPO,
            env={**os.environ, CANARY_NAME: CANARY},
        )
    run = CliRun(process, submissions, out, log, before)
    yield run
    if process.poll() is None:
        process.kill()
        process.wait()


def _cli_pid(request: pytest.FixtureRequest) -> int | None:
    """Start the CLI run now if its test was selected, and return its pid."""
    if not any(item.name == CLI_TEST for item in request.session.items):
        return None
    run: CliRun = request.getfixturevalue("cli_run")
    return run.process.pid if run.process.poll() is None else None


@dataclass
class Batch:
    """The corpus graded once, with what the host looked like before and after."""

    results: dict[str, SubmissionResult]
    skipped: list[str]
    reports: Path
    submissions_before: dict[str, tuple[int, str]]
    submissions_after: dict[str, tuple[int, str]]
    corpus_before: dict[str, tuple[int, str]]
    corpus_after: dict[str, tuple[int, str]]
    planted_before: dict[str, str]
    planted_after: dict[str, str]
    processes_after: list[str]
    problem_depths: dict[str, list[int]]


def _record_problem_depths(
    patch: pytest.MonkeyPatch, depths: dict[str, list[int]]
) -> None:
    """Record, for each problem a session raises before it has a worker (a failed
    import, no file), how deep its traceback is each time it is raised."""
    ready_worker = SubmissionSession._ready_worker

    def recording(session: SubmissionSession) -> Any:
        try:
            return ready_worker(session)
        except StudentProblem as problem:
            entries = traceback.extract_tb(problem.__traceback__)
            depths.setdefault(problem.message, []).append(len(entries))
            raise

    patch.setattr(SubmissionSession, "_ready_worker", recording)


@pytest.fixture(scope="session")
def batch(
    hw1: Assignment,
    listener: Listener,
    tmp_path_factory: pytest.TempPathFactory,
    request: pytest.FixtureRequest,
) -> Batch:
    cli = _cli_pid(request)
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "submissions"
    build_submissions(folder, port=listener.port, unix_name=listener.unix_name)
    submissions, skipped = discover(folder)
    graded: list[Submission] = []
    for submission in submissions:
        sentinel = Submission(student=f"{submission.student}.next", source=SENTINEL)
        graded += [submission, sentinel]
    submissions_before = tree_state(folder)
    corpus_before = tree_state(HOSTILE)
    planted_before = planted_files(base)
    depths: dict[str, list[int]] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CANARY_NAME, CANARY)  # a secret of the grading machine
        _record_problem_depths(patch, depths)
        results = grade_submissions(
            hw1, graded, options=GradingOptions(isolation=Isolation.STRICT)
        )
    processes_after = host_processes_with_markers(besides=cli)
    planted_after = planted_files(base)
    reports = base / "reports"
    for result in results:
        write_results_json(result, reports / result.student / "results.json")
        write_submission_html(result, hw1, reports / result.student / "report.html")
    write_gradebook_csv(results, hw1, reports / "grades.csv")
    return Batch(
        results={result.student: result for result in results},
        skipped=skipped,
        reports=reports,
        submissions_before=submissions_before,
        submissions_after=tree_state(folder),
        corpus_before=corpus_before,
        corpus_after=tree_state(HOSTILE),
        planted_before=planted_before,
        planted_after=planted_after,
        processes_after=processes_after,
        problem_depths=depths,
    )


def scores(result: SubmissionResult) -> tuple[float, ...]:
    return tuple(question.score for question in result.questions)


def problems(result: SubmissionResult) -> set[str]:
    """The first line of the message of every test that did not pass."""
    return {
        test.message.splitlines()[0]
        for test in result.tests
        if test.outcome is not Outcome.PASSED
    }


def outcomes(result: SubmissionResult, *, passed: bool = False) -> set[Outcome]:
    return {
        test.outcome
        for test in result.tests
        if passed or test.outcome is not Outcome.PASSED
    }


def all_text(result: SubmissionResult) -> str:
    """Everything a student or a teacher could read of a result."""
    return json.dumps(result.to_dict())


# --- The batch as a whole ----------------------------------------------------------


def test_corpus_every_case_is_graded_with_its_exact_scores(batch: Batch) -> None:
    cases = {name: r for name, r in batch.results.items() if not name.endswith(".next")}

    assert sorted(cases) == sorted(EXPECTED)
    got = {name: scores(result) for name, result in cases.items()}
    want = {name: EXPECTED[name] for name in cases}
    assert {name: got[name] for name in want} == want
    for result in cases.values():
        assert result.max_score == 100.0
        assert len(result.tests) == 20


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_sentinel_after_each_case_scores_100_and_finds_nothing_left(
    batch: Batch, case: str
) -> None:
    sentinel = batch.results[f"{case}.next"]

    assert sentinel.score == 100.0
    assert sentinel.import_output == CLEAN_CENSUS


def test_submissions_folder_is_unchanged_byte_for_byte(batch: Batch) -> None:
    assert batch.submissions_after == batch.submissions_before
    assert batch.corpus_after == batch.corpus_before


def test_nothing_is_planted_on_the_host(batch: Batch) -> None:
    assert batch.planted_after == batch.planted_before


def test_no_process_of_any_case_outlives_the_batch(batch: Batch) -> None:
    assert batch.processes_after == []


def test_top_level_link_to_the_reference_is_skipped(batch: Batch) -> None:
    assert batch.skipped == ["reference_link.py: a link, not a submission"]
    assert "reference_link" not in batch.results


# --- Reading what it must not read -----------------------------------------------


def test_steal_reference_abspath_finds_nothing_and_loses_mse(batch: Batch) -> None:
    result = batch.results["steal_reference_abspath"]

    assert scores(result) == WITHOUT_MSE
    assert problems(result) == {
        "mse() raised FileNotFoundError: no reference solution within reach"
    }


def test_steal_reference_walk_up_finds_nothing_and_loses_search(batch: Batch) -> None:
    result = batch.results["steal_reference_walk_up"]

    assert scores(result) == (10.0, 30.0, 0.0, 30.0)
    assert problems(result) == {
        "exhaustive_search() raised FileNotFoundError: "
        "no solutions/hw1/linear_model.py above any folder"
    }


def test_read_hidden_tests_finds_nothing_and_leaks_nothing(batch: Batch) -> None:
    result = batch.results["read_hidden_tests"]
    hidden_source = (HIDDEN_TESTS / "test_hidden_hw1.py").read_text()

    assert scores(result) == (10.0, 30.0, 30.0, 5.0)
    assert problems(result) == {
        "exhaustive_search_affine() raised FileNotFoundError: "
        "hidden tests not within reach"
    }
    assert "def line_data" in hidden_source
    assert "def line_data" not in all_text(result)


def test_read_proc_for_grader_sees_only_the_sandbox(batch: Batch) -> None:
    result = batch.results["read_proc_for_grader"]

    assert scores(result) == (10.0, 30.0, 30.0, 25.0)
    (problem,) = problems(result)
    assert problem.startswith("forward_affine() raised LookupError: no grader among ")


def test_print_environment_leaks_no_secret_anywhere(batch: Batch) -> None:
    result = batch.results["print_environment"]
    shown = result.import_output + "".join(test.output for test in result.tests)

    assert scores(result) == FULL
    assert "'HOME': '/tmp'" in shown
    assert "/proc/1/environ" in shown
    assert os.environ.get(CANARY_NAME) is None  # set only while grading
    for other in batch.results.values():
        assert CANARY not in all_text(other)
    for path in batch.reports.rglob("*"):
        if path.is_file():
            assert CANARY not in path.read_text(), path


def test_connect_loopback_reaches_nothing(batch: Batch, listener: Listener) -> None:
    result = batch.results["connect_loopback"]

    assert scores(result) == FULL
    assert result.import_output == "reached []\n"
    assert listener.received == []
    assert SECRET not in b"".join(listener.received)


# --- Writing where it must not write -----------------------------------------------


def test_forge_results_files_lands_only_in_the_sandbox(batch: Batch) -> None:
    result = batch.results["forge_results_files"]

    assert scores(result) == FULL
    assert result.import_output.startswith("forged ")
    assert batch.planted_after == batch.planted_before
    data = json.loads(
        (batch.reports / "forge_results_files" / "results.json").read_text()
    )
    assert data["score"] == 100.0
    assert "forged" not in data["output"]


def test_overwrite_other_students_reaches_nobody(batch: Batch) -> None:
    result = batch.results["overwrite_other_students"]

    assert scores(result) == FULL
    assert result.import_output == "overwrote 0 files\n"
    assert batch.submissions_after == batch.submissions_before
    assert batch.results["overwrite_other_students.next"].score == 100.0


@pytest.mark.parametrize(
    "case", ["conftest_marks_passed", "sitecustomize_prints_score", "pth_runs_code"]
)
def test_startup_hooks_are_left_out_and_have_no_effect(batch: Batch, case: str) -> None:
    result = batch.results[case]
    left_out = {
        "conftest_marks_passed": "conftest.py",
        "sitecustomize_prints_score": "sitecustomize.py, usercustomize.py",
        "pth_runs_code": "hostile.pth",
    }[case]

    assert scores(result) == WITHOUT_MSE
    assert result.notes == (f"Not used in grading: {left_out}.",)
    assert problems(result) == {
        "mse() is not implemented yet (it raised NotImplementedError)."
    }
    assert outcomes(result) == {Outcome.ERROR}
    assert "100/100" not in all_text(result)
    assert batch.planted_after == batch.planted_before


def test_shadow_library_modules_are_left_out_with_notes(batch: Batch) -> None:
    result = batch.results["shadow_library_modules"]

    assert scores(result) == FULL
    assert result.notes == tuple(
        f"{name} has the name of the library module `{module}`, so it was left out: "
        f"rename it (for example my_{name})."
        for name, module in (
            ("numpy", "numpy"),
            ("random.py", "random"),
            ("torch.py", "torch"),
        )
    )
    assert "FAKE" not in all_text(result)


# --- Archives and links ------------------------------------------------------------


def test_zip_slip_writes_nothing_outside_its_folder(batch: Batch) -> None:
    result = batch.results["zip_slip"]
    escaping = [name.replace("\\", "/") for name in ZIP_SLIP_ENTRIES]

    assert scores(result) == WITHOUT_MSE
    assert result.notes == (
        *(
            f"Zip entry {name!r} points outside the submission; skipped."
            for name in escaping
        ),
        "Zip entry 'zip_slip/helper.py' is a link; skipped.",
    )
    assert batch.planted_after == batch.planted_before


def test_zip_bomb_is_refused_by_its_unpacked_size(batch: Batch) -> None:
    result = batch.results["zip_bomb"]
    refusal = "The zip file unpacks to more than the submission size limit."

    assert scores(result) == NONE
    assert result.import_error == refusal
    assert problems(result) == {refusal}


def test_symlink_to_reference_is_left_out(batch: Batch) -> None:
    result = batch.results["symlink_to_reference"]

    assert scores(result) == WITHOUT_MSE
    assert result.notes == ("Not used in grading: solution_link.py (a link).",)
    assert problems(result) == {
        "mse() raised ModuleNotFoundError: No module named 'solution_link'"
    }


def test_symlinked_module_does_not_score_the_reference(batch: Batch) -> None:
    result = batch.results["symlinked_module"]
    missing = (
        "No linear_model.py found in the submission: it must contain a file with "
        "exactly that name, at the top or in a sub-folder."
    )

    assert scores(result) == NONE
    assert result.import_error == missing
    assert problems(result) == {missing}


# --- Resources -------------------------------------------------------------------


def test_memory_bomb_is_stopped_by_the_memory_limit(batch: Batch) -> None:
    result = batch.results["memory_bomb"]

    assert scores(result) == (10.0, 30.0, 30.0, 25.0)
    assert problems(result) == {
        "forward_affine() raised _ArrayMemoryError: Unable to allocate 256. MiB for "
        "an array with shape (268435456,) and data type uint8"
    }


def test_fork_bomb_is_capped_and_leaves_no_process(batch: Batch) -> None:
    result = batch.results["fork_bomb"]

    assert scores(result) == FULL
    assert result.import_output == "at most 128 processes\n"
    assert batch.results["fork_bomb.next"].import_output == CLEAN_CENSUS
    assert batch.processes_after == []


@pytest.mark.parametrize(
    ("case", "fill"), [("print_200mb", "x"), ("write_200mb_fd1", "y")]
)
def test_200mb_of_output_is_cut_at_the_output_limit(
    batch: Batch, case: str, fill: str
) -> None:
    result = batch.results[case]
    limit = 64 << 10

    assert scores(result) == FULL
    assert result.import_output.startswith(fill * 1000)
    assert limit <= len(result.import_output) <= limit + 200
    assert result.import_output.endswith(
        "[output cut: it was longer than the report keeps]\n"
    )


def test_return_2gib_array_is_refused_as_over_the_limit(batch: Batch) -> None:
    result = batch.results["return_2gib_array"]

    assert scores(result) == (0.0, 30.0, 30.0, 30.0)
    assert problems(result) == {
        "forward() returned a value the grader cannot accept: the value is over the "
        "64.0 MB limit."
    }
    assert outcomes(result) == {Outcome.ERROR}


def test_infinite_recursion_is_an_error_in_mse_only(batch: Batch) -> None:
    result = batch.results["infinite_recursion"]

    assert scores(result) == WITHOUT_MSE
    assert problems(result) == {
        "mse() raised RecursionError: maximum recursion depth exceeded"
    }


def test_segfault_is_an_error_naming_the_signal(batch: Batch) -> None:
    result = batch.results["segfault"]

    assert scores(result) == (10.0, 30.0, 0.0, 30.0)
    assert problems(result) == {
        "The worker died with signal 11 (SIGSEGV) during exhaustive_search()."
    }


def test_sleep_at_import_times_out_every_test(batch: Batch) -> None:
    result = batch.results["sleep_at_import"]
    timeout = (
        "Importing linear_model.py did not finish within 10 s: does code at the top "
        "level of the file loop forever or wait for input?"
    )

    assert scores(result) == NONE
    assert result.import_error == timeout
    assert outcomes(result) == {Outcome.TIMEOUT}


NOT_IMPORTED = (
    "sleep_at_import",
    "symlinked_module",
    "zip_bomb",
)


def test_submissions_without_a_module_raise_their_problem_in_every_test(
    batch: Batch,
) -> None:
    for case in NOT_IMPORTED:
        message = batch.results[case].import_error
        assert message is not None
        assert len(batch.problem_depths[message]) == 20, case


def test_submissions_without_a_module_raise_a_problem_that_does_not_grow(
    batch: Batch,
) -> None:
    for case in NOT_IMPORTED:
        depths = batch.problem_depths[batch.results[case].import_error or ""]
        assert max(depths) == depths[0], case


def test_open_thousands_of_files_hits_the_open_file_limit(batch: Batch) -> None:
    result = batch.results["open_thousands_of_files"]

    assert scores(result) == (10.0, 20.0, 30.0, 30.0)
    assert problems(result) == {
        "loss() raised OSError: [Errno 24] Too many open files: '/dev/null'"
    }


# --- Processes and the grader's own machinery --------------------------------------


def test_kill_process_group_kills_only_its_worker(batch: Batch) -> None:
    result = batch.results["kill_process_group"]

    assert scores(result) == (10.0, 20.0, 30.0, 30.0)
    assert problems(result) == {
        "The worker was killed (signal 9: SIGKILL), by its own code or for using more "
        "memory than allowed during loss()."
    }


@pytest.mark.parametrize("case", ["kill_parent", "kill_every_pid"])
def test_killing_the_zygote_spares_the_next_student(batch: Batch, case: str) -> None:
    result = batch.results[case]
    affine = [t for t in result.tests if "test_forward_affine" in t.test_id]

    assert [test.outcome for test in affine] == [Outcome.ERROR]
    assert batch.results[f"{case}.next"].score == 100.0
    assert batch.results[f"{case}.next"].import_output == CLEAN_CENSUS


@pytest.mark.parametrize("case", ["kill_parent", "kill_every_pid"])
def test_killing_the_zygote_loses_only_the_killing_test(
    batch: Batch, case: str
) -> None:
    result = batch.results[case]

    assert scores(result) == (10.0, 30.0, 30.0, 25.0)
    assert result.import_error is None


def test_daemon_outlives_submission_is_killed(batch: Batch) -> None:
    result = batch.results["daemon_outlives_submission"]

    assert scores(result) == FULL
    assert (
        batch.results["daemon_outlives_submission.next"].import_output == CLEAN_CENSUS
    )
    assert batch.processes_after == []


def test_forge_socket_replies_are_only_wrong_answers(batch: Batch) -> None:
    result = batch.results["forge_socket_replies"]

    assert scores(result) == NONE
    assert outcomes(result, passed=True) == {Outcome.FAILED}
    assert "forward(3.0, w=2.0): expected numbers, got str '100/100'" in problems(
        result
    )


def test_patch_builtins_numpy_pytest_cannot_pass_a_wrong_mse(batch: Batch) -> None:
    result = batch.results["patch_builtins_numpy_pytest"]

    assert scores(result) == WITHOUT_MSE
    assert outcomes(result) == {Outcome.FAILED}
    assert problems(result) == {
        "mse(x_data, y_data, w=1.0): expected 4.666666666666667, got 9.333333333333334",
        "mse(x_data, y_data, w=0.0) on lists: expected 18.666666666666668, got "
        "37.333333333333336",
        "The answer was wrong.",
    }


# --- One student against the next --------------------------------------------------


def test_share_through_swept_places_next_student_sees_nothing(batch: Batch) -> None:
    assert scores(batch.results["share_1_writer"]) == FULL
    assert scores(batch.results["share_2_reader_swept"]) == FULL


def test_share_through_persistent_places_next_student_sees_nothing(
    batch: Batch,
) -> None:
    result = batch.results["share_3_reader_persistent"]

    assert scores(result) == FULL, problems(result)


# --- Attacks on the students graded after them: a batch of their own ---------------


class ImpatientLauncher(processes.ForkLauncher):
    """The real launcher, with a 4 s control timeout in place of 30 s (the zygote
    still gets its time to start), that records each timeout it waits out."""

    timeouts: list[float]

    def __init__(self, scratch: Path, **options: Any) -> None:
        self.timeouts = []
        super().__init__(scratch, **options)

    def _start_zygote(self) -> None:
        saved = processes._CONTROL_TIMEOUT_S
        processes._CONTROL_TIMEOUT_S = 60.0
        try:
            super()._start_zygote()
        finally:
            processes._CONTROL_TIMEOUT_S = saved

    def _reply(self, timeout: float = 10.0) -> tuple[dict[str, int], list[int]]:
        started = time.monotonic()
        try:
            return super()._reply(timeout)
        except TimeoutError:
            self.timeouts.append(time.monotonic() - started)
            raise


@dataclass
class CrossBatch:
    results: dict[str, SubmissionResult]
    launchers: list[ImpatientLauncher]
    processes_after: list[str]


HOPPER_ROUNDS = 4  # a race: one round escapes the sweep about five times in six


@pytest.fixture(scope="session")
def cross_batch(hw1: Assignment, request: pytest.FixtureRequest) -> CrossBatch:
    cli = _cli_pid(request)
    order = [("stop_zygote", CROSS / "stop_zygote.py")]
    order += [
        (f"pid_hopper_{n}", CROSS / "pid_hopper.py") for n in range(HOPPER_ROUNDS)
    ]
    order += [("plant_module_on_pythonpath", CROSS / "plant_module_on_pythonpath.py")]
    graded = []
    for student, source in order:
        graded.append(Submission(student=student, source=source))
        graded.append(Submission(student=f"{student}.next", source=SENTINEL))
    graded.append(
        Submission(student="plant_module_on_pythonpath.next2", source=SENTINEL)
    )
    launchers: list[ImpatientLauncher] = []

    def launcher(scratch: Path, **options: Any) -> ImpatientLauncher:
        launchers.append(ImpatientLauncher(scratch, **options))
        return launchers[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processes, "_CONTROL_TIMEOUT_S", 4.0)
        patch.setattr(grader.grading, "ForkLauncher", launcher)
        results = grade_submissions(
            hw1, graded, options=GradingOptions(isolation=Isolation.STRICT)
        )
    return CrossBatch(
        results={result.student: result for result in results},
        launchers=launchers,
        processes_after=host_processes_with_markers(besides=cli),
    )


def test_cross_attackers_score_as_their_functions(cross_batch: CrossBatch) -> None:
    attackers = ["stop_zygote", "pid_hopper_0", "plant_module_on_pythonpath"]

    # Beside a checkout under /tmp the plant can be written (the sandbox's /tmp is
    # writable), so it scores 100 there and is swept; elsewhere the read-only root
    # stops it at import. Either way later students are unaffected (tests below).
    under_tmp = str(REPO).startswith("/tmp/")
    assert {name: cross_batch.results[name].score for name in attackers} == {
        "stop_zygote": 100.0,
        "pid_hopper_0": 100.0,
        "plant_module_on_pythonpath": 100.0 if under_tmp else 0.0,
    }
    planted = cross_batch.results["plant_module_on_pythonpath"]
    if not under_tmp:
        assert planted.import_error is not None
        assert "Read-only file system" in planted.import_error
    assert cross_batch.processes_after == []


def test_stop_zygote_next_student_scores_100(cross_batch: CrossBatch) -> None:
    assert cross_batch.results["stop_zygote.next"].score == 100.0


def test_stop_zygote_costs_no_control_timeout(cross_batch: CrossBatch) -> None:
    assert [t for launcher in cross_batch.launchers for t in launcher.timeouts] == []


def test_pid_hopper_next_students_score_100(cross_batch: CrossBatch) -> None:
    victims = [f"pid_hopper_{n}.next" for n in range(HOPPER_ROUNDS)]

    assert [cross_batch.results[name].score for name in victims] == [100.0] * len(
        victims
    )


def test_planted_module_on_pythonpath_next_students_score_100(
    cross_batch: CrossBatch,
) -> None:
    victims = ["plant_module_on_pythonpath.next", "plant_module_on_pythonpath.next2"]

    for name in victims:
        result = cross_batch.results[name]
        assert "hostile-planted-resource" not in result.import_output
        assert result.score == 100.0


# --- The batch's own outputs and inputs --------------------------------------------


def test_student_named_grades_csv_still_gets_a_gradebook(
    hw1: Assignment, tmp_path: Path
) -> None:
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    with zipfile.ZipFile(submissions / "grades.csv.zip", "w") as bundle:
        bundle.writestr("linear_model.py", SENTINEL.read_text())
    (submissions / "alice").mkdir()
    shutil.copyfile(SENTINEL, submissions / "alice" / "linear_model.py")
    options = GradingOptions(isolation=Isolation.STRICT, questions=frozenset({"q1"}))

    outcome = run_batch(hw1, submissions, tmp_path / "out", options=options)

    assert outcome.complete
    with (tmp_path / "out" / "grades.csv").open(newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert sorted(row["student"] for row in rows) == ["alice", "grades.csv-2"]


def _make_deep_folder(top: Path, depth: int) -> None:
    """`top/d/d/.../d/notes.txt`, built level by level (pathlib's mkdir recurses)."""
    fd = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        os.close(os.open("notes.txt", os.O_CREAT | os.O_WRONLY, dir_fd=fd))
    finally:
        os.close(fd)


def _remove_deep_folder(top: Path, depth: int) -> None:
    """Remove what `_make_deep_folder` made, deepest first (rmtree recurses too)."""
    here = os.getcwd()
    os.chdir(top)
    try:
        os.chdir("/".join(["d"] * depth))
        os.unlink("notes.txt")
        for _ in range(depth):
            os.chdir("..")
            os.rmdir("d")
    finally:
        os.chdir(here)


def test_deeply_nested_folder_gets_its_zero_and_the_batch_goes_on(
    hw1: Assignment, tmp_path: Path
) -> None:
    deep = tmp_path / "deep"
    deep.mkdir()
    shutil.copyfile(SENTINEL, deep / "linear_model.py")
    _make_deep_folder(deep, 1200)
    submissions = [
        Submission(student="deep", source=deep),
        Submission(student="alice", source=SENTINEL),
    ]
    options = GradingOptions(isolation=Isolation.STRICT, questions=frozenset({"q1"}))

    try:
        deep_result, alice = grade_submissions(hw1, submissions, options=options)
    finally:
        _remove_deep_folder(deep, 1200)

    assert alice.score == 10.0
    assert deep_result.score == 0.0
    assert deep_result.import_error


# --- The real command over the corpus and the examples ------------------------------


def test_cli_batch_over_corpus_and_examples_keeps_scores_and_submissions(
    cli_run: CliRun, listener: Listener
) -> None:
    code, log = cli_run.wait()

    assert code == 0, log[-3000:]
    assert tree_state(cli_run.submissions) == cli_run.before
    with (cli_run.out / "grades.csv").open(newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    got = {
        name: tuple(float(row[q]) for q in ("q1", "q2", "q3", "q4"))
        for name, row in rows.items()
    }
    assert sorted(got) == sorted({*EXAMPLES_EXPECTED, *EXPECTED})
    assert {name: got[name] for name in EXAMPLES_EXPECTED} == {
        name: tuple(map(float, want)) for name, want in EXAMPLES_EXPECTED.items()
    }
    hostile = dict(EXPECTED)
    assert {name: got[name] for name in hostile} == hostile
    for path in cli_run.out.rglob("*"):
        if path.is_file():
            assert CANARY not in path.read_text(), path
        if path.name == "results.json":
            assert path.parent.parent == cli_run.out, path
            data = json.loads(path.read_text())
            assert data["score"] == float(rows[path.parent.name]["score"]), path
        if path.name in PLANTED_NAMES and path.name != "results.json":
            assert path == cli_run.out / "grades.csv", path
    assert listener.received == []
    assert host_processes_with_markers() == []


def test_sweep_keeps_a_python_mounted_under_tmp(tmp_path: Path) -> None:
    """A clone (and its venv) under /tmp is mounted inside the sandbox's /tmp; the
    sweep empties /tmp around it and leaves it alone."""
    from grader._zygote import _empty

    venv = tmp_path / "clone" / ".venv"
    (venv / "lib").mkdir(parents=True)
    (venv / "lib" / "torch.py").write_text("kept\n")
    (tmp_path / "clone" / "note.txt").write_text("left by a student\n")
    (tmp_path / "clone" / "planted").mkdir()
    (tmp_path / "stray.txt").write_text("left by a student\n")

    _empty([str(tmp_path)], keep=[str(venv)])

    remaining = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert remaining == [
        "clone",
        "clone/.venv",
        "clone/.venv/lib",
        "clone/.venv/lib/torch.py",
    ]
