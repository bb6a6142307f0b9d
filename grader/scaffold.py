"""`grade new`: a new assignment, laid out like the others and passing `grade verify`.

The scaffold is a tiny working homework (one function, one question) so that every
part is in its place and checked; the instructor then replaces it with the real one.
"""

from __future__ import annotations

import re
from pathlib import Path

from grader.errors import ExitCode, GraderError
from grader.manifest import Course

__all__ = ["new_assignment"]

_ID = re.compile(r"^[a-z][a-z0-9_]{0,30}$")

_MANIFEST = """id = "{hw}"
title = "{hw}: write the title of the homework here"
module = "{module}.py"

[limits]
call_timeout_s = 2.0
import_timeout_s = 10.0

[questions.q1]
title = "double: twice its input"
hint = "Multiply by two; lists become arrays first."
"""

_SOLUTION = '''"""Reference solution of {hw}: runs in the trusted grader, never shipped to students."""

import numpy as np


def double(x):
    """Twice x, elementwise for lists, arrays and tensors."""
    if isinstance(x, list | tuple):
        return np.asarray(x, dtype=np.float64) * 2
    return x * 2
'''  # noqa: E501  generated solution file, written out verbatim

_STUB = '''"""{hw}: replace this docstring with what the student is to do."""


def double(x):
    """Return twice x; for a list, twice each element. Example: double(3) == 6."""
    raise NotImplementedError("double() is not implemented yet")
'''

_README = """# {hw}

Edit `{module}.py`, then run `grade check {hw}`. Hidden tests also count in the grade.
"""

_PUBLIC = '''import pytest

from grader.testing import assert_close


@pytest.mark.question("q1", points=5)
def test_double_number(student):
    """double doubles a number."""
    assert_close(student.double(3.0), 6.0, what="double(3.0)")
'''

_HIDDEN = '''import pytest

from grader.testing import assert_close


@pytest.mark.question("q1", points=5)
def test_double_matches_reference(student, reference, rng):
    """double is right on random lists."""
    values = rng.normal(size=5).tolist()
    assert_close(student.double(values), reference.double(values), what="double(values)")
'''  # noqa: E501  generated test file, written out verbatim

_MUTANT = '''"""Mutant: adds two instead of doubling."""

import numpy as np


def double(x):
    if isinstance(x, list | tuple):
        return np.asarray(x, dtype=np.float64) + 2
    return x + 2
'''


def new_assignment(course: Course, assignment_id: str, *, module: str) -> list[Path]:
    """Write the scaffold of `assignment_id`; refuse to touch an existing one."""
    if not _ID.match(assignment_id) or not _ID.match(module):
        raise GraderError(
            f"Use lower-case letters, digits and _ for names; got {assignment_id!r} "
            f"and module {module!r}.",
            exit_code=ExitCode.USAGE,
        )
    root = course.root
    folder = root / "assignments" / assignment_id
    files = {
        folder / "assignment.toml": _MANIFEST,
        folder / "tests" / "public" / f"test_public_{assignment_id}.py": _PUBLIC,
        folder / "tests" / "hidden" / f"test_hidden_{assignment_id}.py": _HIDDEN,
        folder / "mutants" / "q1_adds_instead.py": _MUTANT,
        root / "solutions" / assignment_id / f"{module}.py": _SOLUTION,
        root / "student_template" / assignment_id / f"{module}.py": _STUB,
        root / "student_template" / assignment_id / "README.md": _README,
    }
    existing = [path for path in files if path.exists()]
    if existing or (root / "assignments" / assignment_id).exists():
        raise GraderError(
            f"{assignment_id} already exists in {root}; choose another name.",
            exit_code=ExitCode.USAGE,
        )
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            template.format(hw=assignment_id, module=module), encoding="utf-8"
        )
    return sorted(files)
