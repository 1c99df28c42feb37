"""The JSON report's shape as a pydantic model, from which its JSON Schema is generated.

`schemas/report.schema.json` is `report_schema()` written out by the one schema
generator, `python -m zoolint.schemas`; its test fails when the committed file is stale,
and tests/test_json_report.py validates real `--format json` output against it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from zoolint.reporters.json_report import REPORT_VERSION

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ToolInfo(_Strict):
    name: Literal["zoolint"]
    version: str = Field(description="zoolint's version.")


class ModelEntry(_Strict):
    """A directory (or loose file) that was linted."""

    path: str = Field(
        description="The model directory, relative to the working directory, POSIX separators."
    )
    stub: str | None = Field(
        description="The stub spelled by the directory's path below the zoo root, if any."
    )
    layout: str | None = Field(
        description="The layout generation detected (null: not determined, or a loose file)."
    )
    loose_file: str | None = Field(
        description="Set when a single file outside any model directory was linted: its name."
    )


class DiagnosticEntry(_Strict):
    """One problem. Test fixtures write their expectations in this same form."""

    code: str = Field(pattern=r"^[A-Z]{2,8}[0-9]{3}$", description="Stable rule code.")
    name: str = Field(description="The rule's kebab-case name.")
    severity: Literal["error", "warning", "info"]
    message: str = Field(description="What is wrong, naming the offending value.")
    model: str = Field(description="The model directory, relative to the working directory.")
    path: str = Field(
        description="The file (or directory) concerned, relative to the working directory."
    )
    line: int | None = Field(ge=1, description="1-based line, for text files.")
    column: int | None = Field(ge=1, description="1-based column, for text files.")
    key_path: str | None = Field(
        description="Where in a structured document, e.g. `modifiers[0].end_epoch`."
    )
    hint: str | None = Field(description="How to fix it, when zoolint knows.")


class Summary(_Strict):
    models: int = Field(ge=0, description="Directories and loose files linted.")
    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    infos: int = Field(ge=0)
    internal_errors: int = Field(
        ge=0, description="Rules that crashed (zoolint bugs); the command line exits 2."
    )


class JsonReport(_Strict):
    """zoolint's JSON report (`zoolint --format json`)."""

    version: Literal[1] = Field(description="Version of this shape; changes only with it.")
    tool: ToolInfo
    models: list[ModelEntry]
    diagnostics: list[DiagnosticEntry]
    summary: Summary


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON report."""
    assert REPORT_VERSION == 1, "update JsonReport.version with REPORT_VERSION"
    schema = JsonReport.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
