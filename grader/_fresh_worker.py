"""Entry point of a worker started from scratch, where fork is unavailable (Windows).

It pays the full import of torch, then connects back to the grader on loopback,
proves it is the process the grader started with a one-time key read from stdin,
and serves like a forked worker.
"""

from __future__ import annotations

import json
import os
import socket
import sys

from grader import _worker
from grader._channel import Channel


def main() -> None:
    setup = json.loads(sys.stdin.readline())
    config = _worker.WorkerConfig.from_plain(setup["config"])
    output = os.open(setup["output"], os.O_WRONLY | os.O_APPEND)
    for number in (1, 2):
        os.dup2(output, number)
    os.close(output)
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib.pyplot  # noqa: F401  as warm as a forked worker
    import torch

    torch.set_num_threads(1)
    torch.manual_seed(0)
    sock = socket.create_connection(("127.0.0.1", int(setup["port"])))
    channel = Channel(sock)
    channel.send(bytes.fromhex(setup["key"]))
    os.chdir(os.path.dirname(config.module_path))
    _worker.serve(channel, config)


if __name__ == "__main__":
    main()
