"""Finding submissions in a folder and copying each into a private scratch folder.

A submission is a sub-folder (named by the student), a `.zip` of one, or a bare
`<student>.py`. The SUBMISSIONS folder is only ever read: every submission is copied
(or safely extracted) into scratch space, and only that copy is graded. Files that
Python would run on its own, caches and links are left out of the copy.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

__all__ = [
    "CopyLimits",
    "PreparedSubmission",
    "Submission",
    "discover",
    "prepare",
    "single_submission",
]

_JUNK_DIRS = frozenset(
    {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints", ".venv"}
)
_NEVER_COPIED = frozenset({"sitecustomize.py", "usercustomize.py", "conftest.py"})
_COURSE_LIBRARIES = frozenset(
    {"torch", "numpy", "matplotlib", "pytest", "_pytest", "pluggy", "grader", "scipy"}
)
# The batch writes these beside the students' folders in OUT.
_RESERVED_IDS = frozenset({"grades.csv", "index.html"})
_SAFE_ID = re.compile(r"[^\w.-]+")  # letters of any script stay: José, 张伟


@dataclass(frozen=True)
class CopyLimits:
    """Caps on what one submission may bring (zip bombs, stray data sets)."""

    max_files: int = 500
    max_bytes: int = 50 << 20


@dataclass(frozen=True)
class Submission:
    """One student's work as found in the SUBMISSIONS folder."""

    student: str
    source: Path


@dataclass(frozen=True)
class PreparedSubmission:
    """A submission's private copy, ready to grade; `module_path` is None if
    unusable."""

    student: str
    module_path: Path | None
    problem: str = ""
    notes: tuple[str, ...] = field(default=())


class _Problem(Exception):
    """A submission that cannot be graded, with the sentence that says why."""


def discover(folder: Path) -> tuple[list[Submission], list[str]]:
    """The submissions in `folder`, in name order, and notes on entries that were
    skipped."""
    submissions: list[Submission] = []
    skipped: list[str] = []
    taken: set[str] = set()
    for entry in sorted(
        folder.iterdir(), key=lambda path: (path.name.lower(), path.name)
    ):
        if entry.name.startswith(".") or entry.name in _JUNK_DIRS:
            continue
        if entry.is_symlink():
            skipped.append(f"{entry.name}: a link, not a submission")
        elif entry.is_dir() or entry.suffix.lower() in {".zip", ".py"}:
            student = _unique(_student_id(entry), taken)
            submissions.append(Submission(student=student, source=entry))
        else:
            skipped.append(f"{entry.name}: not a folder, .zip or .py file")
    return submissions, skipped


def single_submission(path: Path, student: str) -> Submission:
    """A submission given directly (as `grade check` does)."""
    return Submission(student=student, source=path)


def prepare(
    submission: Submission,
    *,
    module_file: str,
    scratch: Path,
    limits: CopyLimits | None = None,
) -> PreparedSubmission:
    """Copy a submission into `scratch/<student>/` and find the file to grade in it."""
    limits = limits or CopyLimits()
    target = scratch / submission.student
    target.mkdir(parents=True)
    notes: list[str] = []
    try:
        module = _copy_in(submission.source, target, module_file, limits, notes)
        _reencode_if_needed(module, notes)
        _drop_shadowing_files(target, module_file, notes)
    except _Problem as problem:
        return PreparedSubmission(submission.student, None, str(problem), tuple(notes))
    except RecursionError:
        too_deep = "The submission's folders are nested too deeply to read."
        return PreparedSubmission(submission.student, None, too_deep, tuple(notes))
    except (OSError, zlib.error) as error:  # unreadable files, corrupt zip entries
        reason = (
            f"{submission.source.name} could not be read ({error.__class__.__name__})."
        )
        return PreparedSubmission(submission.student, None, reason, tuple(notes))
    return PreparedSubmission(submission.student, module, "", tuple(notes))


def _copy_in(
    source: Path, target: Path, module_file: str, limits: CopyLimits, notes: list[str]
) -> Path:
    if source.is_file() and source.suffix.lower() == ".py":
        _check_size(source.stat().st_size, limits)
        shutil.copyfile(source, target / module_file)
        return target / module_file
    if source.is_file():
        unpacked = target.parent / ".unzipped" / target.name  # ids never start with "."
        _extract_zip(source, unpacked, limits, notes)
        source = unpacked
    if not source.is_dir():
        raise _Problem(f"{source.name} is not a folder, a .zip or a .py file.")
    found = _find_module(source, module_file, notes)
    _copy_folder(found.parent, target, limits, notes)
    copied = target / found.name
    if found.name != module_file:
        copied.rename(target / module_file)
    return target / module_file


def _find_module(folder: Path, module_file: str, notes: list[str]) -> Path:
    """The shallowest file named like `module_file` (any case), never through links."""
    matches: list[tuple[int, bool, str, Path]] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if d not in _JUNK_DIRS and not d.startswith(".")
        )
        depth = len(Path(root).relative_to(folder).parts)
        for name in files:
            path = Path(root) / name
            if name.lower() == module_file.lower() and not path.is_symlink():
                matches.append((depth, name != module_file, str(path), path))
    if not matches:
        raise _Problem(
            f"No {module_file} found in the submission: it must contain a file with "
            "exactly that name, at the top or in a sub-folder."
        )
    matches.sort()
    best = matches[0][3]
    if len(matches) > 1:
        others = ", ".join(str(m[3].relative_to(folder)) for m in matches[1:4])
        notes.append(
            f"Several {module_file} files; graded {best.relative_to(folder)}, "
            f"not {others}."
        )
    if best.name != module_file:
        notes.append(
            f"Graded {best.name} as {module_file}: name the file exactly {module_file}."
        )
    return best


