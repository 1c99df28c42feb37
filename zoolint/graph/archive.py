"""The graph inside `model.onnx.tar.gz`, read in place: streamed, bounded, never extracted.

The archive is decompressed as a stream (no seeking, nothing written anywhere); member
headers are checked as they pass. Only a regular member named `model.onnx` is read,
and only when its declared size is within the configured bound. Members that would be
dangerous to extract (absolute paths, `..`, links, devices) are recorded and never
read. The total number of decompressed bytes is bounded, so a decompression bomb
costs a bounded amount of work.
"""

from __future__ import annotations

import gzip
import os
import tarfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Protocol

import onnx

from zoolint.graph.load import GraphBroken, parse_graph_bytes
from zoolint.graph.settings import GraphSettings
from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.files import LFS_POINTER_MAX_BYTES, open_regular_file, parse_lfs_pointer
from zoolint.model import ModelDir

GRAPH_MEMBER = "model.onnx"
MAX_MEMBERS = 10_000


@dataclass
class ArchiveScan:
    """What streaming through the archive found."""

    members: list[str] = field(default_factory=list)
    unsafe: list[tuple[str, str]] = field(default_factory=list)  # (member, why)
    graph: Parsed[onnx.ModelProto] | Broken | None = None


class _ScanLimit(Exception):
    pass


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _CountingReader:
    """A read-only stream that refuses to yield more than `limit` bytes in total."""

    def __init__(self, stream: _Readable, limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        if self.count > self.limit:
            raise _ScanLimit()
        return data


def unsafe_reason(info: tarfile.TarInfo) -> str | None:
    """Why extracting this member would be dangerous (None: it is a plain member)."""
    name = info.name
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if ".." in name.replace("\\", "/").split("/"):
        return "climbs out of the archive with '..'"
    if info.issym() or info.islnk():
        return f"is a link (to {info.linkname!r})"
    if info.ischr() or info.isblk() or info.isfifo():
        return "is a device or FIFO"
    if not (info.isfile() or info.isdir()):
        return "is not a regular file or folder"
    return None


def _member_name(info: tarfile.TarInfo) -> str:
    name = info.name
    while name.startswith("./"):
        name = name[2:]
    return name


def _settings(model: ModelDir) -> GraphSettings:
    return model.config.graph if model.config is not None else GraphSettings()


def scan_graph_archive(model: ModelDir, relpath: str) -> Artifact[ArchiveScan]:
    """Loader: stream through the archive once, reading the graph member."""
    opened = open_regular_file(model.root, relpath)
    if not isinstance(opened, tuple):
        return opened
    fd, st = opened
    settings = _settings(model)
    with os.fdopen(fd, "rb", closefd=True) as handle:
        head = handle.read(LFS_POINTER_MAX_BYTES)
        pointer = parse_lfs_pointer(relpath, head, st.st_size)
        if pointer is not None:
            return pointer
        if not head:
            return Broken(relpath, "is empty (0 bytes)", GraphBroken.EMPTY)
        if not head.startswith(b"\x1f\x8b"):
            return Broken(relpath, "is not gzip-compressed: it is not a .tar.gz archive", GraphBroken.ARCHIVE)
        handle.seek(0)
        return Parsed(relpath, _scan(relpath, handle, settings))


def _scan(relpath: str, handle: IO[bytes], settings: GraphSettings) -> ArchiveScan:
    scan = ArchiveScan()
    counted = _CountingReader(gzip.GzipFile(fileobj=handle, mode="rb"), settings.max_archive_scan_bytes)
    try:
        # typeshed wants a whole file object (write, seek...); stream mode only reads
        with tarfile.open(fileobj=counted, mode="r|") as archive:  # type: ignore[call-overload]
            for info in archive:
                if len(scan.members) >= MAX_MEMBERS:
                    scan.graph = scan.graph or Broken(
                        relpath, f"holds more than {MAX_MEMBERS} members; it was not read further", GraphBroken.ARCHIVE
                    )
                    break
                scan.members.append(info.name)
                reason = unsafe_reason(info)
                if reason is not None:
                    scan.unsafe.append((info.name, reason))
                    continue
                if info.isfile() and _member_name(info) == GRAPH_MEMBER and scan.graph is None:
                    scan.graph = _read_member(relpath, archive, info, settings)
    except _ScanLimit:
        scan.graph = scan.graph or Broken(
            relpath,
            f"decompresses to more than {settings.max_archive_scan_bytes} bytes before its graph"
            " (a decompression bomb?); it was not read further",
            GraphBroken.ARCHIVE,
        )
        return scan
    except (tarfile.TarError, EOFError, OSError, zlib.error) as exc:
        detail = str(exc) or type(exc).__name__
        truncated = isinstance(exc, EOFError) or "unexpected end" in detail.lower()
        scan.graph = scan.graph or (
            Broken(relpath, "is truncated: the compressed stream ends early", GraphBroken.TRUNCATED)
            if truncated
            else Broken(relpath, f"is not a valid .tar.gz archive: {detail}", GraphBroken.ARCHIVE)
        )
        return scan
    if scan.graph is None:
        onnx_members = [name for name in scan.members if name.endswith(".onnx")]
        found = f" (it holds {', '.join(onnx_members[:3])})" if onnx_members else ""
        scan.graph = Broken(relpath, f"holds no {GRAPH_MEMBER} member{found}", GraphBroken.ARCHIVE)
    return scan


def _read_member(
    relpath: str, archive: tarfile.TarFile, info: tarfile.TarInfo, settings: GraphSettings
) -> Parsed[onnx.ModelProto] | Broken:
    where = f"{relpath}:{info.name}"
    if info.size > settings.max_archive_member_bytes:
        return Broken(
            relpath,
            f"member {info.name} is {info.size} bytes, over the {settings.max_archive_member_bytes}"
            "-byte limit for a graph read from an archive; it was not read",
            GraphBroken.ARCHIVE,
        )
    member = archive.extractfile(info)  # a stream over the member: nothing is written
    if member is None:
        return Broken(relpath, f"member {info.name} cannot be read", GraphBroken.ARCHIVE)
    data = member.read(info.size)
    if len(data) < info.size:
        return Broken(relpath, f"is truncated inside member {info.name}", GraphBroken.ARCHIVE)
    parsed = parse_graph_bytes(where, data)
    if isinstance(parsed, Broken):
        return Broken(relpath, f"member {info.name} {parsed.reason}", parsed.kind)
    return Parsed(relpath, parsed.value)


def load_archived_graph(model: ModelDir, relpath: str) -> Artifact[onnx.ModelProto]:
    """Loader: the graph inside a `.tar.gz`, as `load_graph` would give it."""
    scan = model.load(scan_graph_archive, relpath)
    if not isinstance(scan, Parsed):
        return scan
    assert scan.value.graph is not None
    return scan.value.graph
