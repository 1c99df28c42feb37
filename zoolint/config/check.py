"""Checks of a configuration that need the rule registry.

A selector that matches no rule, or options for a rule that does not exist, silently
disable a check the user meant to configure; both are errors, naming the source (file
or command line) and the key path as the user wrote them. Each source is checked on
its own so that the message points at the right place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from zoolint.config.errors import ConfigError, describe_validation_error, did_you_mean, key_path
from zoolint.config.model import ConfigLayer, LoadedConfig
from zoolint.config.selection import selector_specificity
from zoolint.rules.base import Rule

SELECTOR_LISTS = ("select", "extend-select", "ignore", "extend-ignore")


def _selectors(table: dict[str, Any]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every selector a table holds, with its key path."""
    for key in SELECTOR_LISTS:
        for index, selector in enumerate(table.get(key) or []):
            yield (key, index), selector
    for selector in table.get("severity") or {}:
        yield ("severity", selector), selector
    for pattern, selectors in (table.get("per-path-ignores") or {}).items():
        for index, selector in enumerate(selectors):
            yield ("per-path-ignores", pattern, index), selector


def _selector_problems(layer: ConfigLayer, rules: Sequence[Rule]) -> list[str]:
    vocabulary = [rule.code for rule in rules] + [rule.name for rule in rules]
    problems = []
    for path, selector in _selectors(layer.table):
        if any(selector_specificity(selector, rule) for rule in rules):
            continue
        problems.append(
            f"{layer.source}: {key_path((*layer.prefix, *path))}: {selector!r} matches no rule"
            f"{did_you_mean(selector, vocabulary)}; expected a rule code, a code prefix,"
            " a rule name or ALL"
        )
    return problems


def _rule_option_problems(layer: ConfigLayer, rules: Sequence[Rule]) -> list[str]:
    by_key = {rule.code: rule for rule in rules} | {rule.name: rule for rule in rules}
    problems = []
    seen: dict[str, str] = {}
    for key, options in (layer.table.get("rules") or {}).items():
        where = (*layer.prefix, "rules", key)
        rule = by_key.get(key)
        if rule is None:
            problems.append(
                f"{layer.source}: {key_path(where)}: no rule has this code or name"
                f"{did_you_mean(key, by_key)}"
            )
            continue
        if rule.code in seen:
            problems.append(
                f"{layer.source}: {key_path(where)}: {rule.code} is also configured as"
                f" rules.{seen[rule.code]}; configure each rule once"
            )
            continue
        seen[rule.code] = key
        try:
            rule.options.model_validate(options)
        except ValidationError as exc:
            problems += describe_validation_error(layer.source, exc, where, rule.options)
    return problems


def check_config(loaded: LoadedConfig, rules: Sequence[Rule]) -> None:
    """Raise `ConfigError` listing every selector and rule option that `rules` reject."""
    problems = []
    for layer in loaded.layers:
        problems += _selector_problems(layer, rules)
        problems += _rule_option_problems(layer, rules)
    if problems:
        raise ConfigError("\n".join(problems))
