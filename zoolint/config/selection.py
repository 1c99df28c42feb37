"""Which rules are enabled, and at which severity, under a configuration.

Selectors are codes, code prefixes ("LAY", "LAY00"), rule names, or "ALL". As in
flake8 and ruff, the most specific matching selector wins, so `select = ["LAY"]` with
`ignore = ["LAY003"]` turns off just LAY003, and `ignore = ["LAY"]` with
`extend-select = ["LAY003"]` keeps just LAY003; on a tie, ignore wins. A code or a name
is the most specific; a longer prefix is more specific than a shorter one; "ALL" least.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zoolint.config.model import Config
from zoolint.diagnostics import Severity
from zoolint.rules.base import Rule

# Specificity of a selector naming a rule exactly (its code or its name).
_EXACT = 1000


def selector_specificity(selector: str, rule: Rule) -> int:
    """How specifically `selector` names `rule`; 0 when it does not match it."""
    if selector == "ALL":
        return 1
    if selector == rule.name or selector == rule.code:
        return _EXACT
    if rule.code.startswith(selector) and selector[:1].isalpha() and selector.isupper():
        return 1 + len(selector)
    return 0


def _best(selectors: Iterable[str], rule: Rule) -> int:
    return max((selector_specificity(s, rule) for s in selectors), default=0)


def is_enabled(rule: Rule, config: Config) -> bool:
    """Whether `rule` runs. Without `select`, the rules on by default are selected (the
    strict preset sets `select = ["ALL"]`, which takes in the rules off by default)."""
    if config.select is None:
        base = ["ALL"] if rule.default_enabled and not rule.strict_only else []
    else:
        base = list(config.select)
    chosen = _best([*base, *config.extend_select], rule)
    dropped = _best([*config.ignore, *config.extend_ignore], rule)
    return chosen > 0 and chosen > dropped


def enabled_rules(rules: Sequence[Rule], config: Config) -> list[Rule]:
    return [rule for rule in rules if is_enabled(rule, config)]


def severity_of(rule: Rule, config: Config) -> Severity:
    """The rule's severity, after the most specific override in `config.severity`."""
    best = 0
    severity = rule.severity
    for selector, override in config.severity.items():
        specificity = selector_specificity(selector, rule)
        if specificity > best:
            best, severity = specificity, override
    return severity
