"""Tests for finding submissions and copying them safely into scratch space."""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from grader.submissions import (
    PreparedSubmission,
    Submission,
    discover,
    prepare,
)

MODULE = "linear_model.py"
SECRET = b"TOP SECRET: the hidden test answers"
MISSING = (
    f"No {MODULE} found in the submission: it must contain a file with exactly "
    "that name, at the top or in a sub-folder."
)
NOT_A_ZIP = "alice.zip is not a readable zip file (File is not a zip file)."
TOO_BIG = "The zip file unpacks to more than the submission size limit."

Entries = list[tuple[str | zipfile.ZipInfo, bytes | str]]


@pytest.fixture
def submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "SUBMISSIONS"
    folder.mkdir()
    return folder


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return tmp_path / "scratch"


@pytest.fixture
def private(tmp_path: Path) -> Path:
    """A folder outside the submissions holding what no student may read."""
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "answers.txt").write_bytes(SECRET)
    (folder / MODULE).write_bytes(SECRET)
    return folder


def _write(root: Path, files: Mapping[str, bytes | str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        path.write_bytes(data)
    return root


def _entry(folder: Path, name: str) -> Path:
    """An empty `.py` or `.zip` file, or else an empty folder, named `name`."""
    path = folder / name
    if name.endswith((".py", ".zip")):
        path.write_bytes(b"")
    else:
        path.mkdir()
    return path


def _zip(path: Path, entries: Entries) -> Path:
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in entries:
            bundle.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _link_entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # unix, so the mode bits mean what they say
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _prepare(source: Path, scratch: Path, student: str = "alice") -> PreparedSubmission:
    return prepare(Submission(student, source), module_file=MODULE, scratch=scratch)


def _tree(folder: Path) -> list[str]:
    """Every entry under `folder`, as sorted relative paths, never through links."""
    found = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(found)


def _snapshot(folder: Path) -> dict[str, tuple[object, ...]]:
    """Kind, mode, mtime and content hash (or link target) of every entry."""
    result: dict[str, tuple[object, ...]] = {}
    for name in _tree(folder):
        path = folder / name
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            result[name] = ("link", os.readlink(path))
        elif stat.S_ISDIR(info.st_mode):
            result[name] = ("dir", info.st_mode, info.st_mtime_ns)
        else:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            result[name] = ("file", info.st_mode, info.st_mtime_ns, digest)
    return result


def _everything_under(folder: Path) -> bytes:
    """The content of every regular file under `folder`, joined."""
    return b"\n".join(
        (folder / name).read_bytes()
        for name in _tree(folder)
        if (folder / name).is_file() and not (folder / name).is_symlink()
    )


def _links_under(folder: Path) -> list[str]:
    return [name for name in _tree(folder) if (folder / name).is_symlink()]


def test_discover_finds_folders_zips_and_py_files(submissions: Path) -> None:
    (submissions / "alice").mkdir()
    _zip(submissions / "bob.zip", [(MODULE, "x = 1\n")])
    _write(submissions, {"carol.py": "x = 1\n", "dave.PY": "", "erin.ZIP": b""})

    found, skipped = discover(submissions)

    assert found == [
        Submission("alice", submissions / "alice"),
        Submission("bob", submissions / "bob.zip"),
        Submission("carol", submissions / "carol.py"),
        Submission("dave", submissions / "dave.PY"),
        Submission("erin", submissions / "erin.ZIP"),
    ]
    assert skipped == []


def test_discover_skips_other_files_and_links_with_notes(
    submissions: Path, private: Path
) -> None:
    (submissions / "alice").mkdir()
    _write(submissions, {"notes.txt": "", "grades.csv": "", "bob.tar.gz": b""})
    (submissions / "frank").symlink_to(submissions / "alice")
    (submissions / "gina.py").symlink_to(private / MODULE)
    (submissions / "harry.zip").symlink_to(private / "gone.zip")

    found, skipped = discover(submissions)

    assert found == [Submission("alice", submissions / "alice")]
    assert skipped == [
        "bob.tar.gz: not a folder, .zip or .py file",
        "frank: a link, not a submission",
        "gina.py: a link, not a submission",
        "grades.csv: not a folder, .zip or .py file",
        "harry.zip: a link, not a submission",
        "notes.txt: not a folder, .zip or .py file",
    ]


def test_discover_ignores_hidden_entries_and_macos_folders(submissions: Path) -> None:
    for name in (".git", ".hidden", "__MACOSX", "__pycache__", "alice"):
        (submissions / name).mkdir()
    _write(submissions, {".DS_Store": b"", "._alice.zip": b"", ".bob.py": ""})

    found, skipped = discover(submissions)

    assert found == [Submission("alice", submissions / "alice")]
    assert skipped == []


def test_discover_returns_name_order(submissions: Path) -> None:
    for name in ("mallory", "zed.zip", "bob.py", "alice", "carol.zip"):
        _entry(submissions, name)

    found, _ = discover(submissions)

    assert [s.student for s in found] == ["alice", "bob", "carol", "mallory", "zed"]


@pytest.mark.parametrize(
    ("name", "student"),
    [
        ("Zoë Smith (late)", "Zoë_Smith_late"),
        ("José", "José"),
        ("🙂🙂", "student"),
        ("bob smith.py", "bob_smith"),
        ("O'Brien, Pat.zip", "O_Brien_Pat"),
        ("rm -rf $HOME;", "rm_-rf_HOME"),
        ("__init__.py", "init"),
        ("a.b-c_d", "a.b-c_d"),
        ("张三", "张三"),
        ("x" * 100, "x" * 80),
    ],
)
def test_discover_sanitises_student_id(
    submissions: Path, name: str, student: str
) -> None:
    path = _entry(submissions, name)

    found, _ = discover(submissions)

    assert found == [Submission(student, path)]


@pytest.mark.parametrize(
    ("names", "students"),
    [
        (["Alice", "alice.zip"], ["Alice", "alice-2"]),
        (["bob", "bob-2.py", "bob.py", "bob.zip"], ["bob", "bob-2", "bob-3", "bob-4"]),
        (["student", "🙂", "🙃.py"], ["student", "student-2", "student-3"]),
        (["x" * 90, "x" * 100], ["x" * 80, "x" * 80 + "-2"]),
    ],
    ids=["case", "suffix-taken", "empty-ids", "truncated"],
)
def test_discover_deduplicates_student_ids_ignoring_case(
    submissions: Path, names: list[str], students: list[str]
) -> None:
    for name in names:
        _entry(submissions, name)

    found, _ = discover(submissions)

    assert [s.student for s in found] == students
    assert [s.source.name for s in found] == names


def test_discover_orders_names_ignoring_case(submissions: Path) -> None:
    (submissions / "alice").mkdir()
    _zip(submissions / "Alice.zip", [(MODULE, "x = 1\n")])

    found, _ = discover(submissions)

    assert found == [
        Submission("alice", submissions / "alice"),
        Submission("Alice-2", submissions / "Alice.zip"),
    ]


def test_prepare_folder_copies_module_and_helpers(
    submissions: Path, scratch: Path
) -> None:
    files = {MODULE: "w = 1\n", "helpers.py": "h = 2\n", "data/weights.txt": "0.5\n"}
    source = _write(submissions / "alice", files)

    prepared = _prepare(source, scratch)

    target = scratch / "alice"
    assert prepared == PreparedSubmission("alice", target / MODULE, "", ())
    assert _tree(target) == ["data", "data/weights.txt", "helpers.py", MODULE]
    assert (target / MODULE).read_text() == "w = 1\n"
    assert (target / "data/weights.txt").read_text() == "0.5\n"


def test_prepare_bare_py_is_copied_as_module_file(
    submissions: Path, scratch: Path
) -> None:
    source = submissions / "carol.py"
    source.write_bytes(b"def fit():\n    return 1\n")

    prepared = _prepare(source, scratch, "carol")

    assert prepared == PreparedSubmission("carol", scratch / "carol" / MODULE, "", ())
    assert _tree(scratch / "carol") == [MODULE]
    assert (scratch / "carol" / MODULE).read_bytes() == source.read_bytes()


def test_prepare_zip_is_extracted_and_module_found(
    submissions: Path, scratch: Path
) -> None:
    entries: Entries = [
        ("bob/", b""),
        (f"bob/{MODULE}", "w = 3\n"),
        ("bob/helpers.py", "h = 4\n"),
        ("README.md", "hello\n"),
    ]
    source = _zip(submissions / "bob.zip", entries)

    prepared = _prepare(source, scratch, "bob")

    assert prepared == PreparedSubmission("bob", scratch / "bob" / MODULE, "", ())
    assert _tree(scratch / "bob") == ["helpers.py", MODULE]
    assert (scratch / "bob" / MODULE).read_text() == "w = 3\n"


def test_prepare_nested_module_is_found_without_note(
    submissions: Path, scratch: Path
) -> None:
    source = _write(submissions / "alice", {f"src/deep/{MODULE}": "w = 5\n"})

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", scratch / "alice" / MODULE, "", ())
    assert (scratch / "alice" / MODULE).read_text() == "w = 5\n"


def test_prepare_shallowest_module_wins_with_note(
    submissions: Path, scratch: Path
) -> None:
    files = {
        f"hw1/{MODULE}": "chosen = True\n",
        f"hw1/old/{MODULE}": "chosen = False\n",
        f"backup/v1/{MODULE}": "chosen = False\n",
    }
    source = _write(submissions / "alice", files)

    prepared = _prepare(source, scratch)

    assert prepared.module_path == scratch / "alice" / MODULE
    assert prepared.notes == (
        f"Several {MODULE} files; graded hw1/{MODULE}, "
        f"not backup/v1/{MODULE}, hw1/old/{MODULE}.",
    )
    assert (scratch / "alice" / MODULE).read_text() == "chosen = True\n"
    assert _tree(scratch / "alice") == [MODULE, "old", f"old/{MODULE}"]


def test_prepare_wrongly_cased_module_is_graded_with_note(
    submissions: Path, scratch: Path
) -> None:
    source = _write(submissions / "alice", {"Linear_Model.py": "w = 6\n"})

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission(
        "alice",
        scratch / "alice" / MODULE,
        "",
        (f"Graded Linear_Model.py as {MODULE}: name the file exactly {MODULE}.",),
    )
    assert _tree(scratch / "alice") == [MODULE]
    assert (scratch / "alice" / MODULE).read_text() == "w = 6\n"


def test_prepare_exact_name_beats_wrongly_cased_name(
    submissions: Path, scratch: Path
) -> None:
    files = {"Linear_Model.py": "exact = False\n", MODULE: "exact = True\n"}
    source = _write(submissions / "alice", files)

    prepared = _prepare(source, scratch)

    assert prepared.module_path == scratch / "alice" / MODULE
    assert (scratch / "alice" / MODULE).read_text() == "exact = True\n"


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"model.py": "w = 1\n"},
        {"linear_model.txt": "w = 1\n"},
        {f".hidden/{MODULE}": "w = 1\n"},
        {f"__pycache__/{MODULE}": "w = 1\n"},
        {f"__MACOSX/{MODULE}": "w = 1\n"},
    ],
    ids=["empty", "other-name", "other-suffix", "hidden-folder", "pycache", "macosx"],
)
def test_prepare_missing_module_gives_problem(
    submissions: Path, scratch: Path, files: Mapping[str, bytes | str]
) -> None:
    source = submissions / "alice"
    source.mkdir()
    _write(source, files)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", None, MISSING, ())


