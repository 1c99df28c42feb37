"""What a rule is, and what it is handed when it runs.

A rule is a small generator function wrapped by `@rule(...)` into a `Rule`: a stable
code (family prefix and number), a kebab-case name, a one-line summary, a default
severity, typed options, the artifacts it needs, and its docstring as user
documentation. Rules never open files: they ask their `ModelDir` for artifacts, and
the engine runs them only when every artifact in `needs` parsed.

Registration is explicit: each family module lists its rules in `RULES`, and
`zoolint.rules.registry` lists the families.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from zoolint.diagnostics import Finding, Severity
from zoolint.io.artifact import Artifact

if TYPE_CHECKING:
    from zoolint.config.model import Config
    from zoolint.model import ModelDir

CODE_PATTERN = re.compile(r"^[A-Z]{2,8}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

OptionsT = TypeVar("OptionsT", bound=BaseModel)


class NoOptions(BaseModel):
    """Options of a rule that has none."""

    model_config = ConfigDict(extra="forbid")


# A requirement: an accessor that returns the artifact a rule needs.
Requirement = Callable[["ModelDir"], Artifact[Any]]


@dataclass
class RuleContext(Generic[OptionsT]):
    """What a per-model rule sees: its model directory, the zoo, config and options.

    `base_dir` is the configuration file's directory: files the configuration names
    (a zoo's extra schemas) are relative to it."""

    model: ModelDir
    zoo: Zoo
    config: Config
    options: OptionsT
    base_dir: Path | None = None


@dataclass
class ZooContext(Generic[OptionsT]):
    """What a zoo-wide rule sees: every model directory of the run."""

    zoo: Zoo
    config: Config
    options: OptionsT


@dataclass
class Zoo:
    """All model directories of one run, for checks across models and stub lookups."""

    models: list[ModelDir] = field(default_factory=list)
    _index: dict[str, ModelDir] | None = field(default=None, init=False, repr=False)

    def by_relpath(self, relpath: str) -> ModelDir | None:
        if self._index is None:  # built once: lookups happen per stub, per model
            self._index = {}
            for model in self.models:
                if not model.is_loose_file:
                    self._index.setdefault(model.relpath, model)
        return self._index.get(relpath)


CheckFn = Callable[[Any], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    severity: Severity
    check: CheckFn
    needs: tuple[Requirement, ...] = ()
    options: type[BaseModel] = NoOptions
    scope: Literal["model", "zoo"] = "model"
    # Whether the rule also runs on a single file linted outside any model directory.
    loose_files: bool = False
    # Rules off by default are turned on by `select`, `extend-select` or the strict preset.
    default_enabled: bool = True
    strict_only: bool = False

    @property
    def family(self) -> str:
        return re.sub(r"[0-9]+$", "", self.code)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or self.summary)

    def __post_init__(self) -> None:
        if not CODE_PATTERN.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be letters then three digits")
        if not NAME_PATTERN.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")


def rule(
    *,
    code: str,
    name: str,
    summary: str,
    severity: Severity,
    needs: tuple[Requirement, ...] = (),
    options: type[BaseModel] = NoOptions,
    scope: Literal["model", "zoo"] = "model",
    loose_files: bool = False,
    default_enabled: bool = True,
    strict_only: bool = False,
) -> Callable[[CheckFn], Rule]:
    """Wrap a check function into a `Rule`. It registers nothing by itself."""

    def wrap(check: CheckFn) -> Rule:
        return Rule(
            code=code,
            name=name,
            summary=summary,
            severity=severity,
            check=check,
            needs=needs,
            options=options,
            scope=scope,
            loose_files=loose_files,
            default_enabled=default_enabled,
            strict_only=strict_only,
        )

    return wrap
