"""FILE rules: problems of files as files, whatever their format.

These look at every entry below a model directory without parsing anything, so an LFS
pointer or an escaping symlink is reported once here, by name, and the format rules
(which see such artifacts as not parsed) stay quiet about it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Broken, BrokenKind, LfsPointer, Parsed
from zoolint.io.files import (
    LFS_POINTER_MAX_BYTES,
    LFS_SIGNATURE,
    parse_lfs_pointer,
    read_head,
    resolve_inside,
)
from zoolint.model import Entry, ModelDir
from zoolint.rules.base import RuleContext, rule


def _lfs_pointer(model: ModelDir, relpath: str) -> Parsed[LfsPointer | None] | Broken:
    """Loader: the LFS pointer a small file is, or None."""
    head = read_head(model.root, relpath, LFS_POINTER_MAX_BYTES)
    if not isinstance(head, Parsed):
        return head if isinstance(head, Broken) else Parsed(relpath, None)
    entry = model.entry(relpath)
    size = entry.size if entry is not None else len(head.value)
    return Parsed(relpath, parse_lfs_pointer(relpath, head.value, size))


def _scope(model: ModelDir) -> list[Entry]:
    """The entries a FILE rule looks at: the whole directory, or the one loose file."""
    if model.only_file is not None:
        entry = model.entry(model.only_file)
        return [entry] if entry is not None else []
    return model.walk()


@rule(
    code="FILE001",
    name="lfs-pointer",
    summary="A file is a Git LFS pointer, not the content it stands for.",
    severity=Severity.ERROR,
    loose_files=True,
)
def lfs_pointer(ctx: RuleContext) -> Iterator[Finding]:
    """The file holds a Git LFS pointer (`version https://git-lfs.github.com/spec/v1`)
    instead of its content.

    Why: this is the most common broken upload. The repository was cloned or pushed
    without `git lfs`, so `model.onnx` (or a sample, or a checkpoint) is a 130-byte
    text file. Every tool that loads it fails with an unhelpful parse error.

    Fix: `git lfs pull` in the source repository, or upload with LFS installed.
    """
    for entry in _scope(ctx.model):
        if not entry.is_file or entry.size > LFS_POINTER_MAX_BYTES or entry.size < len(LFS_SIGNATURE):
            continue
        state = ctx.model.load(_lfs_pointer, entry.relpath)
        if isinstance(state, Parsed) and state.value is not None:
            pointer = state.value
            size = f", {pointer.size} bytes" if pointer.size is not None else ""
            yield Finding(
                f"is a Git LFS pointer (oid {pointer.oid or 'unknown'}{size}), not the file"
                " itself: its content was never uploaded",
                path=entry.relpath,
                hint="run `git lfs pull` (or push with git-lfs installed) and upload again",
            )


@rule(
    code="FILE002",
    name="symlink-escape",
    summary="A symlink leads outside the model directory.",
    severity=Severity.ERROR,
    loose_files=True,
)
def symlink_escape(ctx: RuleContext) -> Iterator[Finding]:
    """A symbolic link inside the model directory points outside it.

    Why: an upload must be self-contained, and a link out of the directory can expose
    files of the machine that checks or serves it (`/etc/passwd`, credentials). zoolint
    never follows such a link; neither should anything downstream.
    """
    for entry in _scope(ctx.model):
        if entry.kind != "symlink":
            continue
        state = resolve_inside(ctx.model.root, entry.relpath)
        if isinstance(state, Broken) and state.kind == BrokenKind.ESCAPE:
            target = os.readlink(ctx.model.root / entry.relpath)
            yield Finding(
                f"is a symlink to {target!r}, outside the model directory; it was not followed",
                path=entry.relpath,
            )


@rule(
    code="FILE003",
    name="broken-symlink",
    summary="A symlink is dangling or part of a loop.",
    severity=Severity.ERROR,
    loose_files=True,
)
def broken_symlink(ctx: RuleContext) -> Iterator[Finding]:
    """A symbolic link points to nothing, or to itself through a loop.

    Why: whatever the link stands for is missing from the upload.
    """
    for entry in _scope(ctx.model):
        if entry.kind != "symlink":
            continue
        state = resolve_inside(ctx.model.root, entry.relpath)
        if isinstance(state, Broken) and state.kind == BrokenKind.IO:
            yield Finding(state.reason, path=entry.relpath)
        elif not isinstance(state, (Path, Broken)):  # Absent: dangling
            yield Finding("is a symlink to a file that does not exist", path=entry.relpath)


@rule(
    code="FILE004",
    name="special-file",
    summary="A device, FIFO or socket sits in the model directory.",
    severity=Severity.ERROR,
    loose_files=True,
)
def special_file(ctx: RuleContext) -> Iterator[Finding]:
    """The directory holds something that is neither a file, a folder nor a link.

    Why: devices and FIFOs have no place in an upload, and reading one can block or
    read without end. zoolint never opens them.
    """
    for entry in _scope(ctx.model):
        if entry.kind == "other":
            yield Finding("is a device, FIFO or socket, not a regular file", path=entry.relpath)


@rule(
    code="FILE005",
    name="unreadable",
    summary="A file or folder cannot be read.",
    severity=Severity.ERROR,
    loose_files=True,
)
def unreadable(ctx: RuleContext) -> Iterator[Finding]:
    """A folder cannot be listed, or a file cannot be opened (permissions, I/O error).

    Why: whatever zoolint cannot read, it cannot vouch for.
    """
    for relpath, reason in ctx.model.walk_errors():
        yield Finding(f"cannot be read: {reason}", path="" if relpath == "." else relpath)
    for entry in _scope(ctx.model):
        if entry.is_file and not os.access(ctx.model.root / entry.relpath, os.R_OK):
            yield Finding("cannot be read: permission denied", path=entry.relpath)


RULES = [lfs_pointer, symlink_escape, broken_symlink, special_file, unreadable]
