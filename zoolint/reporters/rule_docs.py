"""Rule documentation for `zoolint rules`, `zoolint rule CODE` and SARIF's rule help.

A rule's documentation is its docstring; this module only adds the facts around it
(code, name, severity, whether it is on by default, its options and their defaults).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from zoolint.rules.base import Rule


@dataclass(frozen=True)
class OptionDoc:
    key: str
    type: str
    default: Any
    description: str | None


def _type_name(annotation: object) -> str:
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def rule_options(rule: Rule) -> list[OptionDoc]:
    """The options of `rule` as written in `[tool.zoolint.rules.<code>]`."""
    docs = []
    for name, field in rule.options.model_fields.items():
        default = field.get_default(call_default_factory=True)
        docs.append(
            OptionDoc(
                key=field.alias or name,
                type=_type_name(field.annotation),
                default=None if default is PydanticUndefined else _jsonable(default),
                description=field.description,
            )
        )
    return docs


def first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def rule_to_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "summary": rule.summary,
        "enabled_by_default": _on_by_default(rule),
        "scope": rule.scope,
        "options": {
            option.key: {
                "type": option.type,
                "default": option.default,
                "description": option.description,
            }
            for option in rule_options(rule)
        },
        "documentation": rule.doc,
    }


def _on_by_default(rule: Rule) -> bool:
    return rule.default_enabled and not rule.strict_only


def _enabled_phrase(rule: Rule) -> str:
    if rule.strict_only:
        return "no (the strict preset enables it)"
    return "yes" if rule.default_enabled else "no (enable it with --extend-select)"


def render_rule_list(rules: Sequence[Rule], fmt: str = "text") -> str:
    """`zoolint rules`: code, name, default severity and summary of every rule."""
    if fmt == "json":
        rows = [
            {key: value for key, value in rule_to_dict(rule).items() if key != "documentation"}
            for rule in rules
        ]
        return json.dumps(rows, indent=2) + "\n"
    if not rules:
        return "No rules.\n"
    code_width = max(len(rule.code) for rule in rules)
    name_width = max(len(rule.name) for rule in rules)
    lines = [
        f"{rule.code:<{code_width}}  {rule.name:<{name_width}}  {rule.severity.value:<7}"
        f"  {rule.summary}{'' if _on_by_default(rule) else ' (off by default)'}"
        for rule in rules
    ]
    return "\n".join(lines) + "\n"


def render_rule_doc(rule: Rule) -> str:
    """`zoolint rule CODE`: the rule's docstring with its code, name, severity, options."""
    lines = [
        f"{rule.code} ({rule.name})",
        "",
        rule.summary,
        "",
        f"Default severity: {rule.severity.value}",
        f"Enabled by default: {_enabled_phrase(rule)}",
        "",
        rule.doc,
        "",
    ]
    options = rule_options(rule)
    if options:
        lines.append(f"Options ([tool.zoolint.rules.{rule.code}] or .{rule.name}):")
        for option in options:
            default = json.dumps(option.default)
            lines.append(f"  {option.key} ({option.type}, default {default})")
            if option.description:
                lines.append(f"      {option.description}")
    else:
        lines.append("Options: none.")
    return "\n".join(lines) + "\n"


def rule_help_markdown(rule: Rule) -> str:
    """The rule's documentation as markdown (SARIF `help.markdown`)."""
    parts = [f"**{rule.code} ({rule.name})**: {rule.summary}", "", rule.doc]
    options = rule_options(rule)
    if options:
        parts += ["", "Options:", ""]
        parts += [
            f"- `{option.key}` ({option.type}, default `{json.dumps(option.default)}`)"
            + (f": {option.description}" if option.description else "")
            for option in options
        ]
    return "\n".join(parts)
