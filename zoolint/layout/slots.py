"""Where a model directory keeps each kind of artifact, across the three layout
generations: the lookup other rule families use to find their files.

A slot (for example `sample_inputs`) has several spellings (`sample_inputs`,
`sample-inputs`), and a folder slot may instead be a `.tar.gz` of the same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zoolint.model import Entry, ModelDir

# slot -> spellings, documented generation first.
FOLDER_SLOTS: dict[str, tuple[str, ...]] = {
    "sample_originals": ("sample_originals", "sample-originals"),
    "sample_inputs": ("sample_inputs", "sample-inputs"),
    "sample_outputs": ("sample_outputs", "sample-outputs"),
    "sample_labels": ("sample_labels", "sample-labels"),
    "training": ("training",),
    "deployment": ("deployment",),
    "onnx_variants": ("onnx",),
    "logs": ("logs",),
    "recipes": ("recipes", "recipe"),
}

# Per-engine sample outputs: sample_outputs_<engine> or sample-outputs_<engine>.
ENGINE_OUTPUTS = re.compile(r"^sample[_-]outputs_(?P<engine>[A-Za-z0-9_.-]+)$")
KNOWN_ENGINES = ("onnxruntime", "deepsparse")

ARCHIVE_SUFFIX = ".tar.gz"


@dataclass(frozen=True)
class SlotEntry:
    """A slot as found: the entry, and whether it is a `.tar.gz` archive of the folder."""

    entry: Entry
    archived: bool

    @property
    def relpath(self) -> str:
        return self.entry.relpath


def find_folder_slot(model: ModelDir, slot: str) -> list[SlotEntry]:
    """Every top-level entry that fills `slot` (several means an ambiguous directory)."""
    found: list[SlotEntry] = []
    for spelling in FOLDER_SLOTS[slot]:
        folder = model.entry(spelling)
        if folder is not None:
            found.append(SlotEntry(folder, archived=False))
        archive = model.entry(spelling + ARCHIVE_SUFFIX)
        if archive is not None:
            found.append(SlotEntry(archive, archived=True))
    return found


def engine_output_slots(model: ModelDir) -> list[tuple[str, SlotEntry]]:
    """Per-engine output folders (or archives) at the top level: (engine, entry)."""
    found = []
    for entry in model.top_level():
        name = entry.name
        archived = name.endswith(ARCHIVE_SUFFIX)
        if archived:
            name = name[: -len(ARCHIVE_SUFFIX)]
        match = ENGINE_OUTPUTS.match(name)
        if match:
            found.append((match.group("engine"), SlotEntry(entry, archived)))
    return found
