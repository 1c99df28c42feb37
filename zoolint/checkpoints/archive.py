"""List a `.tar.gz` folder archive (`deployment.tar.gz`) in place: never extracted.

Listing a gzip'd tar means decompressing it, so the walk is bounded three ways: the
compressed bytes read (the file's own size), the decompressed offset reached
(`max_bytes`: a decompression bomb stops there) and the number of members. Header
extensions (pax, GNU long names) are read by tarfile in one piece; any single read over
`_MAX_HEADER_READ` is refused, so a forged 4 GiB long-name header costs nothing.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.bounded import BoundedFile, ReadLimitExceeded, open_bounded
from zoolint.model import ModelDir

_MAX_HEADER_READ = 1024 * 1024


@dataclass(frozen=True)
class Member:
    """One archive member as listed: its name as stored, its kind and size."""

    name: str
    kind: str  # "file", "dir", "symlink", "hardlink", "device", "fifo", "other"
    size: int
    link: str = ""

    @property
    def normalized(self) -> str:
        """The name without a leading `./` (what a member is called inside the folder)."""
        name = self.name
        while name.startswith("./"):
            name = name[2:]
        return name.rstrip("/")

    @property
    def unsafe_reason(self) -> str | None:
        """Why extracting this member would be unsafe, if it would."""
        path = PurePosixPath(self.name)
        if self.name.startswith("/") or (len(self.name) > 1 and self.name[1] == ":"):
            return "has an absolute path"
        if ".." in path.parts:
            return "climbs out of the folder with '..'"
        if self.kind in ("symlink", "hardlink"):
            return f"is a {'symbolic' if self.kind == 'symlink' else 'hard'} link (to {self.link!r})"
        if self.kind in ("device", "fifo"):
            return f"is a {self.kind}"
        return None


@dataclass(frozen=True)
class Listing:
    members: list[Member] = field(default_factory=list)

    def files(self, folder: str) -> set[str]:
        """Names of regular files, relative to the folder the archive stands for: the
        `folder/` prefix `tar czf deployment.tar.gz deployment` writes is dropped."""
        prefix = folder + "/"
        names = [m.normalized for m in self.members if m.kind == "file"]
        return {name[len(prefix) :] if name.startswith(prefix) else name for name in names}


class _DecompressedBudget(io.RawIOBase):
    """The decompressed stream tarfile reads, bounded in offset and read size."""

    def __init__(self, inner: gzip.GzipFile, max_bytes: int) -> None:
        super().__init__()
        self.inner = inner
        self.max_bytes = max_bytes

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.inner.tell()

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        target = offset if whence == os.SEEK_SET else self.inner.tell() + offset
        if whence not in (os.SEEK_SET, os.SEEK_CUR):
            raise OSError("cannot seek from the end of a compressed stream")
        if target > self.max_bytes:
            raise ReadLimitExceeded(
                f"it decompresses to more than {self.max_bytes} bytes (a decompression bomb,"
                " or over the configured max-archive-bytes)"
            )
        return self.inner.seek(target)

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0 or size > _MAX_HEADER_READ:
            raise ReadLimitExceeded(f"a single header read of {size} bytes was refused")
        if self.inner.tell() + size > self.max_bytes:
            raise ReadLimitExceeded(
                f"it decompresses to more than {self.max_bytes} bytes (a decompression bomb,"
                " or over the configured max-archive-bytes)"
            )
        return self.inner.read(size)

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _kind(info: tarfile.TarInfo) -> str:
    if info.isreg():
        return "file"
    if info.isdir():
        return "dir"
    if info.issym():
        return "symlink"
    if info.islnk():
        return "hardlink"
    if info.ischr() or info.isblk():
        return "device"
    if info.isfifo():
        return "fifo"
    return "other"


def list_tar_gz(
    handle: BoundedFile, relpath: str, max_members: int, max_bytes: int
) -> Parsed[Listing] | Broken:
    members: list[Member] = []
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as gz:
            stream = _DecompressedBudget(gz, max_bytes)
            with tarfile.open(fileobj=stream, mode="r:") as tar:  # type: ignore[call-overload]
                while True:
                    info = tar.next()
                    if info is None:
                        break
                    members.append(Member(info.name, _kind(info), info.size, info.linkname))
                    if len(members) > max_members:
                        return Broken(
                            relpath, f"has more than {max_members} members; it was not listed"
                        )
                    # tarfile keeps every member it lists; we have ours. `members` is
                    # real but undocumented, so typeshed leaves it out.
                    tar.members.clear()  # type: ignore[attr-defined]
    except ReadLimitExceeded as exc:
        return Broken(relpath, f"cannot be listed safely: {exc}")
    except (tarfile.TarError, gzip.BadGzipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        return Broken(relpath, f"is not a readable .tar.gz archive: {exc}")
    finally:
        handle.close()
    return Parsed(relpath, Listing(members))


def load_tar_listing(model: ModelDir, relpath: str) -> Artifact[Listing]:
    """Loader: the members of a `.tar.gz` below the model directory."""
    settings = model.config.checkpoints if model.config else None
    max_members = settings.max_archive_members if settings else 100_000
    max_bytes = settings.max_archive_bytes if settings else 4 * 1024**3
    handle = open_bounded(model.root, relpath, budget=1 << 62)
    if not isinstance(handle, BoundedFile):
        return handle
    return list_tar_gz(handle, relpath, max_members, max_bytes)