def _copy_folder(
    source: Path, target: Path, limits: CopyLimits, notes: list[str]
) -> None:
    count = size = 0
    left_out: set[str] = set()
    for root, dirs, files in os.walk(source, followlinks=False):
        dirs[:] = [d for d in dirs if d not in _JUNK_DIRS and not d.startswith(".")]
        relative = Path(root).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                left_out.add(f"{relative / name} (a link)")
                continue
            if name in _NEVER_COPIED or name.endswith((".pth", ".pyc")):
                left_out.add(str(relative / name))
                continue
            count += 1
            size += path.stat().st_size
            if count > limits.max_files:
                raise _Problem(
                    f"The submission has more than {limits.max_files} files."
                )
            _check_size(size, limits)
            shutil.copyfile(path, target / relative / name)
    if left_out:
        notes.append("Not used in grading: " + ", ".join(sorted(left_out)[:10]) + ".")


def _extract_zip(
    archive: Path, target: Path, limits: CopyLimits, notes: list[str]
) -> None:
    """Extract what is safe: no entry outside `target`, no links, capped in size and
    count."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [m for m in bundle.infolist() if not m.is_dir()]
            if len(members) > limits.max_files:
                raise _Problem(
                    f"{archive.name} holds more than {limits.max_files} files."
                )
            total = 0
            for member in members:
                destination = _safe_destination(member, target, notes)
                if destination is None:
                    continue
                total += _extract_member(
                    bundle, member, destination, limits.max_bytes - total
                )
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        NotImplementedError,
    ) as error:
        raise _Problem(
            f"{archive.name} is not a readable zip file ({error})."
        ) from error
    except (RuntimeError, ValueError) as error:  # encrypted entries, bad names
        raise _Problem(f"{archive.name} could not be extracted ({error}).") from error
    target.mkdir(parents=True, exist_ok=True)


def _safe_destination(
    member: zipfile.ZipInfo, target: Path, notes: list[str]
) -> Path | None:
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if any(part in _JUNK_DIRS for part in parts) or PurePosixPath(name).name.startswith(
        "._"
    ):
        return None
    if name.startswith("/") or ".." in parts or re.match(r"^[A-Za-z]:", name):
        notes.append(f"Zip entry {name!r} points outside the submission; skipped.")
        return None
    if stat.S_ISLNK(member.external_attr >> 16):
        notes.append(f"Zip entry {name!r} is a link; skipped.")
        return None
    destination = target.joinpath(*parts)
    if not destination.resolve().is_relative_to(target.resolve()):
        notes.append(f"Zip entry {name!r} points outside the submission; skipped.")
        return None
    return destination


def _extract_member(
    bundle: zipfile.ZipFile, member: zipfile.ZipInfo, destination: Path, allowance: int
) -> int:
    """Copy one entry, counting real bytes: a zip's declared sizes can lie."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with bundle.open(member) as source, destination.open("wb") as sink:
        while chunk := source.read(1 << 20):
            written += len(chunk)
            if written > allowance:
                raise _Problem(
                    "The zip file unpacks to more than the submission size limit."
                )
            sink.write(chunk)
    return written


def _reencode_if_needed(module: Path, notes: list[str]) -> None:
    """Rewrite a source saved in a legacy encoding (GBK, cp1252) as UTF-8."""
    data = module.read_bytes()
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError:
        pass
    if re.search(rb"^[ \t\f]*#.*?coding[:=]", data[:400], re.MULTILINE):
        return  # the file declares its encoding; Python honours it
    for encoding in ("gb18030", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        module.write_text(text, encoding="utf-8")
        notes.append(f"{module.name} is not saved as UTF-8; it was read as {encoding}.")
        return


def _drop_shadowing_files(folder: Path, module_file: str, notes: list[str]) -> None:
    """Leave out files named like a library module (`torch.py`, `random.py`).

    They would hide the real module from the student's own imports and fail in
    confusing ways; a note says which were left out and what to do.
    """
    for entry in sorted(folder.iterdir()):
        name = entry.stem if entry.suffix == ".py" else entry.name
        if entry.name == module_file or not (entry.suffix == ".py" or entry.is_dir()):
            continue
        if name in sys.stdlib_module_names or name in _COURSE_LIBRARIES:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
            notes.append(
                f"{entry.name} has the name of the library module `{name}`, so it was "
                f"left out: rename it (for example my_{entry.name})."
            )


def _check_size(size: int, limits: CopyLimits) -> None:
    if size > limits.max_bytes:
        raise _Problem(
            f"The submission is larger than {limits.max_bytes / 2**20:g} MB."
        )


def _student_id(entry: Path) -> str:
    name = unicodedata.normalize("NFC", entry.name if entry.is_dir() else entry.stem)
    cleaned = _SAFE_ID.sub("_", name).strip("._") or "student"
    return cleaned[:80]


def _unique(student: str, taken: set[str]) -> str:
    taken |= _RESERVED_IDS
    candidate, number = student, 2
    while candidate.lower() in taken:
        candidate = f"{student}-{number}"
        number += 1
    taken.add(candidate.lower())
    return candidate
