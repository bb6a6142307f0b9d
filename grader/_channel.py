"""Length-prefixed messages over a socket, with deadlines and a size cap on receive.

Both ends use it: the trusted grader, which must never wait forever or read an
unbounded message from a worker, and the worker, which waits for requests.
"""

from __future__ import annotations

import select
import socket
import struct
import time

__all__ = ["Channel", "MessageTooLarge"]

_LENGTH = struct.Struct("!Q")
_CHUNK = 1 << 20


class MessageTooLarge(Exception):
    """The peer announced a message over the receiver's limit."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"a message of {size} bytes is over the {limit}-byte limit")
        self.size = size
        self.limit = limit


class Channel:
    """One end of a worker's connection."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def send(self, data: bytes, *, timeout: float | None = None) -> None:
        self._sock.settimeout(timeout)
        self._sock.sendall(_LENGTH.pack(len(data)) + data)

    def receive(self, *, limit: int, timeout: float | None = None) -> bytes:
        """The next message; TimeoutError past `timeout`, EOFError if the peer is
        gone."""
        deadline = None if timeout is None else time.monotonic() + timeout
        (size,) = _LENGTH.unpack(self._read(_LENGTH.size, deadline))
        if size > limit:
            raise MessageTooLarge(size, limit)
        return self._read(size, deadline)

    def peer_closed(self) -> bool:
        """Whether the other end has already gone away (without waiting)."""
        readable, _, _ = select.select([self._sock], [], [], 0)
        if not readable:
            return False
        try:
            self._sock.settimeout(0)
            return self._sock.recv(1, socket.MSG_PEEK) == b""
        except BlockingIOError:
            return False
        except OSError:
            return True

    def close(self) -> None:
        self._sock.close()

    def _read(self, count: int, deadline: float | None) -> bytes:
        chunks: list[bytes] = []
        while count > 0:
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                self._sock.settimeout(left)
            try:
                chunk = self._sock.recv(min(count, _CHUNK))
            except TimeoutError:
                raise
            except OSError as error:
                raise EOFError(str(error)) from error
            if not chunk:
                raise EOFError("the peer closed the connection")
            chunks.append(chunk)
            count -= len(chunk)
        return b"".join(chunks)
