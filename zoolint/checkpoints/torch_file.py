"""Loader of pickle-bearing files: PyTorch checkpoints (zip or legacy), TorchScript
archives, plain pickles, numpy `.npy`/`.npz` object arrays. Nothing is unpickled.

| container | what is scanned |
|---|---|
| PyTorch zip (`torch.save` >= 1.6) | every `*.pkl` member (`<archive>/data.pkl`); storages are only measured |
| TorchScript zip | `data.pkl`, `constants.pkl`, `*.debug_pkl` |
| legacy PyTorch (< 1.6) | the five pickles at its head (magic, version, sys info, object, storage keys) |
| plain pickle | the first pickle, and any further ones that follow it |
| `.npy` / `.npz` | the pickle after the header of each object-dtype array |

`.bin` files that are neither a zip nor a pickle are raw data (not pickle-bearing).
Problems inside a container are collected as `errors`, next to whatever the scan saw
before them: a real unpickler would have run every import up to that point.
"""

from __future__ import annotations

import ast
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any

from zoolint.checkpoints.pickle_scan import PDict, PickleScan, scan_pickle, scan_pickle_bytes
from zoolint.checkpoints.sniff import NUMPY, PICKLE, SNIFF_BYTES, UNKNOWN, ZIP, sniff
from zoolint.io.artifact import Artifact, Broken, Parsed
from zoolint.io.bounded import BoundedFile, ReadLimitExceeded, open_bounded
from zoolint.model import ModelDir

PICKLE_SUFFIXES = (".pth", ".pt", ".bin", ".ckpt", ".pkl", ".pickle", ".npy", ".npz")
TORCH_SUFFIXES = (".pth", ".pt", ".bin", ".ckpt")
LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_LEGACY_PICKLES = 5
_MAX_TRAILING_PICKLES = 16
_ZIP_METADATA_BUDGET = 64 * 1024 * 1024
_NPY_HEADER_LIMIT = 10_000


@dataclass
class ScannedPickle:
    """One pickle of a file: `where` names it (a zip member, or `pickle 4 of 5`)."""

    where: str | None
    scan: PickleScan


@dataclass
class PickleFile:
    """What a pickle-bearing file holds. `container` is one of "torch-zip",
    "torchscript", "torch-legacy", "pickle", "npy", "npz", "raw" (a `.bin` without
    pickles) or "other" (a recognised non-pickle format: `other_format`)."""

    container: str
    pickles: list[ScannedPickle] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    storages: dict[str, int] | None = None  # zip: storage key -> bytes
    main: PickleScan | None = None
    other_format: str | None = None

    @property
    def torchscript(self) -> bool:
        return self.container == "torchscript"

    @property
    def top(self) -> Any:
        return self.main.value if self.main is not None else None

    @property
    def top_dict(self) -> PDict | None:
        return self.top if isinstance(self.top, PDict) else None


def is_pickle_bearing(relpath: str) -> bool:
    return relpath.lower().endswith(PICKLE_SUFFIXES)


def _limits(model: ModelDir) -> tuple[int, int, int]:
    settings = model.config.checkpoints if model.config else None
    if settings is None:
        return 256 * 1024 * 1024, 5_000_000, 100_000
    return settings.max_pickle_bytes, settings.max_pickle_opcodes, settings.max_archive_members


def load_pickle_file(model: ModelDir, relpath: str) -> Artifact[PickleFile]:
    """Loader: scan a pickle-bearing file (see the module docstring)."""
    max_bytes, max_ops, max_members = _limits(model)
    handle = open_bounded(model.root, relpath, budget=max_bytes + _ZIP_METADATA_BUDGET)
    if not isinstance(handle, BoundedFile):
        return handle
    try:
        head = handle.read(SNIFF_BYTES)
        handle.seek(0)
        kind = sniff(head, handle.size).format
        if kind != ZIP:  # only a zip's directory and headers get the metadata allowance
            handle.budget = max_bytes
        lower = relpath.lower()
        if kind == ZIP:
            result = _scan_zip(handle, lower.endswith(".npz"), max_bytes, max_ops, max_members)
        elif kind == NUMPY and lower.endswith(".npy"):
            result = _scan_npy_stream(handle, handle.size, "", max_ops)
        elif kind == PICKLE or (kind == UNKNOWN and _starts_like_old_pickle(head, lower)):
            result = _scan_pickles(handle, max_ops)
        elif kind != UNKNOWN:
            result = PickleFile("other", other_format=kind)
        elif lower.endswith(".bin"):
            result = PickleFile("raw")
        elif not head:
            return Broken(relpath, "is empty (0 bytes)")
        else:
            return Broken(
                relpath,
                f"is neither a PyTorch zip archive nor a pickle (it starts with {head[:8]!r})",
            )
    except ReadLimitExceeded as exc:
        return Broken(relpath, f"is too large to scan: {exc}")
    finally:
        handle.close()
    return Parsed(relpath, result)


def _starts_like_old_pickle(head: bytes, lower: str) -> bool:
    """Protocol 0/1 pickles have no header; accept them only where a pickle is expected."""
    if lower.endswith((".bin", ".npy", ".npz")) or not head:
        return False
    return head[:1] in (b"(", b"}", b"]", b"c", b")")


