"""The naive way to grade, for comparison: the student's module imported straight into
the pytest process that runs the tests (one process per submission).

Used only by `bench_batch.py`; it offers the same fixtures as the grading plugin.
"""

from __future__ import annotations

import importlib.util
import os
import zlib
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "question(question_id, points): its question")


@pytest.fixture(scope="session")
def student() -> ModuleType:
    return _load(Path(os.environ["NAIVE_STUDENT"]), "student_module")


@pytest.fixture(scope="session")
def reference() -> ModuleType:
    return _load(Path(os.environ["NAIVE_REFERENCE"]), "reference_module")


@pytest.fixture
def rng(request: pytest.FixtureRequest) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(request.node.nodeid.encode()))
