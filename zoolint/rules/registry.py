"""Every rule zoolint has, family by family. Registration is this one explicit list."""

from __future__ import annotations

from zoolint.card import rules as card_rules
from zoolint.checkpoints import rules as checkpoint_rules
from zoolint.files import rules as file_rules
from zoolint.graph import rules as graph_rules
from zoolint.layout import rules as layout_rules
from zoolint.recipes import rules as recipe_rules
from zoolint.reports import rules as report_rules
from zoolint.rules import meta
from zoolint.rules.base import Rule
from zoolint.samples import rules as sample_rules
from zoolint.stubs import rules as stub_rules

ALL_RULES: list[Rule] = [
    *meta.RULES,
    *file_rules.RULES,
    *layout_rules.RULES,
    *stub_rules.RULES,
    *card_rules.RULES,
    *recipe_rules.RULES,
    *report_rules.METRICS_RULES,
    *report_rules.BENCHMARKS_RULES,
    *sample_rules.RULES,
    *checkpoint_rules.RULES,
    *graph_rules.RULES,
]


def find_rule(code_or_name: str) -> Rule | None:
    for candidate in ALL_RULES:
        if code_or_name in (candidate.code, candidate.name):
            return candidate
    return None