@pytest.mark.parametrize(
    "name",
    [
        "conftest.py",
        "sitecustomize.py",
        "usercustomize.py",
        "evil.pth",
        "stray.pyc",
        "sub/conftest.py",
        "sub/deeper.pth",
    ],
)
def test_prepare_file_python_runs_itself_is_left_out_with_note(
    submissions: Path, scratch: Path, name: str
) -> None:
    source = _write(submissions / "alice", {MODULE: "w = 1\n", name: "import os\n"})

    prepared = _prepare(source, scratch)

    assert prepared.notes == (f"Not used in grading: {name}.",)
    assert not (scratch / "alice" / name).exists()
    assert (scratch / "alice" / MODULE).read_text() == "w = 1\n"


def test_prepare_left_out_files_are_named_together_in_one_note(
    submissions: Path, scratch: Path
) -> None:
    files: dict[str, bytes | str] = {
        MODULE: "w = 1\n",
        "helpers.py": "h = 1\n",
        "conftest.py": "",
        "sitecustomize.py": "",
        "usercustomize.py": "",
        "evil.pth": "",
        "stray.pyc": b"\x00",
        "sub/conftest.py": "",
        "sub/data.txt": "1\n",
    }
    source = _write(submissions / "alice", files)

    prepared = _prepare(source, scratch)

    assert _tree(scratch / "alice") == ["helpers.py", MODULE, "sub", "sub/data.txt"]
    assert prepared.notes == (
        "Not used in grading: conftest.py, evil.pth, sitecustomize.py, stray.pyc, "
        "sub/conftest.py, usercustomize.py.",
    )


