"""Base class of every configuration table: kebab-case keys, unknown keys rejected."""

from __future__ import annotations

from pathlib import Path

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

    def file_errors(self, base_dir: Path) -> list[str]:
        """Problems with files this table names (extra schemas, ...), which are relative
        to `base_dir`, the configuration file's directory. Sections that name files
        override this; the default looks into nested tables."""
        errors: list[str] = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, ConfigSection):
                errors.extend(value.file_errors(base_dir))
        return errors
