"""Starting, talking to and stopping workers: every process the grader spawns.

Two launchers give the same `WorkerProcess`:
- `ForkLauncher` keeps a warm zygote that has imported torch and forks a worker from
  it in milliseconds (Linux and macOS);
- `FreshLauncher` starts a new Python per worker, paying torch's import each time
  (Windows, or when asked for).
Environments are built explicitly, so no secret of the grading machine reaches a
worker; stdin is closed; output goes to files the grader reads with a cap.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from grader._channel import Channel
from grader._worker import WorkerConfig
from grader.errors import GraderError
from grader.sandbox import SANDBOX_SUBMISSION, SWEPT_FOLDERS, Sandbox, python_roots

__all__ = [
    "ForkLauncher",
    "FreshLauncher",
    "Launcher",
    "WorkerExit",
    "WorkerProcess",
    "worker_environment",
]

logger = logging.getLogger(__name__)

_ZYGOTE_START_TIMEOUT_S = 180.0
# The zygote answers in milliseconds; a silent one is replaced.
_CONTROL_SLICE_S = 0.5
_CONTROL_TIMEOUT_S = 10.0
_PASSED_ENVIRONMENT = (
    "PATH",
    "SYSTEMROOT",
    "TZ",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
)


@dataclass(frozen=True)
class WorkerExit:
    """How a worker process ended, as far as the grader can tell."""

    exit_code: int | None = None
    signal_number: int | None = None

    def describe(self) -> str:
        if self.signal_number is not None:
            try:
                name = signal.Signals(self.signal_number).name
            except ValueError:
                name = "unknown"
            return f"signal {self.signal_number} ({name})"
        if self.exit_code is not None:
            return f"exit code {self.exit_code}"
        return "an unknown cause"


def _exit_from_status(status: int) -> WorkerExit:
    if status < 0:
        return WorkerExit()
    if os.WIFSIGNALED(status):
        return WorkerExit(signal_number=os.WTERMSIG(status))
    return WorkerExit(exit_code=os.WEXITSTATUS(status))


class _Stopper(Protocol):
    def __call__(self, *, wait: bool) -> WorkerExit: ...


class WorkerProcess:
    """A running worker: its channel, its captured output, and a way to end it."""

    def __init__(self, channel: Channel, output_path: Path, stop: _Stopper) -> None:
        self.channel = channel
        self._output_path = output_path
        self._offset = 0
        self._stop = stop
        self._exit: WorkerExit | None = None

    def read_output(self, limit: int) -> str:
        """What the worker printed since the last read, cut at `limit` bytes."""
        try:
            with self._output_path.open("rb") as stream:
                stream.seek(self._offset)
                data = stream.read(limit + 1)
                end = stream.seek(0, os.SEEK_END)
        except OSError:
            return ""
        self._offset = end
        text = data[:limit].decode("utf-8", "replace")
        if len(data) > limit:
            text += "\n[output cut: it was longer than the report keeps]\n"
        return text

    def stop(self, *, wait: bool = False) -> WorkerExit:
        """Kill the worker and everything in its process group.

        With `wait`, reap it first and say how it ended (after it died on its own);
        without, let it be reaped in the background.
        """
        if self._exit is None:
            self.channel.close()
            self._exit = self._stop(wait=wait)
            self._output_path.unlink(missing_ok=True)
        return self._exit


class Launcher(Protocol):
    """Something that starts workers."""

    kind: str

    def launch(self, config: WorkerConfig) -> WorkerProcess: ...

    def stage(self, module_path: Path) -> str: ...

    def unstage(self) -> None: ...

    def alive(self) -> bool: ...

    def protections(self) -> list[str]: ...

    def close(self) -> None: ...


def worker_environment(home: str) -> dict[str, str]:
    """The whole environment a worker gets: what Python needs, and no secrets."""
    package_parent = str(Path(__file__).resolve().parent.parent)
    environment = {
        name: os.environ[name] for name in _PASSED_ENVIRONMENT if name in os.environ
    }
    environment.update(
        HOME=home,
        TMPDIR=home,
        MPLCONFIGDIR=os.path.join(home, "matplotlib"),
        MPLBACKEND="Agg",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        PYTHONPATH=package_parent,
        PYTHONHASHSEED="0",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONIOENCODING="utf-8",
        PYTHONNOUSERSITE="1",
        OMP_NUM_THREADS="1",
        MKL_NUM_THREADS="1",
    )
    return environment


class ForkLauncher:
    """Forks workers from a zygote process that has already imported torch.

    With a `Sandbox`, the zygote and so every worker run inside it, and each
    submission's files are handed to the zygote to unpack there.
    """

    kind = "fork"

    def __init__(
        self,
        scratch: Path,
        *,
        sandbox: Sandbox | None = None,
        preload: tuple[str, ...] = (),
    ) -> None:
        self._scratch = scratch
        self._sandbox = sandbox
        self._preload = preload
        self._staged: Path | None = None
        self._lock = threading.Lock()
        self._zygote: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._start_zygote()

    def launch(self, config: WorkerConfig) -> WorkerProcess:
        with self._lock:
            try:
                return self._fork(config)
            except (OSError, EOFError, ValueError):
                logger.warning("the zygote died; starting a new one")
                self._restart()
                return self._fork(config)

    def stage(self, module_path: Path) -> str:
        """Make a submission's copy visible to its workers; return the module's path
        there."""
        if self._sandbox is None:
            return str(module_path)
        archive = self._scratch / "staged.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(module_path.parent, arcname=".")
        with self._lock:
            self._staged = archive  # kept to stage again if the zygote is replaced
            try:
                self._stage(archive)
            except (OSError, EOFError, ValueError):
                self._restart()
        return f"{SANDBOX_SUBMISSION}/{module_path.name}"

    def unstage(self) -> None:
        """End everything the last submission left: processes, files, the spare."""
        with self._lock:
            if self._staged is not None:
                self._staged.unlink(missing_ok=True)
                self._staged = None
            try:
                message: dict[str, object] = {
                    "op": "sweep",
                    "folders": list(SWEPT_FOLDERS),
                    "keep": python_roots(),
                }
                self._control_request(message)
            except (OSError, EOFError, ValueError):
                self._restart()  # a wedged or killed zygote is replaced, not trusted

    def protections(self) -> list[str]:
        return self._sandbox.protections() if self._sandbox is not None else []

    def alive(self) -> bool:
        """Whether the zygote still runs (waiting briefly for one that is dying)."""
        if self._zygote is None:
            return False
        try:
            self._zygote.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            return True
        return False

    def close(self) -> None:
        if self._control is not None:
            self._control.close()
        if self._zygote is not None:
            self._zygote.kill()
            self._zygote.wait()
        self._zygote = self._control = None

    def _stage(self, archive: Path) -> None:
        assert self._control is not None
        request = json.dumps({"op": "stage", "folder": SANDBOX_SUBMISSION}).encode()
        with archive.open("rb") as stream:
            socket.send_fds(self._control, [request], [stream.fileno()])
        self._reply()

    def _control_request(self, message: dict[str, object]) -> dict[str, int]:
        assert self._control is not None
        self._control.sendall(json.dumps(message).encode())
        reply, _ = self._reply()
        return reply

    def _restart(self) -> None:
        """Replace the zygote, and give the new one the submission being graded."""
        self.close()
        self._start_zygote()
        if self._staged is not None:
            self._stage(self._staged)

    def _fork(self, config: WorkerConfig) -> WorkerProcess:
        assert self._control is not None
        output_fd, output_name = tempfile.mkstemp(prefix="output-", dir=self._scratch)
        try:
            request = json.dumps({"op": "fork", "config": config.to_plain()}).encode()
            socket.send_fds(self._control, [request], [output_fd])
            reply, fds = self._reply()
        finally:
            os.close(output_fd)
        if len(fds) != 1:
            raise EOFError("the zygote did not hand over a worker")
        pid = int(reply["pid"])

        def stop(*, wait: bool) -> WorkerExit:
            with self._lock:
                return self._finish(pid, wait=wait)

        return WorkerProcess(
            Channel(socket.socket(fileno=fds[0])), Path(output_name), stop
        )

    def _finish(self, pid: int, *, wait: bool) -> WorkerExit:
        if self._control is None:
            return WorkerExit()
        try:
            message = json.dumps({"op": "finish", "pid": pid, "wait": wait}).encode()
            self._control.sendall(message)
            reply, _ = self._reply()
            return _exit_from_status(int(reply["status"]))
        except (OSError, EOFError, ValueError):
            return WorkerExit()  # the zygote is gone, and its workers with it

    def _reply(
        self, timeout: float = _CONTROL_TIMEOUT_S
    ) -> tuple[dict[str, int], list[int]]:
        """The zygote's next reply line, and any file descriptors sent with it.

        The wait goes in short slices; after each silent one the zygote is sent
        SIGCONT, since a worker (same user) may have stopped it to stall the batch.
        """
        assert self._control is not None
        deadline = time.monotonic() + timeout
        line = b""
        received: list[int] = []
        while not line.endswith(b"\n"):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the zygote did not answer")
            self._control.settimeout(min(left, _CONTROL_SLICE_S))
            try:
                chunk, fds, _, _ = socket.recv_fds(self._control, 4096, 1)
            except TimeoutError:
                self._wake_zygote()
                continue
            if not chunk:
                raise EOFError("the zygote closed its control socket")
            line += chunk
            received.extend(fds)
        reply: dict[str, int] = json.loads(line)
        return reply, received

    def _wake_zygote(self) -> None:
        """Continue the zygote and every process between it and the grader."""
        if self._zygote is None:
            return
        for pid in _descendants(self._zygote.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGCONT)

    def _start_zygote(self) -> None:
        grader_end, zygote_end = socket.socketpair()
        log_path = self._scratch / "zygote.log"
        command = [sys.executable, "-m", "grader._zygote", str(zygote_end.fileno())]
        for name in self._preload:
            command += ["--preload", name]
        home = str(self._scratch)
        if self._sandbox is not None:
            command = [*self._sandbox.wrap(), *command, "--sandboxed"]
            home = "/tmp"
        with log_path.open("ab") as log:
            self._zygote = subprocess.Popen(
                command,
                pass_fds=[zygote_end.fileno()],
                env=worker_environment(home),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                cwd=self._scratch,
                start_new_session=True,
                preexec_fn=self._sandbox.join if self._sandbox is not None else None,
            )
        zygote_end.close()
        self._control = grader_end
        try:
            self._reply(timeout=_ZYGOTE_START_TIMEOUT_S)
        except (OSError, EOFError, ValueError) as error:
            log_tail = log_path.read_text(errors="replace")[-2000:]
            self.close()
            raise GraderError(
                f"The worker process could not start ({error}). "
                f"Its log says:\n{log_tail}"
            ) from error


class FreshLauncher:
    """Starts each worker as a new Python process that connects back on loopback."""

    kind = "fresh"

    def __init__(self, scratch: Path, *, connect_timeout_s: float = 180.0) -> None:
        self._scratch = scratch
        self._connect_timeout_s = connect_timeout_s

    def launch(self, config: WorkerConfig) -> WorkerProcess:
        key = secrets.token_bytes(32)
        output_fd, output_name = tempfile.mkstemp(prefix="output-", dir=self._scratch)
        os.close(output_fd)
        with socket.create_server(("127.0.0.1", 0)) as listener:
            process = self._start(config, key, Path(output_name), listener)
            channel = self._accept(listener, process, key)

        def stop(*, wait: bool) -> WorkerExit:
            return _kill_process(process)

        return WorkerProcess(channel, Path(output_name), stop)

    def stage(self, module_path: Path) -> str:
        return str(module_path)

    def unstage(self) -> None:
        return None

    def alive(self) -> bool:
        return True

    def protections(self) -> list[str]:
        return []

    def close(self) -> None:
        return None

    def _start(
        self, config: WorkerConfig, key: bytes, output: Path, listener: socket.socket
    ) -> subprocess.Popen[bytes]:
        setup = {
            "config": config.to_plain(),
            "port": listener.getsockname()[1],
            "key": key.hex(),
            "output": str(output),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "grader._fresh_worker"],
            env=worker_environment(str(self._scratch)),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=self._scratch,
            start_new_session=os.name == "posix",
        )
        assert process.stdin is not None
        process.stdin.write(json.dumps(setup).encode() + b"\n")
        process.stdin.close()
        return process

    def _accept(
        self, listener: socket.socket, process: subprocess.Popen[bytes], key: bytes
    ) -> Channel:
        listener.settimeout(self._connect_timeout_s)
        try:
            sock, _ = listener.accept()
            channel = Channel(sock)
            if channel.receive(limit=64, timeout=10.0) == key:
                return channel
            channel.close()
        except (OSError, EOFError):
            pass
        _kill_process(process)
        raise GraderError(
            "A fresh worker process did not connect back to the grader. Check that "
            "Python can open a loopback connection on this machine."
        )


def _descendants(root: int) -> list[int]:
    """`root` and every process below it, from the host's /proc (Linux)."""
    children: dict[int, list[int]] = {}
    proc = Path("/proc")
    for entry in proc.iterdir() if proc.is_dir() else []:
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _kill_process(process: subprocess.Popen[bytes]) -> WorkerExit:
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    code = process.wait()
    if code < 0:
        return WorkerExit(signal_number=-code)
    return WorkerExit(exit_code=code)
