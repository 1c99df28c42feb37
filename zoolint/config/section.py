"""Base class of every configuration table: kebab-case keys, unknown keys rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


def kebab(name: str) -> str:
    return name.replace("_", "-")


class ConfigSection(BaseModel):
    """A table of zoolint configuration. Keys are written kebab-case in TOML
    (`max-text-bytes`); snake_case is accepted too, for the Python API."""

    model_config = ConfigDict(
        extra="forbid",
        alias_generator=kebab,
        populate_by_name=True,
        frozen=True,
    )