def test_prepare_pycache_folder_is_not_copied(submissions: Path, scratch: Path) -> None:
    files: dict[str, bytes | str] = {
        MODULE: "w = 1\n",
        "__pycache__/linear_model.cpython-311.pyc": b"\x00",
        "sub/__pycache__/helpers.cpython-311.pyc": b"\x00",
        "sub/helpers.py": "",
    }
    source = _write(submissions / "alice", files)

    prepared = _prepare(source, scratch)

    assert prepared.module_path == scratch / "alice" / MODULE
    assert _tree(scratch / "alice") == [MODULE, "sub", "sub/helpers.py"]


def test_prepare_links_are_not_followed(
    submissions: Path, scratch: Path, private: Path
) -> None:
    source = _write(submissions / "alice", {MODULE: "w = 1\n", "sub/notes.txt": ""})
    (source / "answers.txt").symlink_to(private / "answers.txt")
    (source / "private").symlink_to(private, target_is_directory=True)
    (source / "sub" / MODULE).symlink_to(private / MODULE)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission(
        "alice",
        scratch / "alice" / MODULE,
        "",
        (f"Not used in grading: answers.txt (a link), sub/{MODULE} (a link).",),
    )
    assert _tree(scratch / "alice") == [MODULE, "sub", "sub/notes.txt"]
    assert SECRET not in _everything_under(scratch)
    assert _links_under(scratch) == []


