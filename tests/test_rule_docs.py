"""`zoolint rule` prints a rule's docstring with its facts, options and their defaults."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import Field

from zoolint.config.section import ConfigSection
from zoolint.diagnostics import Finding, Severity
from zoolint.reporters.rule_docs import (
    render_rule_doc,
    render_rule_list,
    rule_help_markdown,
    rule_to_dict,
)
from zoolint.rules.base import RuleContext, rule


class SparsityOptions(ConfigSection):
    tolerance: float = Field(0.02, description="How far the final sparsity may stray.")
    allowed_targets: list[str] = Field(default_factory=lambda: ["disk", "edge"])


@rule(
    code="ZZD001",
    name="sparsity-claim",
    summary="The recipe's final sparsity does not match the stub.",
    severity=Severity.WARNING,
    options=SparsityOptions,
    default_enabled=False,
)
def sparsity_claim(ctx: RuleContext) -> Iterator[Finding]:
    """The stub says `pruned95`, the recipe ends at another sparsity.

    Why: the name is what users choose a model by.
    """
    return iter(())


def test_rule_doc_with_options() -> None:
    assert render_rule_doc(sparsity_claim) == (
        "ZZD001 (sparsity-claim)\n"
        "\n"
        "The recipe's final sparsity does not match the stub.\n"
        "\n"
        "Default severity: warning\n"
        "Enabled by default: no (enable it with --extend-select)\n"
        "\n"
        "The stub says `pruned95`, the recipe ends at another sparsity.\n"
        "\n"
        "Why: the name is what users choose a model by.\n"
        "\n"
        "Options ([tool.zoolint.rules.ZZD001] or .sparsity-claim):\n"
        "  tolerance (float, default 0.02)\n"
        "      How far the final sparsity may stray.\n"
        '  allowed-targets (list[str], default ["disk", "edge"])\n'
    )


def test_rule_as_data_and_markdown() -> None:
    data = rule_to_dict(sparsity_claim)
    assert data["options"] == {
        "tolerance": {
            "type": "float",
            "default": 0.02,
            "description": "How far the final sparsity may stray.",
        },
        "allowed-targets": {"type": "list[str]", "default": ["disk", "edge"], "description": None},
    }
    assert data["enabled_by_default"] is False
    json.dumps(data)  # serialisable as it is
    assert rule_help_markdown(sparsity_claim).endswith(
        "Options:\n\n"
        "- `tolerance` (float, default `0.02`): How far the final sparsity may stray.\n"
        '- `allowed-targets` (list[str], default `["disk", "edge"]`)'
    )


def test_rule_list_marks_rules_off_by_default() -> None:
    assert render_rule_list([sparsity_claim]) == (
        "ZZD001  sparsity-claim  warning  The recipe's final sparsity does not match the"
        " stub. (off by default)\n"
    )
