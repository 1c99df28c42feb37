"""One model directory, read lazily: the only place rules get file contents from.

`ModelDir` lists the directory once and caches every artifact a loader produces, keyed
by (loader, relative path), so each file is read and parsed at most once per run, and
only when an enabled rule asks for it. Loaders are plain functions
`(ModelDir, relpath) -> Artifact`; each family of rules defines its own next to its
rules (for example `zoolint.card.load_card`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from zoolint.io.artifact import Absent, Artifact, Broken, LfsPointer, Parsed
from zoolint.io.files import DEFAULT_TEXT_LIMIT, read_text

if TYPE_CHECKING:
    from zoolint.config.model import Config

T = TypeVar("T")
Loader = Callable[["ModelDir", str], Artifact[T]]


@dataclass(frozen=True)
class Entry:
    """One file-system entry below a model directory, seen without following links.

    `kind` is "file", "dir", "symlink" or "other" (device, FIFO, socket). `relpath`
    uses POSIX separators and is relative to the model directory.
    """

    relpath: str
    kind: str
    size: int

    @property
    def name(self) -> str:
        return self.relpath.rsplit("/", 1)[-1]

    @property
    def is_file(self) -> bool:
        return self.kind == "file"

    @property
    def is_dir(self) -> bool:
        return self.kind == "dir"


def _entry_kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


# Never descend into these while walking: they are not part of a model.
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__"})


class ModelDir:
    """A model directory (or, for loose files, the folder around one linted file)."""

    def __init__(
        self,
        root: Path,
        zoo_root: Path,
        config: Config | None = None,
        only_file: str | None = None,
    ) -> None:
        self.root = root
        self.zoo_root = zoo_root
        self.config = config
        # Set when a single file outside any model directory is linted by its type.
        self.only_file = only_file
        # Keyed by (loader function, relpath); `text` keys with the string "text".
        self._cache: dict[tuple[object, str], Any] = {}
        self._entries: list[Entry] | None = None
        self._by_relpath: dict[str, Entry] = {}
        self._walk_errors: list[tuple[str, str]] = []

    def __repr__(self) -> str:
        return f"ModelDir({str(self.root)!r})"

    @property
    def is_loose_file(self) -> bool:
        return self.only_file is not None

    @cached_property
    def relpath(self) -> str:
        """The directory's path below the zoo root, POSIX-style ("." for the root)."""
        try:
            rel = self.root.relative_to(self.zoo_root)
        except ValueError:
            return self.root.name
        return rel.as_posix() or "."

    @property
    def path_stub(self) -> str | None:
        """The stub spelled by the directory's path below the zoo root, if it has the
        stub's seven segments (DOMAIN/SUB_DOMAIN/ARCH/FRAMEWORK/REPO/DATASET/SPARSE)."""
        if self.is_loose_file:
            return None
        parts = self.relpath.split("/")
        if len(parts) != 7 or any(not part for part in parts):
            return None
        return "zoo:" + "/".join(parts)

    # --- listing -------------------------------------------------------------

    def top_level(self) -> list[Entry]:
        """Entries directly inside the directory, sorted by name."""
        return [entry for entry in self.walk() if "/" not in entry.relpath]

    def walk(self) -> list[Entry]:
        """Every entry below the directory, depth first, sorted, links not followed."""
        if self._entries is None:
            self._entries = list(self._scan(self.root, ""))
            self._by_relpath = {entry.relpath: entry for entry in self._entries}
        return self._entries

    def walk_errors(self) -> list[tuple[str, str]]:
        """Folders that could not be listed: (relpath, reason)."""
        self.walk()
        return self._walk_errors

    def entry(self, relpath: str) -> Entry | None:
        self.walk()
        return self._by_relpath.get(relpath)

    def entries_under(self, folder: str) -> list[Entry]:
        """Entries directly inside `folder` (a relpath), sorted by name."""
        prefix = folder.rstrip("/") + "/"
        return [
            entry
            for entry in self.walk()
            if entry.relpath.startswith(prefix) and "/" not in entry.relpath[len(prefix) :]
        ]

    def _scan(self, folder: Path, prefix: str) -> Iterator[Entry]:
        """Depth first (a folder's entries right after it), sorted, links not followed.
        Iterative, so an upload nested a thousand folders deep cannot overflow the stack."""
        stack: list[tuple[Iterator[os.DirEntry[str]], str]] = []
        listing = self._list(folder, prefix)
        if listing is not None:
            stack.append((listing, prefix))
        while stack:
            children, current_prefix = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                continue
            if not current_prefix and child.name in _SKIP_DIRS:
                continue
            relpath = current_prefix + child.name
            try:
                st = child.stat(follow_symlinks=False)
            except OSError as exc:
                self._walk_errors.append((relpath, exc.strerror or str(exc)))
                continue
            kind = _entry_kind(st.st_mode)
            yield Entry(relpath, kind, st.st_size if kind == "file" else 0)
            if kind == "dir":
                listing = self._list(Path(child.path), relpath + "/")
                if listing is not None:
                    stack.append((listing, relpath + "/"))

    def _list(self, folder: Path, prefix: str) -> Iterator[os.DirEntry[str]] | None:
        try:
            with os.scandir(folder) as iterator:
                return iter(sorted(iterator, key=lambda item: item.name))
        except OSError as exc:
            self._walk_errors.append((prefix.rstrip("/") or ".", exc.strerror or str(exc)))
            return None

    # --- artifacts -----------------------------------------------------------

    def load(self, loader: Loader[T], relpath: str) -> Artifact[T]:
        """Run `loader` on `relpath` once per directory and cache what it returns."""
        key = (loader, relpath)
        if key not in self._cache:
            self._cache[key] = loader(self, relpath)
        return self._cache[key]  # type: ignore[no-any-return]

    def release(self) -> None:
        """Forget the parsed artifacts once the directory is linted, so a zoo of large
        models (graphs, weights' measurements) is not held in memory all at once. The
        listing and the texts (small, and read again by the suppression pass) stay;
        anything else asked for again is read again."""
        self._cache = {key: value for key, value in self._cache.items() if key[0] == "text"}

    def text(
        self, relpath: str, limit: int | None = None
    ) -> Parsed[str] | Absent | Broken | LfsPointer:
        """The decoded text of a file; also remembered for suppression comments.

        `limit` overrides `limits.max-text-bytes` for formats that are legitimately
        larger and cheap to parse (JSON tokenizers)."""
        key = ("text", relpath)
        if key not in self._cache:
            if limit is None:
                limit = self.config.limits.max_text_bytes if self.config else DEFAULT_TEXT_LIMIT
            self._cache[key] = read_text(self.root, relpath, limit)
        return self._cache[key]  # type: ignore[no-any-return]
