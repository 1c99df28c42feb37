"""Configuration of the card rules: the `[tool.zoolint.card]` table."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from zoolint.config.section import ConfigSection
from zoolint.extra_schemas import schema_file_errors


class CardSettings(ConfigSection):
    """Settings shared by the card rules."""

    extra_schemas: list[str] = Field(
        default_factory=list,
        description="JSON Schema files (JSON or YAML; relative to the configuration file)"
        " that every card's frontmatter must also satisfy: a zoo's own requirements.",
    )
    extra_fields: list[str] = Field(
        default_factory=list,
        description="Frontmatter fields the zoo uses beyond the standard ones; they are"
        " not reported as unknown.",
    )

    max_body_bytes: int = Field(
        256 * 1024,
        gt=0,
        description="Largest card body parsed as markdown. Real cards are a few KB, and the"
        " markdown parser is slow on hostile input, so this bounds the time a card costs.",
    )

    def file_errors(self, base_dir: Path) -> list[str]:
        return schema_file_errors(base_dir, self.extra_schemas, "card.extra-schemas")