def test_prepare_module_reachable_only_through_links_is_missing(
    submissions: Path, scratch: Path, private: Path
) -> None:
    source = submissions / "alice"
    source.mkdir()
    (source / MODULE).symlink_to(private / MODULE)
    (source / "hw").symlink_to(private, target_is_directory=True)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", None, MISSING, ())
    assert SECRET not in _everything_under(scratch)
    assert _links_under(scratch) == []


def test_prepare_zip_skips_macos_metadata(submissions: Path, scratch: Path) -> None:
    entries: Entries = [
        (f"__MACOSX/._{MODULE}", b"\x00\x05\x16\x07"),
        ("__MACOSX/hw/._helpers.py", b"\x00\x05\x16\x07"),
        (f"._{MODULE}", b"\x00\x05\x16\x07"),
        ("hw/._helpers.py", b"\x00\x05\x16\x07"),
        (f"hw/{MODULE}", "w = 1\n"),
        ("hw/helpers.py", "h = 1\n"),
    ]
    source = _zip(submissions / "alice.zip", entries)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", scratch / "alice" / MODULE, "", ())
    assert _tree(scratch / ".unzipped" / "alice") == [
        "hw",
        "hw/helpers.py",
        f"hw/{MODULE}",
    ]
    assert _tree(scratch / "alice") == ["helpers.py", MODULE]


@pytest.mark.parametrize(
    "name",
    [
        "../evil.py",
        "../../evil.py",
        "../../../evil.py",
        "hw/../../evil.py",
        "/abs/evil.py",
        "C:/evil.py",
        "C:\\evil.py",
        "c:evil.py",
        "..\\..\\evil.py",
    ],
)
def test_prepare_zip_slip_entry_is_not_written_outside(
    tmp_path: Path, submissions: Path, name: str
) -> None:
    scratch = tmp_path / "a" / "b" / "scratch"
    source = _zip(
        submissions / "alice.zip", [(name, "evil = 1\n"), (MODULE, "w = 1\n")]
    )

    prepared = _prepare(source, scratch)

    shown = name.replace("\\", "/")
    assert prepared == PreparedSubmission(
        "alice",
        scratch / "alice" / MODULE,
        "",
        (f"Zip entry {shown!r} points outside the submission; skipped.",),
    )
    assert [n for n in _tree(tmp_path) if "evil" in n] == []
    assert not (tmp_path.parent / "evil.py").exists()
    assert not Path("/abs/evil.py").exists()


def test_prepare_zip_link_entry_is_skipped(
    submissions: Path, scratch: Path, private: Path
) -> None:
    entries: Entries = [
        (_link_entry("answers.txt"), str(private / "answers.txt")),
        (_link_entry("up"), ".."),
        (MODULE, "w = 1\n"),
    ]
    source = _zip(submissions / "alice.zip", entries)

    prepared = _prepare(source, scratch)

    assert prepared.notes == (
        "Zip entry 'answers.txt' is a link; skipped.",
        "Zip entry 'up' is a link; skipped.",
    )
    assert _tree(scratch / ".unzipped" / "alice") == [MODULE]
    assert _links_under(scratch) == []
    assert SECRET not in _everything_under(scratch)


