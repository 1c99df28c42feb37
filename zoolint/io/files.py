"""Safe, bounded, read-only access to files inside a model directory.

Everything zoolint reads goes through here, so the guarantees live in one place:
- a path that leads (through symlinks) outside the model directory is never opened;
- only regular files are opened, and never in a way that blocks (FIFOs, devices);
- reads are bounded by a byte limit, checked against the size before reading;
- Git LFS pointers are recognised by their first line;
- nothing is ever opened for writing.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from zoolint.io.artifact import Absent, Broken, BrokenKind, LfsPointer, Parsed

LFS_SIGNATURE = b"version https://git-lfs.github.com/spec/v1"
# Real pointer files are about 130 bytes; anything much larger is not a pointer.
LFS_POINTER_MAX_BYTES = 1024

DEFAULT_TEXT_LIMIT = 8 * 1024 * 1024


def parse_lfs_pointer(path: str, head: bytes, file_size: int) -> LfsPointer | None:
    """Return an `LfsPointer` when a file of `file_size` bytes whose first bytes are
    `head` is an LFS pointer. The one place that decides: a pointer is small and starts
    with the signature; anything larger is content, whatever its first line says."""
    if file_size > LFS_POINTER_MAX_BYTES or not head.startswith(LFS_SIGNATURE):
        return None
    oid: str | None = None
    size: int | None = None
    for raw_line in head[:LFS_POINTER_MAX_BYTES].splitlines():
        line = raw_line.decode("ascii", "replace")
        if line.startswith("oid "):
            oid = line[4:].strip()
        elif line.startswith("size "):
            try:
                size = int(line[5:].strip())
            except ValueError:
                size = None
    return LfsPointer(path=path, oid=oid, size=size)


def lfs_pointer_at(fd: int, size: int, relpath: str) -> LfsPointer | None:
    """The `LfsPointer` an open regular file of `size` bytes is, or None. A pointer is
    small and starts with the signature; anything larger is content, whatever its first
    line says. Reads with `pread`, so the descriptor's position does not move."""
    if size > LFS_POINTER_MAX_BYTES or size < len(LFS_SIGNATURE):
        return None  # without reading: most files are not small
    return parse_lfs_pointer(relpath, os.pread(fd, LFS_POINTER_MAX_BYTES, 0), size)


def resolve_inside(root: Path, relpath: str) -> Path | Absent | Broken:
    """Resolve `relpath` below `root`, following symlinks only while they stay inside.

    Returns the resolved path, `Absent` when nothing is there (including a dangling
    symlink), or `Broken` for a symlink loop or a link that escapes the directory.
    """
    candidate = root / relpath
    plain = _plain_path(root, relpath)
    if plain is not None:
        return plain
    if not os.path.lexists(candidate):
        return Absent(relpath)
    real_root = Path(os.path.realpath(root))
    try:
        # Where the link leads, whether or not anything is there: a link out of the
        # directory is an escape even when its target is missing.
        leads_to = Path(os.path.realpath(candidate))
    except (OSError, RuntimeError):
        leads_to = real_root
    if leads_to != real_root and real_root not in leads_to.parents:
        return _escape(relpath)
    try:
        resolved = Path(os.path.realpath(candidate, strict=True))
    except FileNotFoundError:
        return Broken(relpath, "is a symlink to a file that does not exist", BrokenKind.IO)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Broken(relpath, "is a symlink loop", BrokenKind.IO)
        return Broken(relpath, f"cannot be resolved: {exc.strerror or exc}", BrokenKind.IO)
    except RuntimeError:  # Python < 3.13 reports some loops this way
        return Broken(relpath, "is a symlink loop", BrokenKind.IO)
    if resolved != real_root and real_root not in resolved.parents:
        return _escape(relpath)
    return resolved


def _plain_path(root: Path, relpath: str) -> Path | Absent | None:
    """The fast, common case: no component of `relpath` is a link (or `..`), so the
    path lies physically inside `root`. None means "ask realpath" (the slow case)."""
    parts = relpath.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return None
    path = root
    for part in parts:
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            return Absent(relpath)
        except OSError:
            return None
        if stat.S_ISLNK(mode):
            return None
    return path


def _escape(relpath: str) -> Broken:
    return Broken(
        relpath,
        "is a symlink that leads outside the model directory; it was not read",
        BrokenKind.ESCAPE,
    )


