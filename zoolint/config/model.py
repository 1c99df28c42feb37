"""The configuration model: `[tool.zoolint]` in pyproject.toml, or a zoolint.toml.

Every table rejects unknown keys; keys are kebab-case. `schemas/config.schema.json` is
generated from this model (`python -m zoolint.schemas`), and a test fails when the
committed file is stale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

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


# Worker processes: a number, or "auto" (every CPU, for runs large enough to gain).
Jobs = Annotated[int, Field(ge=1)] | Literal["auto"]


class Limits(ConfigSection):
    """Bounds on what zoolint reads, so hostile uploads cannot exhaust time or memory."""

    max_text_bytes: int = Field(
        8 * 1024 * 1024, gt=0, description="Largest text file (card, YAML, JSON) read."
    )
    max_json_bytes: int = Field(
        64 * 1024 * 1024,
        gt=0,
        description="Largest JSON file (tokenizer.json, config.json) read; JSON parses fast,"
        " and real tokenizers reach tens of MB.",
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
    extend_select: list[str] = Field(
        default_factory=list,
        description="Rules to enable on top of `select` (or of the defaults), by code,"
        " code prefix or name. Lists from the file and the command line add up.",
    )
    ignore: list[str] = Field(
        default_factory=list,
        description="Rules to disable, by code, code prefix or name. The most specific"
        " selector wins; on a tie, ignore wins.",
    )
    extend_ignore: list[str] = Field(
        default_factory=list,
        description="Rules to disable on top of `ignore`. Lists from the file and the"
        " command line add up.",
    )
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Glob (relative to the configuration's directory) to the rules"
        " (codes, code prefixes or names) ignored in the files it matches.",
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        description="Severity overrides, by code, code prefix or name.",
    )
    preset: Literal["default", "strict"] = Field(
        "default",
        description="Preset applied below the file: 'strict' selects every rule and makes"
        " the layout rules require every slot of the profile.",
    )
    exclude: list[str] = Field(
        default_factory=list,
        description="Globs (relative to the configuration's directory) of paths never linted.",
    )
    fail_on: Severity = Field(
        Severity.ERROR, description="Lowest severity that makes zoolint exit 1."
    )
    zoo_root: str | None = Field(
        None,
        description="The zoo's root, relative to the configuration file; model paths below"
        " it are read as stubs. Default: the configuration file's directory.",
    )
    jobs: Jobs = Field(
        "auto",
        description="Processes that lint model directories in parallel: a number (1: one"
        " after another, in zoolint's own process), or 'auto': one per CPU when there are"
        " enough directories to gain from it. The report is the same either way.",
    )
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Options of individual rules: `[tool.zoolint.rules.<code-or-name>]`,"
        " validated against each rule's options.",
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

    @field_validator("jobs", mode="before")
    @classmethod
    def _jobs(cls, value: Any) -> Any:
        # One message for both spellings (the union's would be two), and no `true`.
        if value == "auto" or (type(value) is int and value >= 1):
            return value
        raise PydanticCustomError("jobs", "expected a number of processes (1 or more) or 'auto'")


@dataclass(frozen=True)
class ConfigLayer:
    """One source of configuration as the user wrote it, kept so that problems only
    visible against the rule registry (an unknown selector, a bad rule option) can be
    reported with the file and key path they came from.

    `source` names it (a file path, "command line", "configuration"); `prefix` is the
    key path of its table inside the file (`tool.zoolint` in a pyproject.toml).
    """

    source: str
    table: dict[str, Any]
    prefix: tuple[str, ...] = ()


class LoadedConfig:
    """A `Config` with where it came from: globs and `zoo-root` are relative to `base_dir`.

    `layers` are the tables it was merged from (preset excluded), lowest first.
    """

    def __init__(
        self,
        config: Config,
        base_dir: Path,
        source: Path | None = None,
        layers: list[ConfigLayer] | None = None,
    ) -> None:
        self.config = config
        self.base_dir = base_dir
        self.source = source
        if layers is None:
            given = config.model_dump(by_alias=True, exclude_unset=True, mode="json")
            layers = [ConfigLayer(str(source) if source else "configuration", given)]
        self.layers = layers

    def __repr__(self) -> str:
        return f"LoadedConfig(source={self.source!r}, base_dir={self.base_dir!r})"

    @property
    def zoo_root(self) -> Path:
        if self.config.zoo_root is None:
            return self.base_dir
        return (self.base_dir / self.config.zoo_root).resolve()
