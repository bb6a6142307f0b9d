"""The warm process that workers are forked from.

Started once per grading run, it imports torch, numpy and matplotlib (seconds of
work), then forks workers from itself, so that no submission pays that cost. It holds
no test, no reference solution and no result: only the code workers start with.

It keeps one spare worker forked ahead of time, waiting for its orders, so that a
submission's worker is ready at once and the fork overlaps the previous submission's
tests; and it reaps finished workers without making the grader wait.

Protocol on the control socket (fd passed as argv[1]), one JSON object per message:
- {"op": "fork", "config": {...}} with one fd, the worker's output file. Reply
  {"pid": N} with one fd: the grader's end of the worker's socket.
- {"op": "finish", "pid": N, "wait": bool}: kill the worker's process group; with
  "wait", reap it and reply {"status": wait status}, else reply {"status": -1} at once.
- {"op": "stage", "folder": F} with one fd, a tar of the submission: unpack it into F
  (inside the sandbox, where the grader cannot put files itself).
  Reply {"staged": true}.
- {"op": "sweep", "folders": [...]}: between submissions, kill the spare and (in the
  sandbox) every other process and empty the folders; fork a new spare.
  Reply {"swept": true}.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

_MESSAGE_BYTES = 65536
_SWEEP_ROUNDS = 1000


class _Spare:
    """A forked worker that waits on its socket for a config and an output file."""

    def __init__(self, control: socket.socket) -> None:
        grader_end, worker_end = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            grader_end.close()
            _run_worker(worker_end, control)
        worker_end.close()
        self.pid = pid
        self.grader_end = grader_end


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    sandboxed = "--sandboxed" in sys.argv
    _die_with_parent()
    _refuse_tracing()
    _warm_up(_preloads(sys.argv))
    _send(control, {"ready": True, "pid": os.getpid()})
    spare: _Spare | None = None
    unreaped: set[int] = set()
    while True:
        message, fds, _, _ = socket.recv_fds(control, _MESSAGE_BYTES, 1)
        if not message:
            return  # the grader hung up; workers die with us (see _die_with_parent)
        request = json.loads(message)
        if request["op"] == "fork":
            worker = spare or _Spare(control)
            _hand_over(worker, request["config"], fds[0], control)
            spare = _Spare(control)
        elif request["op"] == "finish":
            pid = int(request["pid"])
            _kill_group(pid)
            if request.get("wait"):
                _send(control, {"status": _reap(pid)})
            else:
                unreaped.add(pid)
                _send(control, {"status": -1})
        elif request["op"] == "stage":
            _stage(fds[0], request["folder"])
            _send(control, {"staged": True})
        elif request["op"] == "sweep":
            # Nothing a submission started may live on into the next one: not its
            # stray processes, not its files, and not the spare that ran beside it.
            if spare is not None:
                _kill_group(spare.pid)
                unreaped.add(spare.pid)
                spare.grader_end.close()
            if sandboxed:
                _kill_everything_else()
                _empty(request["folders"], keep=request.get("keep", []))
            _send(control, {"swept": True})
            spare = _Spare(control)  # forked while the grader writes its reports
        unreaped = {pid for pid in unreaped if not _reaped(pid)}


def _warm_up(preloads: list[str]) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import importlib

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # students plot at import
    import numpy  # noqa: F401
    import torch

    torch.set_num_threads(1)
    import resource  # noqa: F401  workers set their limits with it, before any import

    import grader._worker  # noqa: F401

    for name in preloads:
        importlib.import_module(name)
    if "torch.optim" in preloads:
        # The first optimizer built imports torch._dynamo (seconds); pay it here.
        torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)


def _preloads(argv: list[str]) -> list[str]:
    """Modules named by `--preload NAME` arguments."""
    return [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--preload"]


def _hand_over(
    worker: _Spare, config: dict[str, Any], output_fd: int, control: socket.socket
) -> None:
    """Give the spare its orders, and the grader the spare's socket."""
    orders = json.dumps(config).encode()
    socket.send_fds(worker.grader_end, [orders], [output_fd])
    os.close(output_fd)
    message = json.dumps({"pid": worker.pid}).encode() + b"\n"
    socket.send_fds(control, [message], [worker.grader_end.fileno()])
    worker.grader_end.close()


