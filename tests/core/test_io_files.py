"""The one place that reads files: bounded, inside the directory, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

from zoolint.io.artifact import Absent, Broken, BrokenKind, LfsPointer, Parsed
from zoolint.io.bounded import BoundedFile, open_bounded
from zoolint.io.files import LFS_POINTER_MAX_BYTES, parse_lfs_pointer, read_bytes, read_text

POINTER = b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 42\n"


def test_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("hello")
    assert read_text(tmp_path, "a.txt") == Parsed("a.txt", "hello")


def test_missing_and_dangling_links_are_absent_or_broken(tmp_path: Path) -> None:
    assert read_bytes(tmp_path, "nope", 10) == Absent("nope")
    os.symlink(tmp_path / "gone", tmp_path / "dangling")
    assert read_bytes(tmp_path, "dangling", 10) == Broken(
        "dangling", "is a symlink to a file that does not exist", BrokenKind.IO
    )


def test_a_link_out_of_the_directory_is_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret"
    outside.write_text("password")
    inside = tmp_path / "model"
    inside.mkdir()
    os.symlink(outside, inside / "model.md")
    result = read_text(inside, "model.md")
    assert isinstance(result, Broken) and result.kind == BrokenKind.ESCAPE


def test_a_link_inside_the_directory_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("x")
    os.symlink("real.md", tmp_path / "alias.md")
    assert read_text(tmp_path, "alias.md") == Parsed("alias.md", "x")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    result = read_bytes(tmp_path, "pipe", 10)
    assert result == Broken("pipe", "is not a regular file (device, FIFO or socket)", BrokenKind.IO)


def test_a_folder_where_a_file_belongs(tmp_path: Path) -> None:
    (tmp_path / "model.md").mkdir()
    assert read_text(tmp_path, "model.md") == Broken(
        "model.md", "is a directory where a file is expected", BrokenKind.NOT_A_FILE
    )


def test_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    result = read_bytes(tmp_path, "big", 100)
    assert isinstance(result, Broken) and result.kind == BrokenKind.TOO_LARGE
    assert result.reason.startswith("is 101 bytes, over the 100-byte limit")


def test_lfs_pointer_is_recognised(tmp_path: Path) -> None:
    (tmp_path / "model.onnx").write_bytes(POINTER)
    assert read_bytes(tmp_path, "model.onnx", None) == LfsPointer("model.onnx", "sha256:abc", 42)


def test_whole_and_bounded_reads_agree_on_what_an_lfs_pointer_is(tmp_path: Path) -> None:
    (tmp_path / "pointer").write_bytes(POINTER)
    # Past the size of any pointer, a file is content whatever its first line says.
    large = POINTER + b"x" * (LFS_POINTER_MAX_BYTES + 1 - len(POINTER))
    (tmp_path / "large").write_bytes(large)
    pointer = LfsPointer("pointer", "sha256:abc", 42)
    assert read_bytes(tmp_path, "pointer", None) == pointer
    assert open_bounded(tmp_path, "pointer", budget=10) == pointer
    assert read_bytes(tmp_path, "large", None) == Parsed("large", large)
    handle = open_bounded(tmp_path, "large", budget=len(large))
    assert isinstance(handle, BoundedFile)
    with handle:
        assert handle.read() == large


def test_binary_and_bad_utf8_have_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "bin.md").write_bytes(b"ok\nab\x00c")
    (tmp_path / "bad.md").write_bytes("é\nxy\xff".encode("latin-1"))
    assert read_text(tmp_path, "bin.md") == Broken(
        "bin.md", "is binary (contains a NUL byte), not text", BrokenKind.ENCODING, 2, 3
    )
    assert read_text(tmp_path, "bad.md") == Broken(
        "bad.md", "is not valid UTF-8 (byte 0xe9)", BrokenKind.ENCODING, 1, 1
    )


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_bytes(b"\xef\xbb\xbfhi")
    assert read_text(tmp_path, "a.md") == Parsed("a.md", "hi")


def test_the_size_rule_lives_in_parse_lfs_pointer() -> None:
    """Every reader (FILE001, graphs, samples, external data, checkpoint sniffing) asks
    this one function, so a large file that happens to start with the signature is
    content everywhere, never a pointer in one place and content in another."""
    assert parse_lfs_pointer("m", POINTER, len(POINTER)) == LfsPointer("m", "sha256:abc", 42)
    assert parse_lfs_pointer("m", POINTER, 1025) is None
    assert parse_lfs_pointer("m", b"not a pointer", 13) is None
