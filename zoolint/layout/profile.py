"""A layout profile: what a model directory holds, generation by generation, as data.

Profiles are YAML documents (the built-in ones live in `zoolint/layouts/*.yaml`)
validated by these models; `schemas/layout.schema.json` is generated from them by
`layout_profile_schema()`, so an editor can check a profile as it is written.

A profile lists generations (the same zoo has changed conventions over its life). A
generation lists slots: one kind of artifact each (the model card, the samples), with
a requirement level and the entries that may fill it. A slot keeps its id across
generations, which is how zoolint tells that `sample-inputs` is another generation's
spelling of `sample_inputs`.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal["required", "recommended", "optional"]
Kind = Literal["file", "folder"]

ARCHIVE_SUFFIX = ".tar.gz"
_IDENTIFIER = r"^[a-z][a-z0-9_]*$"
# An entry name is one path segment: no separators, no wildcards ("." and ".." are
# refused by the model's validator: the schema's regex dialect has no look-ahead).
_SEGMENT = r"^[^/\\*?\[\]]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EntrySpec(_Strict):
    """One way to fill a slot: a top-level entry of the model directory."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={"oneOf": [{"required": ["name"]}, {"required": ["pattern"]}]},
    )

    name: str | None = Field(
        None, pattern=_SEGMENT, description="Exact name of the entry (give name or pattern)."
    )
    pattern: str | None = Field(
        None,
        min_length=1,
        description="Glob (fnmatch, case-sensitive) the entry's name matches, e.g. 'checkpoint_*'.",
    )
    kind: Kind = Field(description="Whether the entry is a file or a folder.")
    archive: bool | None = Field(
        None,
        description="Whether '<name>.tar.gz' may stand in for the entry."
        " Default: true for folders, false for files.",
    )
    per_engine: bool = Field(
        False,
        description="The entry is named '<name>_<engine>', one per inference engine of the"
        " profile's 'engines' (per-engine sample outputs).",
    )
    contents: list[str] | None = Field(
        None,
        description="Globs the names of a folder's direct children match in this generation"
        " (e.g. 'recipe_*.md'); children that match none are reported. Unset: anything.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> EntrySpec:
        if (self.name is None) == (self.pattern is None):
            raise ValueError("give exactly one of 'name' and 'pattern'")
        if self.name in (".", ".."):
            raise ValueError(f"{self.name!r} is not an entry name")
        if self.per_engine and self.name is None:
            raise ValueError("'per_engine' needs 'name' (the part before '_<engine>')")
        if self.contents is not None and self.kind != "folder":
            raise ValueError("'contents' only applies to folders")
        return self

    @property
    def allows_archive(self) -> bool:
        return self.kind == "folder" if self.archive is None else self.archive

    @property
    def label(self) -> str:
        """How messages name the entry: `training/`, `model.md`, `sample_outputs_<engine>/`."""
        base = self.name if self.name is not None else str(self.pattern)
        if self.per_engine:
            base += "_<engine>"
        return base + ("/" if self.kind == "folder" else "")

    def matches(self, name: str, engines: tuple[str, ...]) -> tuple[bool, str | None] | None:
        """Whether `name` fills this entry: (archived, engine), or None.

        `archived` is True when `name` is the entry's `.tar.gz` stand-in."""
        stems = [(name, False)]
        if self.allows_archive and name.endswith(ARCHIVE_SUFFIX):
            stems.append((name[: -len(ARCHIVE_SUFFIX)], True))
        for stem, archived in stems:
            if self.per_engine:
                for engine in engines:
                    if stem == f"{self.name}_{engine}":
                        return archived, engine
            elif self.name is not None:
                if stem == self.name:
                    return archived, None
            elif fnmatch.fnmatchcase(stem, str(self.pattern)):
                return archived, None
        return None

    def engine_suffix(self, name: str) -> str | None:
        """For a per-engine entry, the engine part of `name` (known or not)."""
        if not self.per_engine:
            return None
        if name.endswith(ARCHIVE_SUFFIX) and self.allows_archive:
            name = name[: -len(ARCHIVE_SUFFIX)]
        prefix = f"{self.name}_"
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
        return None

    def child_allowed(self, child: str) -> bool:
        if self.contents is None:
            return True
        return any(fnmatch.fnmatchcase(child, pattern) for pattern in self.contents)


class SlotSpec(_Strict):
    """One kind of artifact in a generation, and how much it is needed."""

    slot: str = Field(
        pattern=_IDENTIFIER,
        description="Stable id of the slot, shared by every generation that has it"
        " (card, graph, training, sample_inputs, ...).",
    )
    description: str = Field(description="What the slot holds, as messages name it.")
    level: Level = Field("optional", description="Requirement level with default settings.")
    strict_level: Level = Field(
        "required", description="Requirement level under the strict preset."
    )
    entries: list[EntrySpec] = Field(
        min_length=1, description="Entries that fill the slot; any one of them does."
    )


class GenerationSpec(_Strict):
    """One layout generation: a complete set of conventions."""

    name: str = Field(pattern=_IDENTIFIER, description="Name reported for a directory.")
    description: str = ""
    slots: list[SlotSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_slots(self) -> GenerationSpec:
        seen: set[str] = set()
        for slot in self.slots:
            if slot.slot in seen:
                raise ValueError(f"slot {slot.slot!r} is listed twice")
            seen.add(slot.slot)
        return self

    def slot(self, slot_id: str) -> SlotSpec | None:
        for slot in self.slots:
            if slot.slot == slot_id:
                return slot
        return None


class LayoutProfile(_Strict):
    """A layout profile: the generations a zoo accepts, most preferred first."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://zoolint.dev/schemas/layout.schema.json",
        },
    )

    profile_version: Literal[1] = Field(description="Version of the profile format.")
    name: str = Field(min_length=1)
    description: str = ""
    engines: list[str] = Field(
        default_factory=list,
        description="Inference engines that per-engine entries may name.",
    )
    ignore: list[str] = Field(
        default_factory=list,
        description="Globs of top-level names that are never reported (e.g. '.*').",
    )
    generations: list[GenerationSpec] = Field(
        min_length=1,
        description="The generations a directory may follow; on a tie the first wins.",
    )

    @model_validator(mode="after")
    def _unique_generations(self) -> LayoutProfile:
        names = [generation.name for generation in self.generations]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"generation {name!r} is listed twice")
        for engine in self.engines:
            if not re.match(r"^[a-z0-9][a-z0-9_.]*$", engine):
                raise ValueError(f"engine {engine!r} must be lower-case [a-z0-9_.]")
        return self

    def generation(self, name: str) -> GenerationSpec | None:
        for generation in self.generations:
            if generation.name == name:
                return generation
        return None

    def restricted(self, names: list[str]) -> LayoutProfile:
        """The profile with only the named generations, in the profile's order."""
        kept = [generation for generation in self.generations if generation.name in names]
        return self.model_copy(update={"generations": kept})


def layout_profile_schema() -> dict[str, Any]:
    """The JSON Schema of a layout profile (committed as schemas/layout.schema.json)."""
    schema = LayoutProfile.model_json_schema()
    schema["title"] = "zoolint layout profile"
    return schema
