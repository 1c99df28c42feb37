"""Reading a `.tar.gz` sample archive in place, as a bounded stream; never extracting it.

The gzip layer is decompressed here, not by tarfile, so that every decompressed byte
(member data and tar headers alike) counts against the bounds: the total decompressed
size, the ratio of decompressed to compressed bytes (a decompression bomb), and the
number of members. tarfile then reads the plain tar stream sequentially (mode "r|").

Members that could write outside a folder if extracted (absolute paths, `..`), links
and special files are reported and never read. The directory entry that exporters
write (`sample_inputs/`) is accepted; members below it are known by their base name.
"""

from __future__ import annotations

import posixpath
import tarfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    max_members: int
    max_bytes: int
    max_member_bytes: int
    max_ratio: float
    min_bomb_bytes: int


class ArchiveLimit(Exception):
    """A bound was reached; reading stopped. The message says which."""


class ArchiveError(ValueError):
    """The archive is not a readable tar.gz; the message says why."""


@dataclass(frozen=True)
class UnsafeMember:
    name: str
    reason: str


@dataclass
class ArchiveScan:
    """What one pass over an archive found."""

    files: list[str] = field(default_factory=list)  # safe regular members, in order
    unsafe: list[UnsafeMember] = field(default_factory=list)
    oversized: list[tuple[str, int]] = field(default_factory=list)  # (name, size): not read
    limit: str | None = None  # why reading stopped early, if it did
    error: str | None = None  # why the archive could not be read at all, or past a point


class BoundedGunzip:
    """A read-only file object that gunzips `raw` and enforces the archive bounds."""

    def __init__(self, raw: BinaryIO, limits: ArchiveLimits) -> None:
        self._raw = raw
        self._limits = limits
        self._inflater = zlib.decompressobj(31)  # gzip framing
        self._pending = b""  # compressed input not yet inflated
        self._started = False
        self.compressed = 0
        self.decompressed = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = _CHUNK
        out = bytearray()
        while len(out) < size:
            piece = self._inflate(size - len(out))
            if not piece:
                break
            out += piece
        return bytes(out)

    def _inflate(self, want: int) -> bytes:
        while True:
            if self._inflater.eof:
                # Concatenated gzip members are one stream (as gzip(1) reads them).
                rest = self._inflater.unused_data + self._pending
                self._pending = b""
                if not rest:
                    rest = self._read_raw()
                if not rest:
                    return b""
                self._inflater = zlib.decompressobj(31)
                self._pending = rest
            if not self._pending:
                self._pending = self._read_raw()
                if not self._pending:
                    if self._started and not self._inflater.eof:
                        raise ArchiveError("is truncated (the gzip stream ends early)")
                    return b""
            self._started = True
            try:
                # max_length: one small compressed chunk cannot inflate past `want`.
                piece = self._inflater.decompress(self._pending, want)
            except zlib.error as exc:
                raise ArchiveError(f"is not a valid gzip stream ({exc})") from None
            self._pending = self._inflater.unconsumed_tail
            if piece:
                self._count(len(piece))
                return piece

    def _read_raw(self) -> bytes:
        chunk = self._raw.read(_CHUNK)
        self.compressed += len(chunk)
        return chunk

    def _count(self, produced: int) -> None:
        self.decompressed += produced
        limits = self._limits
        if self.decompressed > limits.max_bytes:
            raise ArchiveLimit(
                f"decompresses to more than {limits.max_bytes} bytes (the limit for one"
                " sample archive); reading stopped there"
            )
        ratio = self.decompressed / max(self.compressed, 1)
        if self.decompressed > limits.min_bomb_bytes and ratio > limits.max_ratio:
            raise ArchiveLimit(
                f"decompresses at more than {limits.max_ratio:g}:1 ({self.decompressed}"
                f" bytes from {self.compressed}): a decompression bomb; reading stopped"
            )


def unsafe_reason(member: tarfile.TarInfo) -> str | None:
    """Why extracting `member` could harm the machine, or None when it is safe."""
    name = member.name
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if ".." in name.replace("\\", "/").split("/"):
        return "climbs out of the folder with '..'"
    if member.issym():
        return f"is a symbolic link to {member.linkname!r}"
    if member.islnk():
        return f"is a hard link to {member.linkname!r}"
    if member.ischr() or member.isblk():
        return "is a device file"
    if member.isfifo():
        return "is a FIFO"
    if not (member.isreg() or member.isdir()):
        return f"has an unsupported member type {member.type!r}"
    return None


def member_basename(name: str) -> str:
    return posixpath.basename(name.rstrip("/"))


def scan_archive(
    raw: BinaryIO,
    limits: ArchiveLimits,
    on_file: Callable[[str, bytes | None], None],
) -> ArchiveScan:
    """Read every safe regular member of a tar.gz stream once, in order, handing its
    name and content to `on_file` (None for a member over `max_member_bytes`, which is
    skipped unread); never write anything anywhere."""
    scan = ArchiveScan()
    reader = BoundedGunzip(raw, limits)
    count = 0
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:  # type: ignore[call-overload]
            for member in tar:
                count += 1
                if count > limits.max_members:
                    raise ArchiveLimit(
                        f"has more than {limits.max_members} members (the limit for one"
                        " sample archive); reading stopped there"
                    )
                reason = unsafe_reason(member)
                if reason is not None:
                    scan.unsafe.append(UnsafeMember(member.name, reason))
                    continue
                if member.isdir():
                    continue
                if member.size > limits.max_member_bytes:
                    scan.oversized.append((member.name, member.size))
                    on_file(member.name, None)  # known by name, never read
                    continue
                handle = tar.extractfile(member)
                data = handle.read() if handle is not None else b""
                if len(data) != member.size:
                    raise ArchiveError(f"is truncated inside member {member.name!r}")
                scan.files.append(member.name)
                on_file(member.name, data)
    except ArchiveLimit as exc:
        scan.limit = str(exc)
    except ArchiveError as exc:
        scan.error = str(exc)
    except tarfile.ReadError as exc:
        scan.error = _tar_error(exc, reader)
    except (tarfile.TarError, EOFError) as exc:
        scan.error = f"is not a readable tar archive ({exc})"
    return scan


def _tar_error(exc: tarfile.ReadError, reader: BoundedGunzip) -> str:
    if reader.decompressed == 0:
        return "is not a gzip-compressed tar archive"
    return f"is not a readable tar archive ({exc})"