def _run_worker(sock: socket.socket, control: socket.socket) -> None:
    """The child's side of a spare: wait for orders, then serve. Never returns."""
    status = 0
    try:
        control.close()
        os.setsid()
        _die_with_parent()
        _reseed()
        message, fds, _, _ = socket.recv_fds(sock, _MESSAGE_BYTES, 1)
        if not message or not fds:
            os._exit(0)  # the zygote ended before this spare was used
        _become_worker(json.loads(message), sock, fds[0])
    except BaseException:  # the child must never return into the zygote's loop
        status = 70
    finally:
        os._exit(status)


def _become_worker(config: dict[str, Any], sock: socket.socket, output_fd: int) -> None:
    from grader import _worker
    from grader._channel import Channel

    for number in (1, 2):
        os.dup2(output_fd, number)
    os.close(output_fd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    worker_config = _worker.WorkerConfig.from_plain(config)
    os.chdir(os.path.dirname(worker_config.module_path))
    _worker.serve(Channel(sock), worker_config)


def _stage(archive_fd: int, folder: str) -> None:
    """Unpack the submission's copy, sent by the grader as a tar file."""
    import tarfile

    with os.fdopen(archive_fd, "rb") as archive, tarfile.open(fileobj=archive) as tar:
        tar.extractall(folder, filter="data")


def _kill_everything_else() -> None:
    """Kill every process in this PID namespace but the zygote and the namespace's init.

    Only inside the sandbox: there the namespace holds nothing but the grading run.
    """
    keep = {1, os.getpid()}
    # Scan and kill until a scan finds nobody: a process that forks a successor just
    # before it dies would slip through a single pass.
    for _ in range(_SWEEP_ROUNDS):
        others = [
            int(entry)
            for entry in os.listdir("/proc")
            if entry.isdigit() and int(entry) not in keep
        ]
        _reap_all()
        if not others:
            break
        for pid in others:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
    _remove_ipc_objects()


def _reap_all() -> None:
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                return
        except ChildProcessError:
            return


def _remove_ipc_objects() -> None:
    """Remove System V shared memory, queues and semaphores: the sandbox's IPC
    namespace outlives a submission, and they would carry notes to the next one."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    ipc_rmid = 0
    for kind in ("shm", "msg", "sem"):
        try:
            rows = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            ident = int(row.split()[1])
            if kind == "shm":
                libc.shmctl(ident, ipc_rmid, None)
            elif kind == "msg":
                libc.msgctl(ident, ipc_rmid, None)
            else:
                libc.semctl(ident, 0, ipc_rmid)


def _empty(folders: list[str], *, keep: list[str]) -> None:
    """Delete everything in `folders` except the read-only mounts in `keep` (a
    Python installed under /tmp) and the folders that lead to them."""
    import shutil

    for folder in folders:
        for entry in os.scandir(folder):
            path = entry.path
            if any(path == kept for kept in keep):
                continue
            if any(kept.startswith(path + os.sep) for kept in keep):
                _empty([path], keep=keep)
            elif entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(path)


def _refuse_tracing() -> None:
    """Make this process and its forks non-dumpable: no ptrace, no /proc/PID/mem.

    A worker runs as the same user as the zygote and the spare; without this it could
    inject code into them and so into the next student's worker.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_dumpable = 4
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_dumpable, 0, 0, 0, 0)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _reap(pid: int) -> int:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status


def _reaped(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return done != 0


def _reseed() -> None:
    """Every worker starts from the same random state, so grading is repeatable."""
    import random

    import numpy
    import torch

    random.seed(0)
    numpy.random.seed(0)
    torch.manual_seed(0)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, so nothing outlives a
    run."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


def _send(control: socket.socket, message: dict[str, Any]) -> None:
    control.sendall(json.dumps(message).encode() + b"\n")


if __name__ == "__main__":
    main()
