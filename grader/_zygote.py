"""The warm process that workers are forked from.

Started once per grading run, it imports torch, numpy and matplotlib (seconds of
work), then forks one worker per request, so that no submission pays that cost. It
holds no test, no reference solution and no result: only the code workers start with.

Protocol on the control socket (fd passed as argv[1]), one JSON object per message:
- {"op": "fork", "config": {...}} with two fds: the worker's socket and its output file.
  Reply {"pid": N}.
- {"op": "finish", "pid": N}: kill the worker's process group, reap it; reply
  {"status": wait status}.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from typing import Any

_MESSAGE_BYTES = 65536


def main() -> None:
    control = socket.socket(fileno=int(sys.argv[1]))
    _die_with_parent()
    _warm_up()
    _send(control, {"ready": True, "pid": os.getpid()})
    while True:
        message, fds, _, _ = socket.recv_fds(control, _MESSAGE_BYTES, 2)
        if not message:
            return  # the grader hung up; workers die with us (see _die_with_parent)
        request = json.loads(message)
        if request["op"] == "fork":
            _send(control, {"pid": _fork_worker(request["config"], fds, control)})
        elif request["op"] == "finish":
            _send(control, {"status": _finish(int(request["pid"]))})


def _warm_up() -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401  students plot at import
    import numpy  # noqa: F401
    import torch

    torch.set_num_threads(1)
    import grader._worker  # noqa: F401


def _fork_worker(config: dict[str, Any], fds: list[int], control: socket.socket) -> int:
    worker_fd, output_fd = fds
    pid = os.fork()
    if pid == 0:
        status = 0
        try:
            _become_worker(config, worker_fd, output_fd, control)
        except BaseException:  # the child must never return into the zygote's loop
            status = 70
        finally:
            os._exit(status)
    os.close(worker_fd)
    os.close(output_fd)
    return pid


def _become_worker(
    config: dict[str, Any], worker_fd: int, output_fd: int, control: socket.socket
) -> None:
    from grader import _worker
    from grader._channel import Channel

    control.close()
    os.setsid()
    _die_with_parent()
    for number in (1, 2):
        os.dup2(output_fd, number)
    os.close(output_fd)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    worker_config = _worker.WorkerConfig.from_plain(config)
    os.chdir(os.path.dirname(worker_config.module_path))
    _reseed()
    _worker.serve(Channel(socket.socket(fileno=worker_fd)), worker_config)


def _finish(pid: int) -> int:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return -1
    return status


def _reseed() -> None:
    """Every worker starts from the same random state, so grading is repeatable."""
    import random

    import numpy
    import torch

    random.seed(0)
    numpy.random.seed(0)
    torch.manual_seed(0)


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies, so nothing outlives a run."""
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