def test_prepare_zip_whose_module_is_a_link_entry_is_missing(
    submissions: Path, scratch: Path, private: Path
) -> None:
    entries: Entries = [(_link_entry(MODULE), str(private / MODULE))]
    source = _zip(submissions / "alice.zip", entries)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission(
        "alice", None, MISSING, (f"Zip entry {MODULE!r} is a link; skipped.",)
    )
    assert SECRET not in _everything_under(scratch)


def _truncated_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr(MODULE, "w = 1\n" * 50)
    return buffer.getvalue()[:-30]


@pytest.mark.parametrize(
    "data",
    [b"", b"this is not a zip", b"PK\x03\x04 then nothing sensible", _truncated_zip()],
    ids=["empty", "text", "bad-header", "truncated"],
)
def test_prepare_corrupt_zip_gives_problem(
    submissions: Path, scratch: Path, data: bytes
) -> None:
    source = submissions / "alice.zip"
    source.write_bytes(data)

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", None, NOT_A_ZIP, ())


def test_prepare_zip_with_corrupt_deflate_data_gives_problem(
    submissions: Path, scratch: Path
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(MODULE, "w = 1\n" * 500)
    data = bytearray(buffer.getvalue())
    member = zipfile.ZipFile(io.BytesIO(bytes(data))).infolist()[0]
    # The first deflate byte: final block, block type 3, which does not exist.
    data[member.header_offset + 30 + len(member.filename)] = 0b111
    source = submissions / "alice.zip"
    source.write_bytes(bytes(data))

    prepared = _prepare(source, scratch)

    assert prepared.module_path is None
    assert prepared.problem.startswith("alice.zip ")


def test_prepare_zip_with_file_where_folder_goes_gives_problem(
    submissions: Path, scratch: Path
) -> None:
    source = _zip(submissions / "alice.zip", [("x", "plain"), (f"x/{MODULE}", "w=1")])

    prepared = _prepare(source, scratch)

    assert prepared.module_path is None
    assert prepared.problem.startswith("alice.zip ")


def test_prepare_zip_bomb_gives_problem_and_stops(
    submissions: Path, scratch: Path
) -> None:
    entries: Entries = [("zeros.bin", bytes(60 << 20)), (MODULE, "w = 1\n")]
    source = _zip(submissions / "alice.zip", entries)

    prepared = _prepare(source, scratch)

    assert source.stat().st_size < 1 << 20
    assert prepared == PreparedSubmission("alice", None, TOO_BIG, ())
    assert not (scratch / ".unzipped" / "alice" / MODULE).exists()
    assert (scratch / ".unzipped" / "alice" / "zeros.bin").stat().st_size <= 50 << 20


def test_prepare_zip_with_too_many_entries_gives_problem_and_stops(
    submissions: Path, scratch: Path
) -> None:
    entries: Entries = [(f"data/{i:03}.txt", "") for i in range(500)]
    source = _zip(submissions / "alice.zip", [(MODULE, "w = 1\n"), *entries])

    prepared = _prepare(source, scratch)

    problem = "alice.zip holds more than 500 files."
    assert prepared == PreparedSubmission("alice", None, problem, ())
    assert not (scratch / ".unzipped" / "alice").exists()


def test_prepare_zip_with_500_entries_is_graded(
    submissions: Path, scratch: Path
) -> None:
    entries: Entries = [(f"data/{i:03}.txt", "") for i in range(499)]
    source = _zip(submissions / "alice.zip", [(MODULE, "w = 1\n"), *entries])

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", scratch / "alice" / MODULE, "", ())
    assert len(_tree(scratch / "alice" / "data")) == 499


def test_prepare_folder_with_too_many_files_gives_problem(
    submissions: Path, scratch: Path
) -> None:
    files: dict[str, bytes | str] = {f"data/{i:03}.txt": "" for i in range(500)}
    source = _write(submissions / "alice", {MODULE: "w = 1\n", **files})

    prepared = _prepare(source, scratch)

    problem = "The submission has more than 500 files."
    assert prepared == PreparedSubmission("alice", None, problem, ())


@pytest.mark.parametrize("kind", ["folder", "bare"])
def test_prepare_submission_over_size_limit_gives_problem(
    submissions: Path, scratch: Path, kind: str
) -> None:
    if kind == "folder":
        source = _write(submissions / "alice", {MODULE: "w = 1\n"})
        big = source / "data.bin"
    else:
        source = big = submissions / "alice.py"
    with big.open("wb") as sparse:
        sparse.truncate(60 << 20)

    prepared = _prepare(source, scratch)

    problem = "The submission is larger than 50 MB."
    assert prepared == PreparedSubmission("alice", None, problem, ())


@pytest.mark.parametrize("kind", ["folder", "zip", "bare"])
def test_prepare_gbk_source_is_rewritten_as_utf8_with_note(
    submissions: Path, scratch: Path, kind: str
) -> None:
    text = "# 中文注释\nw = 1  # 权重\n"
    if kind == "folder":
        source = _write(submissions / "alice", {MODULE: text.encode("gbk")})
    elif kind == "zip":
        source = _zip(submissions / "alice.zip", [(MODULE, text.encode("gbk"))])
    else:
        source = _write(submissions, {"alice.py": text.encode("gbk")}) / "alice.py"

    prepared = _prepare(source, scratch)

    assert prepared.notes == (
        f"{MODULE} is not saved as UTF-8; it was read as gb18030.",
    )
    assert (scratch / "alice" / MODULE).read_bytes() == text.encode("utf-8")


def test_prepare_cp1252_source_is_rewritten_as_utf8_with_note(
    submissions: Path, scratch: Path
) -> None:
    source = _write(submissions / "alice", {MODULE: b"# caf\xe9\nw = 1\n"})

    prepared = _prepare(source, scratch)

    assert prepared.notes == (
        f"{MODULE} is not saved as UTF-8; it was read as cp1252.",
    )
    assert (scratch / "alice" / MODULE).read_bytes() == "# café\nw = 1\n".encode()


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf# caf\xc3\xa9\r\nw = 1\r\n",
        b"# -*- coding: latin-1 -*-\n# caf\xe9\nw = 1\n",
        b"w = 1\n",
    ],
    ids=["utf8-bom-crlf", "declared-latin-1", "ascii"],
)
def test_prepare_source_python_can_read_is_copied_unchanged(
    submissions: Path, scratch: Path, data: bytes
) -> None:
    source = _write(submissions / "alice", {MODULE: data})

    prepared = _prepare(source, scratch)

    assert prepared == PreparedSubmission("alice", scratch / "alice" / MODULE, "", ())
    assert (scratch / "alice" / MODULE).read_bytes() == data


