"""Where a model directory keeps each kind of artifact, across the layout generations:
the lookup other rule families use to find their files.

A slot (for example `sample_inputs`) has several spellings (`sample_inputs`,
`sample-inputs`), and a folder slot may instead be a `.tar.gz` of the same name. The
spellings come from the layout profile in force (`[tool.zoolint.layout] profile`), so a
zoo with its own conventions is read the way it is written. The module-level tables
describe the built-in default profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from zoolint.layout.detect import match_name, profile_for
from zoolint.layout.profile import ARCHIVE_SUFFIX, LayoutProfile
from zoolint.layout.profiles import default_profile
from zoolint.model import Entry, ModelDir

__all__ = [
    "ARCHIVE_SUFFIX",
    "FOLDER_SLOTS",
    "KNOWN_ENGINES",
    "SlotEntry",
    "engine_output_slots",
    "find_folder_slot",
    "find_slot",
    "folder_spellings",
]


def folder_spellings(profile: LayoutProfile) -> dict[str, tuple[str, ...]]:
    """slot -> exact folder names that fill it, first generation's spellings first."""
    table: dict[str, list[str]] = {}
    for generation in profile.generations:
        for slot in generation.slots:
            for spec in slot.entries:
                if spec.kind == "folder" and spec.name is not None and not spec.per_engine:
                    names = table.setdefault(slot.slot, [])
                    if spec.name not in names:
                        names.append(spec.name)
    return {slot: tuple(names) for slot, names in table.items()}


# slot -> spellings in the default profile, documented generation first.
FOLDER_SLOTS: dict[str, tuple[str, ...]] = folder_spellings(default_profile())
KNOWN_ENGINES: tuple[str, ...] = tuple(default_profile().engines)


@dataclass(frozen=True)
class SlotEntry:
    """A slot as found: the entry, and whether it is a `.tar.gz` archive of the folder."""

    entry: Entry
    archived: bool

    @property
    def relpath(self) -> str:
        return self.entry.relpath


def find_slot(model: ModelDir, slot: str) -> list[SlotEntry]:
    """Every top-level entry that fills `slot` in any generation of the model's profile
    (files and folders; per-engine entries included), sorted by name. Several entries
    can mean an ambiguous directory; the layout rules report that, not the caller."""
    profile = profile_for(model)
    found = []
    for entry in model.top_level():
        for match in match_name(profile, entry.name):
            if match.slot == slot:
                found.append(SlotEntry(entry, match.archived))
                break
    return found


def find_folder_slot(model: ModelDir, slot: str) -> list[SlotEntry]:
    """Every top-level entry that fills folder `slot` by one of its exact spellings, or
    their `.tar.gz` archives (several means an ambiguous directory)."""
    spellings = folder_spellings(profile_for(model)).get(slot, ())
    found: list[SlotEntry] = []
    for spelling in spellings:
        folder = model.entry(spelling)
        if folder is not None:
            found.append(SlotEntry(folder, archived=False))
        archive = model.entry(spelling + ARCHIVE_SUFFIX)
        if archive is not None:
            found.append(SlotEntry(archive, archived=True))
    return found


def engine_output_slots(model: ModelDir) -> list[tuple[str, SlotEntry]]:
    """Per-engine output folders (or archives) at the top level: (engine, entry).

    The engine may be unknown to the profile (the layout rules warn about that)."""
    profile = profile_for(model)
    prefixes = [
        spec
        for generation in profile.generations
        for slot in generation.slots
        for spec in slot.entries
        if spec.per_engine
    ]
    found = []
    for entry in model.top_level():
        for spec in prefixes:
            engine = spec.engine_suffix(entry.name)
            if engine is not None:
                found.append((engine, SlotEntry(entry, entry.name.endswith(ARCHIVE_SUFFIX))))
                break
    return found
