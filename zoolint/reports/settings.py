"""Configuration of the reports rules: the `[tool.zoolint.reports]` table, with one
sub-table per kind of report:

    [tool.zoolint.reports.metrics]
    extra-schemas = ["schemas/our-metrics.json"]
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from zoolint.config.section import ConfigSection
from zoolint.extra_schemas import schema_file_errors


class ReportKindSettings(ConfigSection):
    """Settings of one kind of report (metrics or benchmarks)."""

    extra_schemas: list[str] = Field(
        default_factory=list,
        description="JSON Schema files (JSON or YAML; relative to the configuration file)"
        " that every such report must also satisfy: a zoo's own requirements.",
    )


class ReportSettings(ConfigSection):
    """Settings shared by the reports rules."""

    metrics: ReportKindSettings = Field(default_factory=ReportKindSettings)
    benchmarks: ReportKindSettings = Field(default_factory=ReportKindSettings)

    def file_errors(self, base_dir: Path) -> list[str]:
        errors = []
        for kind in ("metrics", "benchmarks"):
            names = getattr(self, kind).extra_schemas
            errors.extend(schema_file_errors(base_dir, names, f"reports.{kind}.extra-schemas"))
        return errors