def test_prepare_leaves_submissions_folder_unchanged(
    submissions: Path, scratch: Path, private: Path
) -> None:
    alice: dict[str, bytes | str] = {
        f"hw/{MODULE}": "w = 1\n",
        "hw/Linear_Model.py": "w = 2\n",
        "hw/conftest.py": "",
        "hw/__pycache__/x.cpython-311.pyc": b"\x00",
    }
    _write(submissions / "alice", alice)
    (submissions / "alice" / "hw" / "answers.txt").symlink_to(private / "answers.txt")
    bob: Entries = [
        (f"__MACOSX/._{MODULE}", b"\x00"),
        ("../evil.py", "evil = 1\n"),
        (_link_entry("answers.txt"), str(private / "answers.txt")),
        (MODULE, "w = 3\n"),
    ]
    _zip(submissions / "bob.zip", bob)
    _write(submissions, {"carol.py": "# 中文注释\n".encode("gbk"), "dan.zip": b"junk"})
    _write(submissions / "erin", {MODULE: b"\xef\xbb\xbfw = 1\r\n", "notes.txt": ""})
    (submissions / "frank").mkdir()
    (submissions / "gina").symlink_to(submissions / "alice")
    before = _snapshot(submissions)

    found, _ = discover(submissions)
    prepared = [
        prepare(submission, module_file=MODULE, scratch=scratch) for submission in found
    ]

    assert [p.student for p in prepared] == [
        "alice",
        "bob",
        "carol",
        "dan",
        "erin",
        "frank",
    ]
    assert _snapshot(submissions) == before


def test_prepare_zip_extraction_does_not_mix_with_another_student(
    submissions: Path, scratch: Path
) -> None:
    _write(submissions / "alice.unzipped", {MODULE: "owner = 'someone else'\n"})
    _zip(submissions / "alice.zip", [("readme.txt", "I forgot my file")])

    found, _ = discover(submissions)
    prepared = {
        submission.student: prepare(submission, module_file=MODULE, scratch=scratch)
        for submission in found
    }

    assert prepared["alice"] == PreparedSubmission("alice", None, MISSING, ())
