"""Which layout generation a model directory follows, and how each entry fits it.

Every top-level entry is matched, by name, against every entry of every generation of
the profile. An entry that one generation spells one way and the directory's own
generation spells another way (`sample-inputs` where the documented layout says
`sample_inputs`) is a *conflict*. The generation a directory follows is the one under
which it has the fewest conflicts; ties go to the generation that explains the most
entries, then to the profile's order (so a minimal directory is "documented").

Entries a generation simply lacks (an `analysis.yaml` in a documented directory) are
neither evidence for nor against it: mixing is about one artifact spelled two ways.
Folders whose contents a generation declares (`recipes/recipe_*.md` versus the legacy
`recipes/*.md`) contribute their children the same way.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path

from zoolint.io.artifact import Parsed
from zoolint.io.files import resolve_inside
from zoolint.layout.profile import ARCHIVE_SUFFIX, EntrySpec, GenerationSpec, LayoutProfile
from zoolint.layout.profiles import default_profile
from zoolint.model import Entry, ModelDir


@dataclass(frozen=True)
class Match:
    """An entry of the directory filling an entry of a generation's slot."""

    generation: str
    slot: str
    spec: EntrySpec
    archived: bool
    engine: str | None


@dataclass(frozen=True)
class Item:
    """A name the directory holds, and where the profile places it.

    Top-level entries have `parent` None and `matches`. Children of folders whose
    contents a generation declares have `parent` set, `allowed_in` (generations whose
    declaration they fit) and `judged_in` (generations that have the folder at all).
    """

    relpath: str
    name: str
    kind: str | None  # "file", "folder", or None (broken link, device: FILE rules' job)
    matches: tuple[Match, ...] = ()
    parent: str | None = None
    allowed_in: frozenset[str] = frozenset()
    judged_in: frozenset[str] = frozenset()

    @property
    def generations(self) -> frozenset[str]:
        if self.parent is not None:
            return self.allowed_in
        return frozenset(match.generation for match in self.matches)

    @property
    def slots(self) -> frozenset[str]:
        return frozenset(match.slot for match in self.matches)

    def match_in(self, generation: str) -> Match | None:
        for match in self.matches:
            if match.generation == generation:
                return match
        return None


@dataclass
class LayoutView:
    """A model directory seen through its layout profile."""

    profile: LayoutProfile
    generation: GenerationSpec
    items: list[Item]
    children: list[Item]
    allow: tuple[str, ...] = ()
    conflicts: list[Item] = field(default_factory=list)

    def ignored(self, name: str) -> bool:
        patterns = (*self.profile.ignore, *self.allow)
        return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)

    def filled_slots(self) -> set[str]:
        """Slots some entry fills, in any generation's spelling or with the wrong kind."""
        return {match.slot for item in self.items for match in item.matches}


def profile_for(model: ModelDir) -> LayoutProfile:
    if model.config is None:
        return default_profile()
    return model.config.layout.layout_profile


def resolved_kind(model: ModelDir, entry: Entry) -> str | None:
    """"file" or "folder", following a symlink only while it stays inside the directory."""
    if entry.kind == "dir":
        return "folder"
    if entry.kind == "file":
        return "file"
    if entry.kind != "symlink":
        return None
    target = resolve_inside(model.root, entry.relpath)
    if not isinstance(target, Path):
        return None
    if os.path.isdir(target):
        return "folder"
    return "file" if os.path.isfile(target) else None


@dataclass(frozen=True)
class _Index:
    """A profile's entries, for matching thousands of names quickly: exact names
    (archives and per-engine names spelled out) in a dict, glob patterns in a list."""

    exact: dict[str, list[Match]]
    patterns: list[tuple[str, str, EntrySpec]]


# Profiles are few and long-lived (built-ins and parsed files are cached); keyed by id
# with the profile kept alive alongside, so an id is never reused while indexed.
_INDEXES: dict[int, tuple[LayoutProfile, _Index]] = {}