def open_regular_file(root: Path, relpath: str) -> tuple[int, os.stat_result] | Absent | Broken:
    """Open a regular file below `root` read-only; return its descriptor and stat.

    Never blocks on FIFOs or devices: the type is checked with the descriptor opened
    O_NONBLOCK, then the flag is cleared for ordinary reads.
    """
    resolved = resolve_inside(root, relpath)
    if not isinstance(resolved, Path):
        return resolved
    try:
        st = os.stat(resolved)
    except OSError as exc:
        return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    if stat.S_ISDIR(st.st_mode):
        return Broken(relpath, "is a directory where a file is expected", BrokenKind.NOT_A_FILE)
    if not stat.S_ISREG(st.st_mode):
        return Broken(relpath, "is not a regular file (device, FIFO or socket)", BrokenKind.IO)
    # `resolved` has no links left; O_NOFOLLOW makes a link swapped in since then fail
    # instead of being followed out of the directory.
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_NOFOLLOW", 0)
    )
    try:
        fd = os.open(resolved, flags)
    except OSError as exc:
        return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    fst = os.fstat(fd)
    if not stat.S_ISREG(fst.st_mode):  # swapped between stat and open
        os.close(fd)
        return Broken(relpath, "is not a regular file (device, FIFO or socket)", BrokenKind.IO)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return fd, fst


def open_stream(root: Path, relpath: str) -> tuple[BinaryIO, int] | Absent | Broken:
    """Open a regular file below `root` as a read-only binary stream; return it and
    its size. The caller closes it. Same guarantees as `open_regular_file`: no escape
    through symlinks, no FIFOs or devices, nothing opened for writing. For formats read
    piecewise (zip directories, archive streams) rather than whole."""
    opened = open_regular_file(root, relpath)
    if not isinstance(opened, tuple):
        return opened
    fd, st = opened
    return os.fdopen(fd, "rb", closefd=True), st.st_size


def read_bytes(
    root: Path, relpath: str, limit: int | None
) -> Parsed[bytes] | Absent | Broken | LfsPointer:
    """Read a whole file below `root`, refusing files over `limit` bytes."""
    opened = open_regular_file(root, relpath)
    if not isinstance(opened, tuple):
        return opened
    fd, st = opened
    try:
        with os.fdopen(fd, "rb", closefd=True) as handle:
            pointer = lfs_pointer_at(fd, st.st_size, relpath)
            if pointer is not None:
                return pointer
            if limit is not None and st.st_size > limit:
                return Broken(
                    relpath,
                    f"is {st.st_size} bytes, over the {limit}-byte limit for this kind of file;"
                    " it was not read",
                    BrokenKind.TOO_LARGE,
                )
            # Ask for what the file holds (plus one byte, to notice growth), never for
            # the limit itself: read(n) reserves n bytes up front, so read(2 GiB) of a
            # 1 KB file would allocate 2 GiB.
            wanted = st.st_size if limit is None else min(limit, st.st_size)
            data = handle.read(wanted + 1)
    except OSError as exc:
        return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    if limit is not None and len(data) > limit:  # grew while we read it
        return Broken(
            relpath, f"is over the {limit}-byte limit for this kind of file", BrokenKind.TOO_LARGE
        )
    return Parsed(relpath, data)


def read_head(root: Path, relpath: str, size: int) -> Parsed[bytes] | Absent | Broken:
    """Read at most the first `size` bytes of a file (format sniffing, LFS detection)."""
    opened = open_regular_file(root, relpath)
    if not isinstance(opened, tuple):
        return opened
    fd, _ = opened
    try:
        with os.fdopen(fd, "rb", closefd=True) as handle:
            return Parsed(relpath, handle.read(size))
    except OSError as exc:
        return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)


def decode_text(relpath: str, data: bytes) -> Parsed[str] | Broken:
    """Decode UTF-8 text strictly; binary content and bad bytes get line and column."""
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = _line_column(data, nul)
        return Broken(
            relpath, "is binary (contains a NUL byte), not text", BrokenKind.ENCODING, line, column
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_column(data, exc.start)
        return Broken(
            relpath,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            BrokenKind.ENCODING,
            line,
            column,
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return Parsed(relpath, text)


def read_text(
    root: Path, relpath: str, limit: int | None = DEFAULT_TEXT_LIMIT
) -> Parsed[str] | Absent | Broken | LfsPointer:
    """Read and decode a UTF-8 text file below `root`."""
    raw = read_bytes(root, relpath, limit)
    if not isinstance(raw, Parsed):
        return raw
    return decode_text(relpath, raw.value)


def _line_column(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column