def _scan_pickles(handle: BoundedFile, max_ops: int) -> PickleFile:
    first = scan_pickle(handle, max_ops)
    if first.complete and type(first.value) is int and first.value == LEGACY_MAGIC:
        result = PickleFile(
            "torch-legacy", [ScannedPickle(f"pickle 1 of {_LEGACY_PICKLES}", first)]
        )
        for index in range(2, _LEGACY_PICKLES + 1):
            handle.seek(first.end if index == 2 else result.pickles[-1].scan.end)
            scan = scan_pickle(handle, max_ops)
            result.pickles.append(ScannedPickle(f"pickle {index} of {_LEGACY_PICKLES}", scan))
            if not scan.complete:
                break
        if len(result.pickles) >= 4:
            result.main = result.pickles[3].scan
        return result
    result = PickleFile("pickle", [ScannedPickle(None, first)], main=first)
    # A loader may read several pickles in a row; a hidden second one is scanned too.
    position = first.end
    while first.complete and len(result.pickles) < _MAX_TRAILING_PICKLES:
        handle.seek(position)
        marker = handle.read(2)
        if len(marker) < 2 or marker[0] != 0x80 or not 2 <= marker[1] <= 5:
            break
        handle.seek(position)
        scan = scan_pickle(handle, max_ops)
        result.pickles.append(ScannedPickle(f"pickle {len(result.pickles) + 1}", scan))
        if not scan.complete:
            break
        position = scan.end
    return result


def _member_bytes(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    if info.file_size > budget:
        raise ReadLimitExceeded(f"member {info.filename} is {info.file_size} bytes, over the limit")
    with archive.open(info) as member:
        data = member.read(budget + 1)
    if len(data) > budget:
        raise ReadLimitExceeded(f"member {info.filename} decompresses past the limit")
    return data


def _scan_zip(
    handle: BoundedFile, npz: bool, max_bytes: int, max_ops: int, max_members: int
) -> PickleFile:
    result = PickleFile("npz" if npz else "torch-zip")
    try:
        with zipfile.ZipFile(handle) as archive:
            infos = archive.infolist()
            if len(infos) > max_members:
                result.errors.append(
                    f"zip archive has {len(infos)} members, over the limit of {max_members}"
                )
                return result
            if npz:
                return _scan_npz(archive, infos, result, max_bytes, max_ops)
            names = [info.filename for info in infos]
            if any(n.endswith("/constants.pkl") or "/code/" in n for n in names):
                result.container = "torchscript"
            result.storages = {}
            budget = max_bytes
            for info in infos:
                name = info.filename
                parts = name.split("/")
                if len(parts) >= 3 and parts[-2] == "data" and not name.endswith(".pkl"):
                    result.storages[parts[-1]] = info.file_size
                if not name.endswith((".pkl", ".debug_pkl")):
                    continue
                data = _member_bytes(archive, info, budget)
                budget -= len(data)
                scan = scan_pickle_bytes(data, max_ops)
                result.pickles.append(ScannedPickle(name, scan))
                if parts[-1] == "data.pkl" and result.main is None:
                    result.main = scan
            if result.main is None:
                result.errors.append(
                    "is a zip archive without a data.pkl member: not a PyTorch checkpoint"
                )
    except ReadLimitExceeded as exc:
        result.errors.append(f"is too large to scan: {exc}")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            zlib.error, EOFError, OSError, ValueError) as exc:  # fmt: skip
        result.errors.append(f"is not a readable zip archive: {exc}")
    return result


def _scan_npz(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    result: PickleFile,
    max_bytes: int,
    max_ops: int,
) -> PickleFile:
    budget = max_bytes
    for info in infos:
        if not info.filename.endswith(".npy"):
            continue
        with archive.open(info) as member:
            head = member.read(_NPY_HEADER_LIMIT + 16)
        descr = _npy_object_offset(head)
        if descr is None:
            continue
        data = _member_bytes(archive, info, budget)
        budget -= len(data)
        scan = scan_pickle_bytes(data[descr:], max_ops)
        result.pickles.append(ScannedPickle(info.filename, scan))
    return result


def _scan_npy_stream(handle: BoundedFile, size: int, where: str, max_ops: int) -> PickleFile:
    result = PickleFile("npy")
    head = handle.read(min(size, _NPY_HEADER_LIMIT + 16))
    offset = _npy_object_offset(head)
    if offset is None:
        return result
    handle.seek(offset)
    scan = scan_pickle(handle, max_ops)
    result.pickles.append(ScannedPickle(where or None, scan))
    result.main = scan
    return result


def _npy_object_offset(head: bytes) -> int | None:
    """Offset of the pickle in an `.npy` of object dtype; None for numeric arrays or a
    header that cannot be read (the samples rules own `.npy` validity).

    The header is a Python dict literal, read with `ast.literal_eval` (no evaluation)."""
    if not head.startswith(b"\x93NUMPY") or len(head) < 10:
        return None
    major = head[6]
    if major == 1:
        length, start = int.from_bytes(head[8:10], "little"), 10
    elif major in (2, 3):
        length, start = int.from_bytes(head[8:12], "little"), 12
    else:
        return None
    if length > _NPY_HEADER_LIMIT or start + length > len(head):
        return None
    try:
        header = ast.literal_eval(head[start : start + length].decode("latin-1"))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    if not isinstance(header, dict):
        return None
    return start + length if _has_object(header.get("descr")) else None


def _has_object(descr: Any) -> bool:
    if isinstance(descr, str):
        return descr.lstrip("|<>=").startswith("O")
    if isinstance(descr, list):
        return any(
            isinstance(item, (tuple, list)) and len(item) >= 2 and _has_object(item[1])
            for item in descr
        )
    return False


def pickle_files(model: ModelDir) -> list[str]:
    """Every pickle-bearing regular file of the directory (links are FILE rules' job;
    a link that stays inside points at a file listed on its own)."""
    return [
        entry.relpath
        for entry in model.walk()
        if entry.is_file and is_pickle_bearing(entry.relpath)
    ]


def pickle_file(model: ModelDir, relpath: str) -> Artifact[PickleFile]:
    return model.load(load_pickle_file, relpath)