def _index(profile: LayoutProfile) -> _Index:
    cached = _INDEXES.get(id(profile))
    if cached is not None and cached[0] is profile:
        return cached[1]
    exact: dict[str, list[Match]] = {}
    patterns: list[tuple[str, str, EntrySpec]] = []
    for generation in profile.generations:
        for slot in generation.slots:
            for spec in slot.entries:
                if spec.pattern is not None:
                    patterns.append((generation.name, slot.slot, spec))
                    continue
                engines = profile.engines if spec.per_engine else [None]
                for engine in engines:
                    base = f"{spec.name}_{engine}" if engine else str(spec.name)
                    exact.setdefault(base, []).append(
                        Match(generation.name, slot.slot, spec, False, engine)
                    )
                    if spec.allows_archive:
                        exact.setdefault(base + ARCHIVE_SUFFIX, []).append(
                            Match(generation.name, slot.slot, spec, True, engine)
                        )
    index = _Index(exact, patterns)
    _INDEXES[id(profile)] = (profile, index)
    return index


def match_name(profile: LayoutProfile, name: str) -> tuple[Match, ...]:
    """Every (generation, slot) entry `name` fills, at most one per slot."""
    index = _index(profile)
    found = list(index.exact.get(name, ()))
    engines = tuple(profile.engines)
    for generation, slot, spec in index.patterns:
        hit = spec.matches(name, engines)
        if hit is not None:
            found.append(Match(generation, slot, spec, *hit))
    seen: set[tuple[str, str]] = set()
    unique = []
    for match in found:  # profile order: exact and pattern hits of one slot, first wins
        if (match.generation, match.slot) not in seen:
            seen.add((match.generation, match.slot))
            unique.append(match)
    return tuple(unique)


def _children(model: ModelDir, item: Item) -> list[Item]:
    """Children of a folder whose contents some generation declares."""
    specs = {
        match.generation: match.spec
        for match in item.matches
        if not match.archived and match.spec.kind == "folder"
    }
    if item.kind != "folder" or not any(spec.contents is not None for spec in specs.values()):
        return []
    judged = frozenset(specs)
    children = []
    for entry in model.entries_under(item.relpath):
        allowed = frozenset(g for g, spec in specs.items() if spec.child_allowed(entry.name))
        children.append(
            Item(
                entry.relpath,
                entry.name,
                resolved_kind(model, entry),
                parent=item.relpath,
                allowed_in=allowed,
                judged_in=judged,
            )
        )
    return children


def conflicts_under(profile: LayoutProfile, generation: GenerationSpec, items: list[Item]) -> list[Item]:
    """Items spelled the way another generation spells one of `generation`'s slots."""
    found = []
    for item in items:
        if item.parent is not None:
            if generation.name in item.judged_in and generation.name not in item.allowed_in:
                if item.allowed_in:
                    found.append(item)
            continue
        if not item.matches or item.match_in(generation.name) is not None:
            continue
        if any(generation.slot(slot) is not None for slot in item.slots):
            found.append(item)
    return found


def detect(model: ModelDir, profile: LayoutProfile, allow: tuple[str, ...] = ()) -> LayoutView:
    items = [
        Item(entry.relpath, entry.name, resolved_kind(model, entry), match_name(profile, entry.name))
        for entry in model.top_level()
    ]
    children = [child for item in items for child in _children(model, item)]
    everything = items + children
    best: tuple[int, int, int] | None = None
    chosen = profile.generations[0]
    for order, generation in enumerate(profile.generations):
        conflicts = len(conflicts_under(profile, generation, everything))
        explained = sum(1 for item in everything if generation.name in item.generations)
        key = (conflicts, -explained, order)
        if best is None or key < best:
            best, chosen = key, generation
    view = LayoutView(profile, chosen, items, children, allow)
    view.conflicts = conflicts_under(profile, chosen, everything)
    return view


def _load_view(model: ModelDir, relpath: str) -> Parsed[LayoutView]:
    allow = tuple(model.config.layout.allow) if model.config is not None else ()
    return Parsed(relpath, detect(model, profile_for(model), allow))


def layout(model: ModelDir) -> Parsed[LayoutView]:
    """Requirement: the directory seen through its layout profile (computed once)."""
    return model.load(_load_view, ".")  # type: ignore[return-value]


def generation_name(model: ModelDir) -> str | None:
    """The name of the layout generation the directory follows ("documented", "hub",
    "legacy" with the default profile); None for a loose file."""
    if model.is_loose_file:
        return None
    return layout(model).value.generation.name
