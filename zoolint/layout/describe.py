"""Words for layout findings: how to name entries, what a slot expects, what to rename.

Kept apart from the rules so every message spells things the same way.
"""

from __future__ import annotations

from zoolint.layout.detect import Item, LayoutView, Match
from zoolint.layout.profile import ARCHIVE_SUFFIX, EntrySpec, GenerationSpec, LayoutProfile, SlotSpec


def quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def generations_phrase(names: list[str]) -> str:
    """'hub', 'hub and legacy', 'documented, hub and legacy'."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def in_profile_order(profile: LayoutProfile, names: frozenset[str]) -> list[str]:
    return [generation.name for generation in profile.generations if generation.name in names]


def expected_entries(slot: SlotSpec) -> str:
    """What fills a slot: `'model.onnx' (or 'model.onnx.tar.gz')`, `'training/' or ...`."""
    parts = []
    for spec in slot.entries:
        text = f"'{spec.label}'"
        if spec.allows_archive and spec.name is not None and not spec.per_engine:
            text += f" (or '{spec.name}{ARCHIVE_SUFFIX}')"
        parts.append(text)
    return " or ".join(parts)


def concrete_names(profile: LayoutProfile, generation: GenerationSpec) -> list[tuple[str, str]]:
    """Every exact name a generation knows, with its kind ("file" or "folder");
    archives and per-engine names spelled out."""
    names: list[tuple[str, str]] = []
    for slot in generation.slots:
        for spec in slot.entries:
            if spec.name is None:
                continue
            bases = (
                [f"{spec.name}_{engine}" for engine in profile.engines]
                if spec.per_engine
                else [spec.name]
            )
            for base in bases:
                names.append((base, spec.kind))
                if spec.allows_archive:
                    names.append((base + ARCHIVE_SUFFIX, "file"))
    return names


def known_names(view: LayoutView, kind: str | None = None) -> list[str]:
    """Concrete names of entries of `kind` (any when None), the directory's own
    generation first, without repeats: what a misspelt name may have meant."""
    ordered = [view.generation] + [g for g in view.profile.generations if g is not view.generation]
    names: list[str] = []
    for generation in ordered:
        for name, name_kind in concrete_names(view.profile, generation):
            if name not in names and kind in (None, name_kind):
                names.append(name)
    return names


def expected_kind(match: Match) -> str:
    return "file" if match.archived else match.spec.kind


def instantiate(pattern: str, name: str) -> str | None:
    """Fill a one-star pattern with a name: ('recipe_*.md', 'original.md') ->
    'recipe_original.md'."""
    if pattern.count("*") != 1 or "?" in pattern or "[" in pattern:
        return None
    prefix, suffix = pattern.split("*")
    if not name.endswith(suffix):
        return None
    core = name[: -len(suffix)] if suffix else name
    if core.startswith(prefix):
        core = core[len(prefix) :]
    return prefix + core + suffix if core else None


def rename_hint(item: Item, match: Match, generation: GenerationSpec) -> str | None:
    """How to spell `item` (filled as `match` in another generation) the way
    `generation` does."""
    slot = generation.slot(match.slot)
    if slot is None:
        return None
    same_kind = [spec for spec in slot.entries if spec.kind == match.spec.kind]
    pool = (
        [spec for spec in same_kind if spec.per_engine == match.spec.per_engine]
        or same_kind
        or slot.entries
    )
    target: EntrySpec = pool[0]
    suffix = ARCHIVE_SUFFIX if match.archived and target.allows_archive else ""
    if target.kind == "folder" and match.spec.kind == "file":
        return f"move it into '{target.label}'"
    if target.kind == "file" and match.spec.kind == "folder":
        labels = " or ".join(f"'{spec.label}'" for spec in pool)
        return f"move its files to the top level, named {labels}"
    if target.name is not None:
        base = f"{target.name}_{match.engine}" if target.per_engine and match.engine else target.name
        return f"rename it to '{base}{suffix}'"
    guess = instantiate(str(target.pattern), item.name)
    if guess is not None:
        return f"rename it to '{guess}'"
    return f"rename it to match '{target.pattern}'"


def child_rename_hint(item: Item, spec: EntrySpec) -> str | None:
    for pattern in spec.contents or ():
        guess = instantiate(pattern, item.name)
        if guess is not None and spec.child_allowed(guess):
            return f"rename it to '{guess}'"
    return None
