"""Loading the sample folders of a model directory, in any layout generation.

`samples(model)` is the requirement the SMP and RUN rules declare: every sample folder
or archive at the top level (`sample_inputs`, `sample-outputs.tar.gz`,
`sample_outputs_onnxruntime`, ...), each file's name read for its number and each
`.npz` read for its keys, dtypes and shapes (headers only, see `npz`). Archives are
streamed once, bounded, never extracted. Everything is read through
`zoolint.io.files`, so symlinks cannot lead outside the directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from zoolint.io.artifact import Absent, Artifact, Broken, BrokenKind, LfsPointer, Parsed
from zoolint.io.files import (
    LFS_POINTER_MAX_BYTES,
    open_stream,
    parse_lfs_pointer,
    resolve_inside,
)
from zoolint.layout.detect import profile_for
from zoolint.layout.slots import (
    ARCHIVE_SUFFIX,
    engine_output_slots,
    find_folder_slot,
    folder_spellings,
)
from zoolint.model import ModelDir
from zoolint.samples import archive as tar
from zoolint.samples.names import parse_name
from zoolint.samples.npz import NpzError, NpzInfo, read_npz_info, read_npz_info_bytes
from zoolint.samples.settings import SampleSettings

# Folder slot -> the kind of sample it holds.
SLOT_KINDS = {
    "sample_inputs": "inputs",
    "sample_outputs": "outputs",
    "sample_labels": "labels",
    "sample_originals": "originals",
}

NpzState = Parsed[NpzInfo] | Broken | LfsPointer | Absent


@dataclass(frozen=True)
class SampleFile:
    """One file of a sample folder (or member of a sample archive)."""

    name: str  # base name: inp-0000.npz
    path: str  # where diagnostics point: the file, or the archive holding it
    member: str | None  # the member name inside an archive
    number: int | None  # the sample number its name gives, if any
    name_problem: str | None  # how its name deviates from the convention
    state: NpzState | None  # None: not an .npz (an image original, a stray file)

    @property
    def label(self) -> str:
        """How messages name the file: by member inside an archive, else nothing
        (the diagnostic's path already names it)."""
        return f"member {self.member!r}: " if self.member is not None else ""

    @property
    def info(self) -> NpzInfo | None:
        return self.state.value if isinstance(self.state, Parsed) else None


@dataclass(frozen=True)
class SampleFolder:
    """A sample folder or archive, as read."""

    relpath: str
    slot: str  # sample_inputs, ..., or sample_outputs_<engine>
    kind: str  # inputs, outputs, labels, originals
    engine: str | None
    archived: bool
    primary: bool  # the spelling of its slot that is paired and checked
    files: tuple[SampleFile, ...]
    unexpected: tuple[tuple[str, str], ...] = ()  # (path, why) entries that are not samples
    unsafe: tuple[tar.UnsafeMember, ...] = ()
    oversized: tuple[tuple[str, int], ...] = ()
    limit: str | None = None
    error: str | None = None

    @property
    def complete(self) -> bool:
        """False when an archive could not be read to its end: what is missing from
        it is unknown, so it is not paired or counted."""
        return self.limit is None and self.error is None

    def numbered(self) -> dict[int, list[SampleFile]]:
        by_number: dict[int, list[SampleFile]] = {}
        for file in self.files:
            if file.number is not None:
                by_number.setdefault(file.number, []).append(file)
        return by_number


@dataclass(frozen=True)
class SampleIndex:
    folders: tuple[SampleFolder, ...]
    # Kinds of sample folders that exist but could not be read at all (an LFS pointer,
    # an escaping symlink: the FILE rules report them); nothing is paired against them.
    unreadable_kinds: frozenset[str] = frozenset()

    def primary(self, kind: str, engine: str | None = None) -> SampleFolder | None:
        for folder in self.folders:
            if folder.primary and folder.kind == kind and folder.engine == engine:
                return folder
        return None

    def output_folders(self) -> list[SampleFolder]:
        return [f for f in self.folders if f.primary and f.kind == "outputs"]


def settings_of(model: ModelDir) -> SampleSettings:
    return model.config.samples if model.config is not None else SampleSettings()


def slot_of(model: ModelDir, name: str) -> tuple[str, str, str | None] | None:
    """(slot, kind, engine) of a top-level folder or archive name, in the spellings of
    the model's layout profile."""
    base = name[: -len(ARCHIVE_SUFFIX)] if name.endswith(ARCHIVE_SUFFIX) else name
    for slot, spellings in folder_spellings(profile_for(model)).items():
        if slot in SLOT_KINDS and base in spellings:
            return slot, SLOT_KINDS[slot], None
    for engine, entry in engine_output_slots(model):
        if entry.relpath == name:
            return f"sample_outputs_{engine}", "outputs", engine
    return None


def samples(model: ModelDir) -> Artifact[SampleIndex]:
    """Requirement: every sample folder and archive of the model directory."""
    return model.load(load_sample_index, ".")


def load_sample_index(model: ModelDir, relpath: str) -> Artifact[SampleIndex]:
    found: list[tuple[str, bool, bool]] = []  # (relpath, archived, primary)
    for slot in SLOT_KINDS:
        for position, entry in enumerate(find_folder_slot(model, slot)):
            found.append((entry.relpath, entry.archived, position == 0))
    engines = sorted(
        engine_output_slots(model),
        key=lambda item: (item[0], item[1].archived, "-" in item[1].relpath),
    )
    seen_engines: set[str] = set()
    for engine, entry in engines:
        found.append((entry.relpath, entry.archived, engine not in seen_engines))
        seen_engines.add(engine)
    if not found:
        return Absent("sample_inputs")
    folders = []
    unreadable: set[str] = set()
    for folder_path, _, primary in found:
        state = model.load(load_sample_folder, folder_path)
        if isinstance(state, Parsed):
            folder = state.value
            if folder.primary != primary:
                folder = _with_primary(folder, primary)
            folders.append(folder)
        elif not isinstance(state, Absent):
            located = slot_of(model, folder_path)
            if located is not None:
                unreadable.add(located[1])
    return Parsed(relpath, SampleIndex(tuple(folders), frozenset(unreadable)))


def _with_primary(folder: SampleFolder, primary: bool) -> SampleFolder:
    return replace(folder, primary=primary)


def load_sample_folder(model: ModelDir, relpath: str) -> Artifact[SampleFolder]:
    """A sample folder or `.tar.gz` archive, its files named and their headers read.

    Broken only at the I/O level (reported by the FILE rules); format problems are
    recorded in the folder for the SMP rules to report.
    """
    slot = slot_of(model, relpath)
    if slot is None:
        return Absent(relpath)
    entry = model.entry(relpath)
    if entry is None:
        return Absent(relpath)
    slot_name, kind, engine = slot
    if relpath.endswith(ARCHIVE_SUFFIX) and not entry.is_dir:
        return _load_archive(model, relpath, slot_name, kind, engine)
    listed = _folder_listing(model, relpath, entry.kind)
    if listed is None:
        return Broken(relpath, "is not a folder", BrokenKind.NOT_A_FILE)
    files: list[SampleFile] = []
    unexpected: list[tuple[str, str]] = []
    for child in model.entries_under(listed):
        if child.is_dir:
            unexpected.append((child.relpath, "is a folder inside a sample folder (samples are flat)"))
            continue
        if child.kind == "other":
            continue  # a device or FIFO: FILE004 reports it
        name = parse_name(child.name, kind)
        state: NpzState | None = None
        if name.is_npz and name.number is not None:
            state = model.load(load_npz, child.relpath)
        files.append(SampleFile(child.name, child.relpath, None, name.number, name.problem, state))
    return Parsed(
        relpath,
        SampleFolder(relpath, slot_name, kind, engine, False, True, tuple(files), tuple(unexpected)),
    )


def _folder_listing(model: ModelDir, relpath: str, kind: str) -> str | None:
    """Where the folder's entries are listed: itself, or for a symlink to a folder
    inside the directory, its target (links out are FILE002's, and never followed)."""
    if kind == "dir":
        return relpath
    if kind != "symlink":
        return None
    target = resolve_inside(model.root, relpath)
    if not isinstance(target, Path) or not target.is_dir():
        return None
    inside = target.relative_to(Path(os.path.realpath(model.root))).as_posix()
    entry = model.entry(inside)
    return inside if entry is not None and entry.is_dir else None


def load_npz(model: ModelDir, relpath: str) -> NpzState:
    """The keys and headers of one `.npz` file."""
    opened = open_stream(model.root, relpath)
    if not isinstance(opened, tuple):
        return opened
    stream, size = opened
    settings = settings_of(model)
    with stream:
        try:
            pointer = _lfs_pointer(stream, size, relpath)
            if pointer is not None:
                return pointer
            info = read_npz_info(
                stream, size, max_arrays=settings.max_arrays, max_header=settings.max_header_bytes
            )
        except NpzError as exc:
            return Broken(relpath, str(exc))
        except OSError as exc:
            return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    return Parsed(relpath, info)


def _lfs_pointer(stream: BinaryIO, size: int, relpath: str) -> LfsPointer | None:
    if size > LFS_POINTER_MAX_BYTES:
        return None  # without reading: most sample files are not small
    head = stream.read(LFS_POINTER_MAX_BYTES)
    stream.seek(0)
    return parse_lfs_pointer(relpath, head, size)


def archive_limits(settings: SampleSettings) -> tar.ArchiveLimits:
    return tar.ArchiveLimits(
        max_members=settings.max_archive_members,
        max_bytes=settings.max_archive_bytes,
        max_member_bytes=settings.max_member_bytes,
        max_ratio=settings.max_compression_ratio,
        min_bomb_bytes=settings.min_bomb_bytes,
    )


def _load_archive(
    model: ModelDir, relpath: str, slot: str, kind: str, engine: str | None
) -> Artifact[SampleFolder]:
    opened = open_stream(model.root, relpath)
    if not isinstance(opened, tuple):
        return opened
    stream, size = opened
    settings = settings_of(model)
    files: list[SampleFile] = []

    def on_file(member: str, data: bytes | None) -> None:
        base = tar.member_basename(member)
        name = parse_name(base, kind)
        state: NpzState | None = None
        if data is not None and name.is_npz and name.number is not None:
            try:
                state = Parsed(
                    relpath,
                    read_npz_info_bytes(
                        data,
                        max_arrays=settings.max_arrays,
                        max_header=settings.max_header_bytes,
                    ),
                )
            except NpzError as exc:
                state = Broken(relpath, str(exc))
        files.append(SampleFile(base, relpath, member, name.number, name.problem, state))

    with stream:
        try:
            pointer = _lfs_pointer(stream, size, relpath)
            if pointer is not None:
                return pointer
            scan = tar.scan_archive(stream, archive_limits(settings), on_file)
        except OSError as exc:
            return Broken(relpath, f"cannot be read: {exc.strerror or exc}", BrokenKind.IO)
    return Parsed(
        relpath,
        SampleFolder(
            relpath,
            slot,
            kind,
            engine,
            True,
            True,
            tuple(files),
            unsafe=tuple(scan.unsafe),
            oversized=tuple(scan.oversized),
            limit=scan.limit,
            error=scan.error,
        ),
    )
