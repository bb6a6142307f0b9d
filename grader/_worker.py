"""The worker: the only process that runs a student's code.

It imports the submission, then answers requests from the trusted grader, one at a
time: call a function of the module or a method of an object it returned earlier.
Answers are plain data (see `grader.wire`); objects that are not stay here and cross
as handles. Nothing in this process is trusted: the grader checks every answer.
"""

from __future__ import annotations

import importlib.util
import io
import os
import sys
import traceback
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import wire
from grader._channel import Channel

__all__ = ["WorkerConfig", "serve"]

_TEXT_CAP = 4000
_TRACEBACK_FRAMES = 8


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to know; sent by the grader as plain data."""

    module_path: str
    module_name: str
    reply_limit: int
    output_limit: int
    memory_limit: int
    cpu_seconds: int
    file_limit: int = 64 << 20
    forbidden: tuple[str, ...] = ()

    def to_plain(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_plain(cls, data: dict[str, Any]) -> WorkerConfig:
        return cls(**{**data, "forbidden": tuple(data.get("forbidden", ()))})


class _CappedStream(io.TextIOBase):
    """A text stream onto a file descriptor that keeps the first `limit` bytes only.

    Printing past the cap is silently dropped, so a loop that prints gigabytes costs
    the student time, not the grader disk or memory.
    """

    def __init__(self, fd: int, limit: int) -> None:
        self._fd = fd
        self._left = limit

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if self._left > 0:
            data = str(text).encode("utf-8", "replace")[: self._left]
            self._left -= len(data)
            try:
                os.write(self._fd, data)
            except OSError:
                self._left = 0
            if self._left <= 0:
                os.write(self._fd, b"\n[output cut: the limit was reached]\n")
        return len(text)

    def flush(self) -> None:
        return None

    def reset(self, limit: int) -> None:
        self._left = limit


class _Handles:
    """Objects kept in the worker, numbered for the grader to refer to."""

    def __init__(self) -> None:
        self._objects: dict[int, Any] = {}

    def keep(self, value: Any) -> wire.Handle:
        handle_id = len(self._objects) + 1
        self._objects[handle_id] = value
        return wire.Handle(handle_id, _type_name(value))

    def resolve(self, handle: wire.Handle) -> Any:
        return self._objects[handle.handle_id]


def serve(channel: Channel, config: WorkerConfig) -> None:
    """Import the submission, then answer the grader's requests until it hangs up."""
    apply_limits(config)
    _redirect_output(config.output_limit)
    _guard_forbidden(config.forbidden)
    handles = _Handles()
    module, problem = _import_submission(config)
    status = "imported" if module else "import_failed"
    _send(channel, {"status": status, **problem}, config)
    if module is None:
        return
    handles.keep(module)  # handle 1 is the module itself
    while True:
        try:
            message = channel.receive(limit=config.reply_limit)
        except EOFError:
            return
        try:
            request = wire.decode(message, resolve=handles.resolve)
        except wire.WireError as error:
            failure = {"type": "ValueError", "message": f"bad request: {error}"}
            _send(channel, {"seq": None, "status": "raised", **failure}, config)
            continue
        if isinstance(sys.__stdout__, _CappedStream):
            sys.__stdout__.reset(config.output_limit)
        reply = _answer(request, handles)
        sys.stdout.flush()
        _send(channel, reply, config, handles=handles)


def _answer(request: dict[str, Any], handles: _Handles) -> dict[str, Any]:
    target = request["target"]
    name = request["name"]
    reply: dict[str, Any] = {"seq": request["seq"]}
    try:
        function = getattr(target, name) if name else target
    except AttributeError:
        return {**reply, "status": "missing"}
    except BaseException as error:  # student code: an attribute property may raise
        return {**reply, "status": "raised", **_describe_error(error)}
    if request["op"] == "getattr":
        return {**reply, "status": "ok", "value": function}
    try:
        value = function(*request["args"], **request["kwargs"])
    except BaseException as error:  # student code: anything it raises is its answer
        return {**reply, "status": "raised", **_describe_error(error)}
    return {**reply, "status": "ok", "value": value}


def _send(
    channel: Channel,
    reply: dict[str, Any],
    config: WorkerConfig,
    *,
    handles: _Handles | None = None,
) -> None:
    keep = handles.keep if handles is not None else None
    try:
        message = wire.encode(reply, limit=config.reply_limit, keep=keep)
    except wire.WireError as error:
        message = wire.encode(
            {"seq": reply.get("seq"), "status": "unsendable", "message": str(error)},
            limit=config.reply_limit,
        )
    except (
        BaseException
    ) as error:  # student code: __iter__ or __len__ of a return value
        failure = {
            "seq": reply.get("seq"),
            "status": "raised",
            **_describe_error(error),
        }
        message = wire.encode(failure, limit=config.reply_limit)
    channel.send(message)


