"""Whether a stub points into the zoo tree being linted, and whether it resolves there.

A zoo that stores models at their stub paths (the linted model itself sits at one) is
expected to hold every stub whose DOMAIN/SUB_DOMAIN folder it has: `zoo:cv/
classification/...` in a zoo with `cv/classification/` must name an existing folder.
Stubs of other domains and tasks point elsewhere (the public SparseZoo) and are not
followed; `[tool.zoolint.stubs] external-stubs` declares more such stubs by glob.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from zoolint.io.files import resolve_inside
from zoolint.model import ModelDir
from zoolint.rules.base import Zoo
from zoolint.stubs.parse import Stub


@dataclass(frozen=True)
class Resolution:
    """`inside`: the stub points into the zoo; `exists`: its folder is there;
    `nearest`: the deepest existing folder on its path (when it does not exist)."""

    inside: bool
    exists: bool
    nearest: str = ""


def zoo_dir_exists(zoo_root: Path, relpath: str) -> bool:
    """A folder at `relpath` below the zoo root (links followed only inside it)."""
    resolved = resolve_inside(zoo_root, relpath)
    return isinstance(resolved, Path) and resolved.is_dir()


def resolve_stub(
    model: ModelDir, zoo: Zoo, stub: Stub, external: list[str] | tuple[str, ...] = ()
) -> Resolution:
    if model.path_stub is None:  # this zoo does not store models by stub
        return Resolution(inside=False, exists=False)
    if any(fnmatch.fnmatchcase(stub.path, pattern) for pattern in external):
        return Resolution(inside=False, exists=False)
    root = model.zoo_root
    if not zoo_dir_exists(root, f"{stub.domain}/{stub.sub_domain}"):
        return Resolution(inside=False, exists=False)
    if zoo.by_relpath(stub.path) is not None or zoo_dir_exists(root, stub.path):
        return Resolution(inside=True, exists=True)
    parts = stub.path.split("/")
    nearest = ""
    for depth in range(len(parts) - 1, 1, -1):
        candidate = "/".join(parts[:depth])
        if zoo_dir_exists(root, candidate):
            nearest = candidate
            break
    return Resolution(inside=True, exists=False, nearest=nearest or "/".join(parts[:2]))
