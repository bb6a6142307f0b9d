"""Caps on the processes and memory of a whole sandbox, through Linux cgroups.

rlimits are per process, and RLIMIT_NPROC does not bind root at all, so a fork bomb
or many processes each under its memory limit could still exhaust the machine. A
cgroup caps them together. Creating one needs write access to the cgroup file system
(root, or a delegated subtree); where that is missing, this module reports it and
grading relies on rlimits alone.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ProcessGroupLimits"]

logger = logging.getLogger(__name__)

_ROOT = Path("/sys/fs/cgroup")


@dataclass
class ProcessGroupLimits:
    """One cgroup per controller (v1) or one unified cgroup (v2), limits already set."""

    folders: list[Path] = field(default_factory=list)
    max_processes: int = 0
    memory_bytes: int = 0

    @classmethod
    def create(
        cls, *, max_processes: int, memory_bytes: int
    ) -> ProcessGroupLimits | None:
        name = f"grader-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            if (_ROOT / "cgroup.controllers").is_file():
                folders = [_make_v2(name, max_processes, memory_bytes)]
            else:
                folders = _make_v1(name, max_processes, memory_bytes)
        except OSError as error:
            logger.info("no cgroup limits for the sandbox: %s", error)
            return None
        return cls(
            folders=folders, max_processes=max_processes, memory_bytes=memory_bytes
        )

    def join(self) -> None:
        """Move the calling process (a child about to exec the sandbox) into the
        cgroup."""
        for folder in self.folders:
            (folder / "cgroup.procs").write_text(str(os.getpid()))

    def describe(self) -> str:
        return (
            f"a cgroup capping the sandbox at {self.max_processes} processes and "
            f"{self.memory_bytes / 2**30:.1f} GiB of memory"
        )

    def remove(self) -> None:
        """Kill whatever is still in the cgroup, then remove it."""
        for folder in self.folders:
            for _ in range(100):
                if _kill_members(folder) == 0:
                    break
                time.sleep(0.02)
            try:
                folder.rmdir()
            except OSError:
                logger.warning("could not remove cgroup %s", folder)


def _kill_members(folder: Path) -> int:
    try:
        members = [int(pid) for pid in (folder / "cgroup.procs").read_text().split()]
    except OSError:
        return 0
    for pid in members:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    return len(members)


def _make_v2(name: str, max_processes: int, memory_bytes: int) -> Path:
    own = _own_cgroup("0")
    folder = _ROOT / own.lstrip("/") / name
    folder.mkdir()
    (folder / "pids.max").write_text(str(max_processes))
    (folder / "memory.max").write_text(str(memory_bytes))
    (folder / "memory.swap.max").write_text("0")
    return folder


def _make_v1(name: str, max_processes: int, memory_bytes: int) -> list[Path]:
    pids = _ROOT / "pids" / _own_cgroup("pids").lstrip("/") / name
    memory = _ROOT / "memory" / _own_cgroup("memory").lstrip("/") / name
    pids.mkdir()
    try:
        (pids / "pids.max").write_text(str(max_processes))
        memory.mkdir()
        (memory / "memory.limit_in_bytes").write_text(str(memory_bytes))
    except OSError:
        for folder in (memory, pids):
            if folder.is_dir():
                folder.rmdir()
        raise
    return [pids, memory]


def _own_cgroup(controller: str) -> str:
    """This process's cgroup path for a v1 controller, or for v2 ("0")."""
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        number, controllers, path = line.split(":", 2)
        if controller == "0" and number == "0":
            return path
        if controller in controllers.split(","):
            return path
    raise OSError(f"no {controller} cgroup for this process")
