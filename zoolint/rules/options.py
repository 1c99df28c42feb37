"""Typed options of individual rules: `[tool.zoolint.rules.<code-or-name>]`.

A rule declares its options as a pydantic model (`@rule(..., options=MyOptions)`);
subclass `zoolint.config.section.ConfigSection` so that keys are kebab-case and unknown
keys are rejected like everywhere else in the configuration. The table may be keyed by
the rule's code or its name. `zoolint.config.check` validates every table against its
rule (naming the file and key) before any rule runs, so here it can no longer fail
for a configuration that went through `zoolint.lint`.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from zoolint.config.errors import ConfigError, describe_validation_error
from zoolint.config.model import Config
from zoolint.rules.base import Rule


def raw_options(rule: Rule, config: Config) -> dict[str, Any]:
    """The options given for `rule`: its code's table, then its name's."""
    raw: dict[str, Any] = {}
    for key in (rule.code, rule.name):
        raw.update(config.rules.get(key, {}))
    return raw


def options_for(rule: Rule, config: Config) -> BaseModel:
    """Validate the options given for `rule` (by code or by name) against its model."""
    try:
        return rule.options.model_validate(raw_options(rule, config))
    except ValidationError as exc:
        lines = describe_validation_error("configuration", exc, ("rules", rule.code), rule.options)
        raise ConfigError("\n".join(lines)) from None