def _import_submission(
    config: WorkerConfig,
) -> tuple[types.ModuleType | None, dict[str, Any]]:
    path = Path(config.module_path)
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(config.module_name, path)
        if spec is None or spec.loader is None:
            return None, {"type": "ImportError", "message": f"cannot load {path.name}"}
        module = importlib.util.module_from_spec(spec)
        sys.modules[config.module_name] = module
        spec.loader.exec_module(module)
    except BaseException as error:  # student code: a failed import is its result
        return None, _describe_error(error)
    finally:
        sys.stdout.flush()
    return module, {}


def _describe_error(error: BaseException) -> dict[str, Any]:
    """The student's exception as text, with the student's own frames only."""
    try:
        message = str(error)
    except BaseException:  # student code: a __str__ that raises
        message = ""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not frame.filename.startswith((_GRADER_DIR, "<frozen"))
    ][-_TRACEBACK_FRAMES:]
    for frame in frames:
        frame.filename = _shorten(frame.filename)
    if isinstance(error, SystemExit):
        message = f"the code called sys.exit({message})"
    details: dict[str, Any] = {
        "type": _type_name(error),
        "message": message[:_TEXT_CAP],
        "traceback": "".join(traceback.format_list(frames))[:_TEXT_CAP],
        "not_implemented": isinstance(error, NotImplementedError),
    }
    if isinstance(error, SyntaxError):
        details["message"] = str(error.msg)[:_TEXT_CAP]
        details["line"] = error.lineno
        details["text"] = (error.text or "").strip()[:200]
    return details


def _shorten(filename: str) -> str:
    """A path inside the submission's copy, as the student knows it."""
    workdir = os.getcwd() + os.sep
    return filename.removeprefix(workdir)


def _type_name(value: Any) -> str:
    kind = value if isinstance(value, type) else type(value)
    name = getattr(kind, "__qualname__", None)
    return name[:200] if isinstance(name, str) else "object"


def apply_limits(config: WorkerConfig) -> None:
    """Cap what the worker may spend, where the platform has rlimits (not Windows)."""
    try:
        import resource
    except ImportError:
        return
    already_mapped = _mapped_bytes()
    limits = {
        resource.RLIMIT_CORE: 0,  # a segfault must not leave a core dump behind
        resource.RLIMIT_CPU: config.cpu_seconds,
        resource.RLIMIT_FSIZE: config.file_limit,
        resource.RLIMIT_NOFILE: 256,
    }
    if already_mapped is not None:
        limits[resource.RLIMIT_AS] = already_mapped + config.memory_limit
    for which, value in limits.items():
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            continue  # the platform refuses this limit (macOS and RLIMIT_AS)


class ForbiddenAPIError(RuntimeError):
    """Raised in place of an API the assignment forbids."""


def _guard_forbidden(apis: tuple[str, ...]) -> None:
    """Replace forbidden autograd entry points with ones that raise.

    The grader also reads the source for them; this catches uses the source hides
    (`getattr(t, "back" + "ward")`).
    """
    if not apis:
        return
    import torch

    targets: list[tuple[Any, str]] = []
    if "backward" in apis:
        targets += [(torch.Tensor, "backward"), (torch.autograd, "backward")]
    if "torch.autograd" in apis:
        targets += [(torch.autograd, "backward"), (torch.autograd, "grad")]
    if "requires_grad" in apis:
        targets += [(torch.Tensor, "requires_grad_")]
    for owner, name in targets:
        setattr(owner, name, _refusal(f"{getattr(owner, '__name__', owner)}.{name}"))


def _refusal(api: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ForbiddenAPIError(f"{api} is not allowed in this assignment")

    return refuse


def _mapped_bytes() -> int | None:
    """The address space this process already maps (torch alone maps ~700 MB)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _redirect_output(limit: int) -> None:
    stream = _CappedStream(1, limit)
    sys.stdout = sys.stderr = stream
    # Deliberate: code that writes to sys.__stdout__ must hit the same cap.
    sys.__stdout__ = sys.__stderr__ = stream  # type: ignore[assignment,misc]  # capped
    sys.stdin = io.StringIO()


_GRADER_DIR = str(Path(__file__).resolve().parent)
