"""Every rule zoolint has, family by family. Registration is this one explicit list."""

from __future__ import annotations

from zoolint.files import rules as file_rules
from zoolint.layout import rules as layout_rules
from zoolint.rules import meta
from zoolint.rules.base import Rule

ALL_RULES: list[Rule] = [
    *meta.RULES,
    *file_rules.RULES,
    *layout_rules.RULES,
]


def find_rule(code_or_name: str) -> Rule | None:
    for candidate in ALL_RULES:
        if code_or_name in (candidate.code, candidate.name):
            return candidate
    return None
