"""The configuration model: `[tool.zoolint]` in pyproject.toml, or a zoolint.toml.

Every table rejects unknown keys; keys are kebab-case. `schemas/config.schema.json` is
generated from this model (`python -m zoolint.schemas`), and a test fails when the
committed file is stale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from zoolint.card.settings import CardSettings
from zoolint.checkpoints.settings import CheckpointSettings
from zoolint.config.section import ConfigSection
from zoolint.diagnostics import Severity
from zoolint.graph.settings import GraphSettings
from zoolint.layout.settings import LayoutSettings
from zoolint.recipes.settings import RecipeSettings
from zoolint.reports.settings import ReportSettings
from zoolint.samples.settings import SampleSettings
from zoolint.stubs.settings import StubSettings


class Limits(ConfigSection):
    """Bounds on what zoolint reads, so hostile uploads cannot exhaust time or memory."""

    max_text_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Largest text file (card, YAML, JSON) read."
    )
    max_yaml_nodes: int = Field(
        200_000, gt=0, description="Most YAML nodes, aliases expanded, in one document."
    )
    max_yaml_depth: int = Field(200, gt=0, description="Deepest YAML nesting accepted.")


class Config(ConfigSection):
    """zoolint's configuration, after defaults, preset, file and command line merged."""

    select: list[str] | None = Field(
        None,
        description="Rules to enable, by code, code prefix or name; 'ALL' for every rule."
        " Unset: the rules enabled by default.",
    )
    extend_select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    extend_ignore: list[str] = Field(default_factory=list)
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Glob (relative to the configuration's directory) to codes ignored there.",
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        description="Severity overrides, by code, code prefix or name.",
    )
    preset: Literal["default", "strict"] = Field(
        "default",
        description="'strict' enables every rule and demands every slot of the layout.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Globs of paths never linted."
    )
    fail_on: Severity = Field(
        Severity.ERROR, description="Lowest severity that makes zoolint exit 1."
    )
    zoo_root: str | None = Field(
        None,
        description="The zoo's root, relative to the configuration file; model paths below"
        " it are read as stubs. Default: the configuration file's directory.",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Options of individual rules, by rule code or name.",
    )
    limits: Limits = Field(default_factory=Limits)
    layout: LayoutSettings = Field(default_factory=LayoutSettings)
    stubs: StubSettings = Field(default_factory=StubSettings)
    card: CardSettings = Field(default_factory=CardSettings)
    recipes: RecipeSettings = Field(default_factory=RecipeSettings)
    reports: ReportSettings = Field(default_factory=ReportSettings)
    graph: GraphSettings = Field(default_factory=GraphSettings)
    samples: SampleSettings = Field(default_factory=SampleSettings)
    checkpoints: CheckpointSettings = Field(default_factory=CheckpointSettings)


class LoadedConfig:
    """A `Config` with where it came from: globs and `zoo-root` are relative to `base_dir`."""

    def __init__(self, config: Config, base_dir: Path, source: Path | None = None) -> None:
        self.config = config
        self.base_dir = base_dir
        self.source = source

    def __repr__(self) -> str:
        return f"LoadedConfig(source={self.source!r}, base_dir={self.base_dir!r})"

    @property
    def zoo_root(self) -> Path:
        if self.config.zoo_root is None:
            return self.base_dir
        return (self.base_dir / self.config.zoo_root).resolve()
