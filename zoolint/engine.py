"""The engine: run the enabled rules over model directories and collect a report.

The engine, not the rule, stamps code, name and severity on each finding. A rule runs
only when every artifact it needs parsed; a broken artifact is reported once, by the
rule that owns its format, so one bad file never cascades. A rule that raises is
reported as ZL001 and marks the report as an internal error (exit 2), rather than
taking the whole run down.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from zoolint.config.loader import ConfigError
from zoolint.config.model import LoadedConfig
from zoolint.config.selection import enabled_rules, severity_of
from zoolint.diagnostics import Diagnostic, Finding, Severity
from zoolint.io.artifact import Parsed
from zoolint.model import ModelDir
from zoolint.rules.base import Rule, RuleContext, Zoo, ZooContext
from zoolint.rules.options import options_for

INTERNAL_ERROR_CODE = "ZL001"


@dataclass
class ModelSummary:
    """What the report says about one linted directory besides its diagnostics."""

    root: Path
    relpath: str
    stub: str | None
    layout: str | None
    loose_file: str | None = None
    # The lowest severity that fails the run under this directory's configuration.
    fail_on: Severity = Severity.ERROR
    # Codes of the rules that ran on this directory (JUnit lists one test case each).
    rules: tuple[str, ...] = ()


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    models: list[ModelSummary] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    internal_errors: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for diagnostic in self.diagnostics if diagnostic.severity == severity)

    def worst(self) -> Severity | None:
        return max((d.severity for d in self.diagnostics), default=None, key=lambda s: s.rank)

    def fail_thresholds(self) -> dict[Path, Severity]:
        """Each directory's `fail-on` severity (error for a directory not listed)."""
        return {summary.root: summary.fail_on for summary in self.models}

    def fails(self, diagnostic: Diagnostic) -> bool:
        """Whether `diagnostic` is at or above the `fail-on` severity of its directory's
        configuration (error when the directory is not among `models`)."""
        threshold = self.fail_thresholds().get(diagnostic.model_root, Severity.ERROR)
        return diagnostic.severity >= threshold

    @property
    def failures(self) -> int:
        """How many diagnostics fail the run: what makes the command line exit 1."""
        thresholds = self.fail_thresholds()
        return sum(
            1
            for diagnostic in self.diagnostics
            if diagnostic.severity >= thresholds.get(diagnostic.model_root, Severity.ERROR)
        )


def _stamp(rule: Rule, severity: Severity, finding: Finding, model: ModelDir) -> Diagnostic:
    return Diagnostic(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=finding.message,
        model_root=finding.model_root or model.root,
        path=finding.path,
        line=finding.line,
        column=finding.column,
        key_path=finding.key_path,
        hint=finding.hint,
    )


def _internal_error(rule: Rule, model: ModelDir, exc: BaseException) -> Diagnostic:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    return Diagnostic(
        code=INTERNAL_ERROR_CODE,
        name="internal-error",
        severity=Severity.ERROR,
        message=(
            f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}"
            f" (at {Path(where.filename).name}:{where.lineno}); please report this"
        ),
        model_root=model.root,
    )


def _needs_met(rule: Rule, model: ModelDir) -> bool:
    return all(isinstance(need(model), Parsed) for need in rule.needs)


class Engine:
    """Runs one configuration's rules; reusable across many model directories."""

    def __init__(self, rules: Sequence[Rule], loaded: LoadedConfig) -> None:
        self.loaded = loaded
        config = loaded.config
        problems = config.file_errors(loaded.base_dir)
        if problems:
            source = str(loaded.source) if loaded.source is not None else "configuration"
            raise ConfigError("\n".join(f"{source}: {problem}" for problem in problems))
        self.rules = enabled_rules(rules, config)
        self.severities = {rule.code: severity_of(rule, config) for rule in self.rules}
        self.options = {rule.code: options_for(rule, config) for rule in self.rules}
        self.internal_errors = 0

    def lint_model(self, model: ModelDir, zoo: Zoo) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        for rule in self.rules:
            if rule.scope != "model" or (model.is_loose_file and not rule.loose_files):
                continue
            context = RuleContext(
                model, zoo, self.loaded.config, self.options[rule.code], self.loaded.base_dir
            )
            diagnostics.extend(self._run(rule, model, context))
        return diagnostics

    def lint_zoo(self, zoo: Zoo) -> list[Diagnostic]:
        diagnostics: list[Diagnostic] = []
        if not zoo.models:
            return diagnostics
        for rule in self.rules:
            if rule.scope != "zoo":
                continue
            context = ZooContext(zoo, self.loaded.config, self.options[rule.code])
            diagnostics.extend(self._run(rule, zoo.models[0], context))
        return diagnostics

    def _run(
        self, rule: Rule, model: ModelDir, context: RuleContext | ZooContext
    ) -> list[Diagnostic]:
        severity = self.severities[rule.code]
        try:
            if rule.scope == "model" and not _needs_met(rule, model):
                return []
            return [_stamp(rule, severity, finding, model) for finding in rule.check(context)]
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not end the run
            self.internal_errors += 1
            return [_internal_error(rule, model, exc)]
