"""From the paths a user names to the model directories (and loose files) to lint.

A model directory holds `model.md`, `model.onnx` or `model.onnx.tar.gz`. Its reserved
sub-folders (`training/`, `deployment/`, ...) belong to it even when they hold a
`model.onnx` of their own. A file maps to the model directory that holds it, which is
what pre-commit passes; a file outside any model directory is a loose file, linted by
its type alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zoolint.config.globs import any_matches

MODEL_MARKERS = ("model.md", "model.onnx", "model.onnx.tar.gz")

# Folders of a model that may hold a model.onnx of their own but are never models.
RESERVED_SUBFOLDERS = frozenset(
    {
        "training",
        "deployment",
        "onnx",
        "logs",
        "framework",
        "pytorch",
        "tensorflow",
        "keras",
        "recipes",
        "recipe",
    }
)
RESERVED_PREFIXES = ("checkpoint_", "checkpoint-", "sample_", "sample-")


class DiscoveryError(Exception):
    """A named path cannot be linted at all (missing, a symlink loop, unreadable)."""


@dataclass(frozen=True)
class Target:
    """A model directory, or a loose file (`only_file` set) outside any model."""

    root: Path
    only_file: str | None = None


def is_reserved_name(name: str) -> bool:
    return name in RESERVED_SUBFOLDERS or name.startswith(RESERVED_PREFIXES)


def looks_like_model(folder: Path) -> bool:
    return any(os.path.lexists(folder / marker) for marker in MODEL_MARKERS)


def _is_model_dir(folder: Path) -> bool:
    if not looks_like_model(folder):
        return False
    # deployment/model.onnx is part of its parent model, not a model of its own.
    return not (is_reserved_name(folder.name) and looks_like_model(folder.parent))


def _owning_model(start: Path, boundary: Path | None) -> Path | None:
    """The nearest model directory at or above `start`, not crossing `boundary`."""
    folder = start
    while True:
        if _is_model_dir(folder):
            return folder
        if boundary is not None and folder == boundary:
            return None
        if folder.parent == folder:
            return None
        folder = folder.parent


def is_excluded(path: Path, patterns: Iterable[str], base_dir: Path) -> bool:
    """True when `path`, or any folder above it below `base_dir`, matches a glob
    (`zoolint.config.globs`: the same syntax as `per-path-ignores`)."""
    patterns = list(patterns)
    if not patterns:
        return False
    try:
        rel = path.relative_to(base_dir).as_posix()
    except ValueError:
        rel = path.as_posix()
    return any_matches(rel, patterns)


def check_named_path(path: Path) -> None:
    """Raise `DiscoveryError` for a path that cannot be linted at all."""
    if not os.path.lexists(path):
        raise DiscoveryError(f"{path}: no such file or directory")
    try:
        os.stat(path)
    except OSError as exc:
        reason = "is a symlink loop" if exc.errno == 40 else (exc.strerror or str(exc))
        if not os.path.exists(path) and os.path.islink(path) and exc.errno != 40:
            reason = "is a symlink to a path that does not exist"
        raise DiscoveryError(f"{path}: {reason}") from None


def discover(
    path: Path,
    boundary: Path | None = None,
    exclude: Iterable[str] = (),
    exclude_base: Path | None = None,
) -> list[Target]:
    """The targets that `path` names. `boundary` stops the upward search for a file's
    model directory (the repository or zoo root)."""
    check_named_path(path)
    path = Path(os.path.abspath(path))
    exclude = list(exclude)
    base = exclude_base or boundary or path
    if path.is_file() or not path.is_dir():
        owner = _owning_model(path.parent, boundary)
        if owner is None:
            return [Target(path.parent, only_file=path.name)]
        return [] if is_excluded(owner, exclude, base) else [Target(owner)]
    owner = _owning_model(path, boundary) if is_reserved_name(path.name) else None
    if owner is not None:
        return [Target(owner)]
    return [Target(folder) for folder in _walk_models(path, exclude, base)]


def _walk_models(top: Path, exclude: list[str], base: Path) -> list[Path]:
    """Model directories below `top`, not descending into a model or a linked folder.

    Iterative (Python 3.11's os.walk recurses): a folder chain nested deeper than the
    interpreter's stack is walked, not a crash."""
    found: list[Path] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        if folder != top and is_excluded(folder, exclude, base):
            continue
        if _is_model_dir(folder):
            found.append(folder)
            continue  # everything below belongs to this model
        try:
            with os.scandir(folder) as iterator:
                children = [
                    Path(entry.path)
                    for entry in iterator
                    if entry.is_dir(follow_symlinks=False) and not entry.name.startswith(".git")
                ]
        except OSError:
            continue
        pending.extend(sorted(children, reverse=True))
    return sorted(found)
