"""Typed options of individual rules: `[tool.zoolint.rules.<code-or-name>]`."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ValidationError

from zoolint.config.loader import ConfigError, describe_validation_error
from zoolint.config.model import Config
from zoolint.rules.base import Rule


def options_for(rule: Rule, config: Config) -> BaseModel:
    """Validate the options given for `rule` (by code or by name) against its model."""
    raw: dict[str, object] = {}
    for key in (rule.code, rule.name):
        raw.update(config.rules.get(key, {}))
    try:
        return rule.options.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(
            describe_validation_error(f"rules.{rule.name}", exc)
        ) from None


def unknown_rule_keys(config: Config, rules: Sequence[Rule]) -> list[str]:
    """Keys of `[tool.zoolint.rules]` that name no rule."""
    known = {rule.code for rule in rules} | {rule.name for rule in rules}
    return sorted(key for key in config.rules if key not in known)
