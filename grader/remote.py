"""The trusted side of a submission: the `student` proxy that tests call.

A call on the proxy is sent to the submission's worker and its answer comes back as
plain data. Whatever goes wrong on the student's side (an exception, a hang, a crash,
an answer too large) becomes a `StudentProblem`, which the grading plugin scores
with its own outcome. A worker that died is replaced by a fresh one at the next call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from grader import wire
from grader._channel import MessageTooLarge
from grader._worker import WorkerConfig
from grader.processes import Launcher, WorkerProcess
from grader.results import Outcome

__all__ = [
    "RemoteObject",
    "StudentModule",
    "StudentProblem",
    "SubmissionSession",
]

_MODULE_HANDLE = 1


class StudentProblem(Exception):
    """The student's code did not give an answer: it raised, hung, crashed or is
    missing."""

    def __init__(
        self, message: str, *, outcome: Outcome = Outcome.ERROR, details: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.outcome = outcome
        self.details = details


@dataclass(frozen=True)
class SessionLimits:
    """The time and size limits one submission's worker runs under."""

    call_timeout_s: float
    import_timeout_s: float
    budget_s: float
    reply_limit: int
    output_limit: int
    memory_limit: int
    forbidden: tuple[str, ...] = ()


class SubmissionSession:
    """One submission's worker, started on first use and again after it dies."""

    def __init__(
        self,
        launcher: Launcher,
        *,
        module_path: str | None,
        module_file: str,
        missing_reason: str,
        limits: SessionLimits,
    ) -> None:
        self._launcher = launcher
        self._module_path = module_path
        self._module_file = module_file
        self._missing_reason = missing_reason
        self._limits = limits
        self._worker: WorkerProcess | None = None
        self._import_problem: StudentProblem | None = None
        self._spent_s = 0.0
        self._seq = 0
        self.import_output: str | None = None
        self.import_error: str | None = None
        self.output: list[str] = []
        self.forbidden_calls: list[str] = []

    def call(
        self, target: int, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        """Call `name` on the worker's object `target` (the module is 1) and return the
        answer."""
        label = f"{name}()" if name else "the object"
        request = {"op": "call", "target": wire.Handle(target, ""), "name": name}
        return self._request(request | {"args": list(args), "kwargs": kwargs}, label)

    def get_attribute(self, target: int, name: str) -> Any:
        return self._request(
            {"op": "getattr", "target": wire.Handle(target, ""), "name": name}, name
        )

    def close(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def _request(
        self, request: dict[str, Any], label: str, *, retry: bool = True
    ) -> Any:
        worker = self._ready_worker()
        self._seq += 1
        request["seq"] = self._seq
        started = time.monotonic()
        timeout = min(self._limits.call_timeout_s, self._budget_left())
        try:
            message = wire.encode(
                request, limit=self._limits.reply_limit, keep=_pass_back
            )
            worker.channel.send(message, timeout=timeout)
            message = worker.channel.receive(
                limit=self._limits.reply_limit, timeout=timeout
            )
        except TimeoutError:
            self._collect_output()
            self.close()
            raise self._timeout_problem(label, timeout) from None
        except MessageTooLarge as error:
            self.close()
            raise StudentProblem(
                f"{label} returned {error.size / 2**20:.1f} MB of data, over the "
                f"{error.limit / 2**20:.0f} MB limit."
            ) from None
        except (EOFError, OSError):
            self._collect_output()
            if retry and not self._launcher.alive():
                # The warm process died (killed by an earlier call), taking this
                # worker with it: the call never had a fair run, so it gets one.
                self.close()
                return self._request(request, label, retry=False)
            raise self._death_problem(label) from None
        finally:
            self._spent_s += time.monotonic() - started
        self._collect_output()
        return self._unpack(message, label)

    def _unpack(self, message: bytes, label: str) -> Any:
        try:
            reply = wire.decode(message, resolve=lambda h: RemoteObject(self, h))
        except wire.WireError as error:
            self.close()
            raise StudentProblem(
                f"{label} sent back a malformed answer ({error})."
            ) from None
        if not isinstance(reply, dict) or reply.get("seq") != self._seq:
            self.close()
            raise StudentProblem(f"{label} sent back an answer out of turn.")
        return self._answer(reply, label)

    def _answer(self, reply: dict[str, Any], label: str) -> Any:
        status = reply.get("status")
        if status == "ok":
            return reply.get("value")
        if status == "missing":
            raise StudentProblem(
                f"{self._module_file} has no {label}: define it with that exact name."
            )
        if status == "unsendable":
            raise StudentProblem(
                f"{label} returned a value the grader cannot accept: "
                f"{reply.get('message')}."
            )
        if reply.get("type") == "ForbiddenAPIError":
            call = _text(reply.get("message")).split(" is not")[0]
            if call not in self.forbidden_calls:
                self.forbidden_calls.append(call)
        if reply.get("not_implemented"):
            raise StudentProblem(
                f"{label} is not implemented yet (it raised NotImplementedError)."
            )
        raise StudentProblem(
            f"{label} raised {_text(reply.get('type'))}: {_text(reply.get('message'))}",
            details=_text(reply.get("traceback")),
        )

    def _ready_worker(self) -> WorkerProcess:
        if self._import_problem is not None:
            # A fresh traceback each time: re-raising one exception object grows it.
            raise self._import_problem.with_traceback(None)
        if self._module_path is None:
            self._import_problem = StudentProblem(self._missing_reason)
            raise self._import_problem
        if self._budget_left() <= 0:
            raise StudentProblem(
                "Grading this submission used up its "
                f"{self._limits.budget_s:g} s budget; "
                "the remaining tests were not run.",
                outcome=Outcome.TIMEOUT,
            )
        if self._worker is not None and self._worker.channel.peer_closed():
            # It died between calls (its zygote was killed, say): no call of this
            # test caused that, so this test gets a fresh worker, not the blame.
            self._worker.stop(wait=True)
            self._worker = None
        if self._worker is None:
            self._worker = self._start_worker()
        return self._worker

    def _start_worker(self) -> WorkerProcess:
        assert self._module_path is not None
        config = WorkerConfig(
            module_path=self._module_path,
            module_name=self._module_file.removesuffix(".py"),
            reply_limit=self._limits.reply_limit,
            output_limit=self._limits.output_limit,
            memory_limit=self._limits.memory_limit,
            forbidden=self._limits.forbidden,
            cpu_seconds=int(self._limits.budget_s) + 5,
        )
        started = time.monotonic()
        worker = self._launcher.launch(config)
        timeout = min(self._limits.import_timeout_s, self._budget_left())
        try:
            reply = wire.decode(
                worker.channel.receive(limit=self._limits.reply_limit, timeout=timeout)
            )
        except TimeoutError:
            problem = StudentProblem(
                f"Importing {self._module_file} did not finish within {timeout:g} s: "
                "does code at the top level of the file loop forever or wait for "
                "input?",
                outcome=Outcome.TIMEOUT,
            )
            return self._fail_import(worker, problem)
        except (EOFError, OSError, MessageTooLarge, wire.WireError):
            exit_info = worker.stop(wait=True)
            problem = StudentProblem(
                f"The worker died with {exit_info.describe()} while importing "
                f"{self._module_file}."
            )
            return self._fail_import(worker, problem)
        finally:
            self._spent_s += time.monotonic() - started
        if reply.get("status") != "imported":
            return self._fail_import(
                worker,
                StudentProblem(
                    self._import_message(reply), details=_text(reply.get("traceback"))
                ),
            )
        if self.import_output is None:
            self.import_output = worker.read_output(self._limits.output_limit)
        else:
            worker.read_output(self._limits.output_limit)  # printed again on a restart
        return worker

    def _fail_import(
        self, worker: WorkerProcess, problem: StudentProblem
    ) -> WorkerProcess:
        if self.import_output is None:
            self.import_output = worker.read_output(self._limits.output_limit)
        worker.stop()
        self._import_problem = problem
        self.import_error = problem.message
        raise problem

    def _import_message(self, reply: dict[str, Any]) -> str:
        kind, message = _text(reply.get("type")), _text(reply.get("message"))
        if kind == "SyntaxError" or kind == "IndentationError":
            where = f" at line {reply.get('line')}" if reply.get("line") else ""
            code = _text(reply.get("text"))
            shown = f": {code}" if code else ""
            return (
                f"{self._module_file} did not import: {kind}{where} ({message}){shown}"
            )
        if kind == "SystemExit":
            return (
                f"{self._module_file} called exit() while being imported, "
                "so it could not be graded."
            )
        return f"{self._module_file} did not import: {kind}: {message}"

    def _timeout_problem(self, label: str, timeout: float) -> StudentProblem:
        if timeout < self._limits.call_timeout_s:
            return StudentProblem(
                f"{label} was stopped: this submission used up its "
                f"{self._limits.budget_s:g} s budget.",
                outcome=Outcome.TIMEOUT,
            )
        return StudentProblem(
            f"{label} did not return within {timeout:g} s.", outcome=Outcome.TIMEOUT
        )

    def _death_problem(self, label: str) -> StudentProblem:
        assert self._worker is not None
        exit_info = self._worker.stop(wait=True)
        self._worker = None
        if exit_info.signal_number == 9:
            cause = (
                "was killed (signal 9: SIGKILL), by its own code or for using "
                "more memory than allowed"
            )
        else:
            cause = f"died with {exit_info.describe()}"
        return StudentProblem(f"The worker {cause} during {label}.")

    def _collect_output(self) -> None:
        if self._worker is not None:
            text = self._worker.read_output(self._limits.output_limit)
            if text:
                self.output.append(text)

    def _budget_left(self) -> float:
        return self._limits.budget_s - self._spent_s


class RemoteObject:
    """An object that lives in the worker; the test holds only this handle to it.

    Comparisons never reach the student's code: a remote object equals only itself.
    """

    def __init__(self, session: SubmissionSession, handle: wire.Handle) -> None:
        self._session = session
        self._handle = handle

    @property
    def remote_type(self) -> str:
        return self._handle.type_name

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self._session.get_attribute(self._handle.handle_id, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.call(self._handle.handle_id, "", args, kwargs)

    def __repr__(self) -> str:
        return f"<{self._handle.type_name} object in the student's worker>"


class StudentModule:
    """The student's module as tests see it: `student.mse(xs, ys, w)` runs in the
    worker."""

    def __init__(self, session: SubmissionSession) -> None:
        self._session = session

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("__"):
            raise AttributeError(name)
        session = self._session

        def call(*args: Any, **kwargs: Any) -> Any:
            return session.call(_MODULE_HANDLE, name, args, kwargs)

        call.__name__ = name
        return call


def _pass_back(value: Any) -> wire.Handle:
    """Let a test hand an object it got from the worker back to the worker."""
    if isinstance(value, RemoteObject):
        return value._handle
    raise wire.WireError(
        f"a test argument of type {type(value).__name__} cannot be sent"
    )


def _text(value: Any, limit: int = 2000) -> str:
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text if len(text) <= limit else text[:limit] + "..."
